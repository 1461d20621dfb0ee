// The fonts that npm ci brings (fonts.server.ts) draw every character a certificate prints in each of
// the six languages: the certificate's own strings with dates, ids and URLs filled in, the seeded
// course titles (in every language: a French certificate may carry a course only titled in Chinese),
// the demo organisation and learner names. Each string is laid out as pdf.server.ts lays it out
// (text-layout.server.ts: bidi, one face per script, fallback to whichever face has the glyph) and
// no glyph may be .notdef (glyph 0, the empty box a reader would see).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { demoAccounts, demoOrganizations } from "~/demo/demo-data.server";
import { direction, supportedLocales } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import { bundledFontFile, fontFile, getFont, type Face, type Weight } from "./fonts.server";
import { layoutLine } from "./text-layout.server";

// What ships is what is checked, whatever the machine's environment says.
for (const name of Object.keys(process.env)) if (name === "CERT_FONTS_DIR" || name.startsWith("CERT_FONT_")) delete process.env[name];

function courseTitles(): string[] {
  const titles: string[] = [];
  for (const root of ["courses", "tests/fixtures/courses"]) {
    // course folders only (courses/ also holds the terminology.<locale>.yaml files)
    for (const entry of readdirSync(root, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const slug = entry.name;
      const course = YAML.parse(readFileSync(path.join(root, slug, "course.yaml"), "utf8")) as { title: Record<string, string> };
      titles.push(...Object.values(course.title));
    }
  }
  return titles;
}

const names = [
  ...demoAccounts.map((account) => account.name),
  ...Object.values(demoOrganizations).map((org) => org.name),
  // holder names in the scripts the platform's learners write (scripts/bench-certificates.ts uses them too)
  "أمينة حداد",
  "李伟",
  "Ольга Петрова",
  "Nadia Benali",
  "Ñandú Çelik-Øster",
];

describe("the shipped fonts cover every character of a certificate", () => {
  it("the fonts are the ones npm ci brings", () => {
    for (const face of ["sans", "arabic", "cjk"] as Face[]) {
      for (const weight of ["regular", "bold"] as Weight[]) {
        expect(fontFile(face, weight)).toBe(bundledFontFile(face, weight));
        expect(fontFile(face, weight)).toContain(`${path.sep}node_modules${path.sep}`);
      }
    }
  });

  const facesUsed = new Set<Face>();

  for (const locale of supportedLocales) {
    it(`${locale}: certificate strings, dates, course titles and names lay out without a missing glyph`, async () => {
      const t = await getFixedT(locale, ["certificates", "common"]);
      const dates = Array.from({ length: 12 }, (_, month) =>
        new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "long" }).format(new Date(Date.UTC(2026, month, 28))),
      );
      const id = "01JD8V7ZQK3M4N5P6R7S8T9VWX";
      const url = `https://learn.example.org/verify/${id}`;
      const strings = [
        t("common:appName"),
        t("certificates:pdf.title"),
        t("certificates:pdf.certifies"),
        t("certificates:pdf.completed"),
        t("certificates:pdf.note"),
        t("certificates:pdf.verifyAt", { url }),
        t("certificates:fields.certificateId", { id }),
        ...(["valid", "expired", "revoked"] as const).map((state) => t(`certificates:state.${state}`)),
        ...dates.flatMap((date) => [t("certificates:fields.completedOn", { date }), t("certificates:fields.validUntil", { date })]),
        ...Object.values(demoOrganizations).map((org) => t("certificates:pdf.offeredBy", { academy: org.name, version: 12 })),
        ...courseTitles(),
        ...names,
      ];
      const missing: string[] = [];
      for (const text of strings) {
        expect(text, "a translated string, not its key").not.toMatch(/^certificates:|^common:/);
        for (const weight of ["regular", "bold"] as Weight[]) {
          const line = layoutLine(text, { size: 12, weight, direction: direction(locale) });
          for (const chunk of line.chunks) {
            facesUsed.add(chunk.face);
            const run = getFont(chunk.face, weight).layout(chunk.text, []);
            const glyphs = run.glyphs as { id: number; codePoints: number[] }[];
            for (const glyph of glyphs) {
              if (glyph.id === 0) missing.push(`${String.fromCodePoint(...glyph.codePoints)} (${chunk.face}-${weight}) in "${text}"`);
            }
          }
        }
      }
      expect(missing).toEqual([]);
    });
  }

  // The smallest set: Arabic and Chinese each need their own face. (Noto Sans SC also has Latin and
  // Cyrillic letters, but Noto Sans draws them with Noto's own design and a real bold, and is 0.6 MB.)
  it("every shipped face is used, and the Arabic and Chinese faces draw what no other one can", () => {
    expect([...facesUsed].sort()).toEqual(["arabic", "cjk", "sans"]);
    const has = (face: Face, ch: string) => getFont(face, "regular").hasGlyphForCodePoint(ch.codePointAt(0)!);
    expect([has("sans", "ب"), has("cjk", "ب"), has("arabic", "ب")]).toEqual([false, false, true]);
    expect([has("sans", "权"), has("arabic", "权"), has("cjk", "权")]).toEqual([false, false, true]);
  });
});
