import type { i18n as I18n, TFunction } from "i18next";
import { useTranslation } from "react-i18next";

/** UN mechanism and SDG tags, translated (SDG-11.3 → "SDG target 11.3"). */
export function TagList({ tags, label }: { tags: string[]; label?: string }) {
  const { t, i18n } = useTranslation("learning");
  if (tags.length === 0) return null;
  const labels = labelsOf(i18n);
  const translate = (key: string, make: () => string) => {
    if (!labels) return make();
    let text = labels.get(key);
    if (text === undefined) labels.set(key, (text = make()));
    return text;
  };
  return (
    <ul className="tags" aria-label={label ?? translate("", () => t("lesson.tags"))}>
      {tags.map((tag) => (
        <li key={tag} className="badge">
          {translate(tag, () => tagText(t, tag))}
        </li>
      ))}
    </ul>
  );
}

function tagText(t: TFunction<"learning">, tag: string): string {
  const sdg = /^SDG-(.+)$/.exec(tag);
  return sdg ? t(sdg[1].includes(".") ? "tags.sdg" : "tags.sdgGoal", { target: sdg[1] }) : t(`tags.${tag}`);
}

// A course page lists every lesson's tags (~80 on a long course), and each label was a t() call with
// interpolation, ~10 µs of i18next apiece (~0.4 ms of the page; docs/performance.md). The labels are
// kept per i18next instance and language: the server keeps one instance per language for good (a
// fresh one per request in development), and the browser's is cached from only once its "learning"
// strings have arrived. The tags are those of the published courses, a few dozen.
const kept = new WeakMap<I18n, Map<string, Map<string, string>>>();

function labelsOf(i18n: I18n): Map<string, string> | null {
  if (!i18n?.language || !i18n.hasLoadedNamespace("learning")) return null;
  let languages = kept.get(i18n);
  if (!languages) kept.set(i18n, (languages = new Map()));
  let labels = languages.get(i18n.language);
  if (!labels) languages.set(i18n.language, (labels = new Map()));
  return labels;
}
