import type { Locale } from "~/i18n/config";
import type { CourseContent, LocalizedText } from "~/courses/schema";

// Every text of a course an author writes or translates, with a stable id built from the keys
// (keys are [a-z0-9-], so "." separates them safely). The translation page, the completeness bars
// and the "outdated" flags all walk this one list.

export type TextKind =
  | "courseTitle"
  | "courseSummary"
  | "moduleTitle"
  | "lessonTitle"
  | "lessonBody"
  | "quizTitle"
  | "questionText"
  | "explanation"
  | "optionText"
  | "optionFeedback";

export type TextEntry = {
  id: string;
  kind: TextKind;
  /** Needed for the locale to be complete (ordering feedback is optional in the file format). */
  required: boolean;
  multiline: boolean;
  values: LocalizedText;
  /** Keys that say where the text belongs, for headings on the translation page. */
  where: { moduleKey?: string; lessonKey?: string; questionKey?: string; optionKey?: string };
};

export function listTexts(content: CourseContent): TextEntry[] {
  const out: TextEntry[] = [
    { id: "course.title", kind: "courseTitle", required: true, multiline: false, values: content.title, where: {} },
    { id: "course.summary", kind: "courseSummary", required: true, multiline: true, values: content.summary, where: {} },
  ];
  for (const m of content.modules) {
    const mk = m.key;
    out.push({ id: `m.${mk}.title`, kind: "moduleTitle", required: true, multiline: false, values: m.title, where: { moduleKey: mk } });
    for (const l of m.lessons) {
      const where = { moduleKey: mk, lessonKey: l.key };
      out.push({ id: `m.${mk}.l.${l.key}.title`, kind: "lessonTitle", required: true, multiline: false, values: l.title, where });
      out.push({ id: `m.${mk}.l.${l.key}.body`, kind: "lessonBody", required: true, multiline: true, values: l.markdown, where });
    }
    out.push({ id: `m.${mk}.quiz.title`, kind: "quizTitle", required: true, multiline: false, values: m.quiz.title, where: { moduleKey: mk } });
    for (const q of m.quiz.questions) {
      const where = { moduleKey: mk, questionKey: q.key };
      out.push({ id: `m.${mk}.q.${q.key}.text`, kind: "questionText", required: true, multiline: true, values: q.text, where });
      out.push({ id: `m.${mk}.q.${q.key}.explanation`, kind: "explanation", required: true, multiline: true, values: q.explanation, where });
      for (const o of q.options) {
        const ow = { ...where, optionKey: o.key };
        if (q.type !== "true-false") {
          out.push({ id: `m.${mk}.q.${q.key}.o.${o.key}.text`, kind: "optionText", required: true, multiline: false, values: o.text, where: ow });
        }
        out.push({
          id: `m.${mk}.q.${q.key}.o.${o.key}.feedback`,
          kind: "optionFeedback",
          required: q.type !== "ordering",
          multiline: true,
          values: o.feedback,
          where: ow,
        });
      }
    }
  }
  return out;
}

/** Sets one text (an empty value removes it). Mutates `content`: pass a copy. */
export function setText(content: CourseContent, id: string, locale: Locale, value: string): boolean {
  const entry = listTexts(content).find((e) => e.id === id);
  if (!entry) return false;
  const trimmed = entry.kind === "lessonBody" ? value.replace(/\r\n/g, "\n") : value.trim();
  if (trimmed.trim()) entry.values[locale] = trimmed;
  else delete entry.values[locale];
  return true;
}

/** Share of the required texts that exist in `locale`, 0..1 (a course without texts counts as 0). */
export function completeness(content: CourseContent, locale: Locale): number {
  const required = listTexts(content).filter((e) => e.required);
  if (required.length === 0) return 0;
  return required.filter((e) => Boolean(e.values[locale]?.trim())).length / required.length;
}

/** A short, stable fingerprint of a source text (FNV-1a, 32 bits): enough to notice a change. */
export function textHash(text: string | undefined): string {
  let h = 0x811c9dc5;
  for (const ch of text ?? "") {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** locale → text id → hash of the source text the translation was made from. */
export type TranslationSources = Partial<Record<Locale, Record<string, string>>>;

/**
 * A translation is outdated when the source text changed since it was saved. Translations without a
 * record (imported from files) are taken as current: there is nothing to compare them with.
 */
export function isOutdated(entry: TextEntry, source: Locale, target: Locale, sources: TranslationSources): boolean {
  if (target === source || !entry.values[target]) return false;
  const recorded = sources[target]?.[entry.id];
  return recorded !== undefined && recorded !== textHash(entry.values[source]);
}

/** Turns a title into a key (lowercase ASCII letters, digits, hyphens), or "" when nothing is left. */
export function keyFromTitle(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/g, "");
}

/** A key not in `taken`: `wanted`, else `<fallback>-<n>`. */
export function freeKey(wanted: string, fallback: string, taken: string[]): string {
  if (wanted && !taken.includes(wanted)) return wanted;
  const base = wanted || fallback;
  for (let n = 1; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}
