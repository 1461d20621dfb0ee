// The tag labels (app/components/TagList.tsx) are kept per i18next instance and language: each
// language still gets its own words, a language switch in the browser is followed, and strings that
// have not arrived yet are not kept.
import { createInstance } from "i18next";
import { renderToStaticMarkup } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { TagList } from "./TagList";
import ar from "../../locales/ar/learning.json";
import fr from "../../locales/fr/learning.json";

async function instance(resources: Record<string, { learning: object }>, lng: string) {
  const i18n = createInstance().use(initReactI18next);
  await i18n.init({ lng, fallbackLng: false, ns: ["learning"], defaultNS: "learning", resources, interpolation: { escapeValue: false } });
  return i18n;
}

const render = (i18n: Awaited<ReturnType<typeof instance>>, tags: string[]) =>
  renderToStaticMarkup(
    <I18nextProvider i18n={i18n}>
      <TagList tags={tags} />
    </I18nextProvider>,
  );

describe("TagList", () => {
  it("labels SDG targets, goals and mechanisms in the page's language, the same at every render", async () => {
    const i18n = await instance({ fr: { learning: fr } }, "fr");
    const first = render(i18n, ["SDG-5.c", "SDG-16", "UPR"]);
    expect(first).toContain(`aria-label="Mécanismes de l&#x27;ONU et cibles des ODD concernés"`);
    expect(first).toContain(">Cible 5.c des ODD<");
    expect(first).toContain(">ODD 16<");
    expect(first).toContain(">Examen périodique universel<");
    expect(render(i18n, ["SDG-5.c", "SDG-16", "UPR"])).toBe(first);
    expect(render(i18n, ["SDG-10.2"])).toContain(">Cible 10.2 des ODD<");
  });

  it("follows a change of language on the same instance", async () => {
    const i18n = await instance({ fr: { learning: fr }, ar: { learning: ar } }, "fr");
    expect(render(i18n, ["UPR"])).toContain(">Examen périodique universel<");
    await i18n.changeLanguage("ar");
    expect(render(i18n, ["UPR"])).toContain(">الاستعراض الدوري الشامل<");
  });

  it("does not keep labels made before the strings arrived (the browser fetching a namespace)", async () => {
    let deliver!: (strings: object) => void;
    const i18n = createInstance()
      .use({ type: "backend", init() {}, read: (_lng: string, _ns: string, callback: (e: unknown, s: object) => void) => (deliver = (s) => callback(null, s)) })
      .use(initReactI18next);
    const ready = i18n.init({ lng: "fr", fallbackLng: false, ns: ["learning"], defaultNS: "learning", partialBundledLanguages: true, resources: {}, react: { useSuspense: false } });
    expect(render(i18n, ["UPR"])).toContain(">tags.UPR<");
    deliver(fr);
    await ready;
    expect(render(i18n, ["UPR"])).toContain(">Examen périodique universel<");
  });

  it("renders nothing without tags", async () => {
    expect(render(await instance({ fr: { learning: fr } }, "fr"), [])).toBe("");
  });
});
