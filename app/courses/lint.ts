import type { Locale } from "~/i18n/config";
import type { CompiledQuestion, CompiledQuiz, CourseContent, TerminologyFile } from "./schema";

// Quality findings of issue 13 item 6 and issue 14 (durations, terminology): things a course can be
// imported with, but that an academy should fix. They never block an import; `courses:check` exits
// with 1 when a finding is an error ("the quiz clearly fails": a cue alone answers most questions).
// Each finding carries a code and parameters, so the editor shows it in the author's language
// (locales/<lng>/authoring.json "lint.<code>") and the command line in English (findingMessage).

export type Severity = "warning" | "error";
export type FindingCode =
  | "longestCorrect"
  | "trueFalseSame"
  | "stemRepeated"
  | "smallPool"
  | "distractorRepeatsStem"
  | "duration"
  | "terminology"
  | "glossaryMissing";
export type FindingParams = Record<string, string | number>;
export type CourseFinding = { file: string; line: number; severity: Severity; code: FindingCode; params: FindingParams; message: string };

const ENGLISH: Record<FindingCode, (p: FindingParams) => string> = {
  longestCorrect: (p) =>
    `the right answer is the longest option in ${p.count} of ${p.total} single-choice questions (${p.percent} %): a learner who always picks the longest option scores without reading; make the wrong options as long and as precise as the right one`,
  trueFalseSame: (p) =>
    `all ${p.count} true/false questions have the answer "${p.answer}": a learner who always answers "${p.answer}" passes them all; mix true and false statements`,
  stemRepeated: (p) => `the same question text is also in module "${p.module}" (question "${p.question}"): a question belongs to one module`,
  smallPool: (p) =>
    `the pool has ${p.pool} questions for ${p.draw} drawn per attempt: a retake shows mostly the same questions; write at least ${p.needed} questions (2 x the draw; 2.5 x is the aim)`,
  distractorRepeatsStem: (p) =>
    `option "${p.option}" of question "${p.question}" repeats the question text: a wrong option that echoes the question is easy to spot or misleading; rewrite it`,
  duration: (p) =>
    `durationMinutes is ${p.declared}, but the content takes about ${p.estimated} minutes (${p.words} words at 200 a minute + 1.5 minutes per drawn question); off by more than 25 %`,
  terminology: (p) => `"${p.found}": this course uses "${p.use}" instead (courses/terminology.${p.locale}.yaml)`,
  glossaryMissing: (p) => `term "${p.term}" of the source glossary has no ${p.locale} text: learners see the source language`,
};

export function findingMessage(code: FindingCode, params: FindingParams): string {
  return ENGLISH[code](params);
}

export function finding(file: string, line: number, severity: Severity, code: FindingCode, params: FindingParams): CourseFinding {
  return { file, line, severity, code, params, message: findingMessage(code, params) };
}

/** Where the compiler found each question; a finding names the line an author has to change. */
export type QuizPlaces = {
  /** line in modules/<m>/quiz.yaml of a question (or of `questions:`/`draw:` when key is "questions"/"draw") */
  structure(moduleKey: string, key: string): number;
  /** line in modules/<m>/quiz.<source>.yaml of a question's text, or of one of its options */
  text(moduleKey: string, questionKey: string, optionKey?: string): number;
};
const NO_PLACES: QuizPlaces = { structure: () => 1, text: () => 1 };

// ---------- the strategy learner (also used by the tests over the shipped courses) ----------

const lengthOf = (text: string | undefined) => (text ?? "").trim().length;

/**
 * For a single-choice question: the chance that "always pick the longest option" is right (ties are
 * broken at random), or null when the question has no text in that locale.
 */
export function longestOptionCredit(q: CompiledQuestion, locale: Locale): number | null {
  if (q.type !== "single" || q.options.some((o) => !o.text[locale])) return null;
  const lengths = q.options.map((o) => lengthOf(o.text[locale]));
  const max = Math.max(...lengths);
  const longest = q.options.filter((_, i) => lengths[i] === max).map((o) => o.key);
  return longest.includes(q.answer[0]) ? 1 / longest.length : 0;
}

/**
 * Expected score (0-1) of a learner who never reads: picks the longest option (single, and multiple
 * as a one-option answer), answers "false" to every true/false question and leaves an ordering as it
 * is shown (right only when the options are not shuffled and already in order). Over the whole
 * pool: with a random draw this is the expected score of an attempt.
 */
export function strategyScore(quiz: CompiledQuiz, locale: Locale): number {
  if (quiz.questions.length === 0) return 0;
  let total = 0;
  for (const q of quiz.questions) {
    if (q.type === "true-false") total += q.answer[0] === "false" ? 1 : 0;
    else if (q.type === "single") total += longestOptionCredit(q, locale) ?? 0;
    else if (q.type === "multiple") {
      if (q.answer.length !== 1) continue;
      total += longestOptionCredit({ ...q, type: "single" }, locale) ?? 0;
    } else {
      const fixed = !quiz.shuffleOptions || (q as { fixedOrder?: boolean }).fixedOrder === true;
      if (fixed && q.answer.join(",") === q.options.map((o) => o.key).join(",")) total += 1;
    }
  }
  return total / quiz.questions.length;
}

// ---------- the quiz rules ----------

/** Lowercase, letters and digits only, single spaces: "Who is a duty bearer?" ≈ "who is a duty bearer". */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
const wordCount = (normalized: string) => (normalized ? normalized.split(" ").length : 0);

/** A wrong option that is the question itself, or contains it, or is contained in it (4 words or more). */
export function repeatsStem(stem: string, option: string): boolean {
  const s = normalizeText(stem);
  const o = normalizeText(option);
  if (!s || !o) return false;
  if (s === o) return true;
  const shorter = s.length < o.length ? s : o;
  const longer = shorter === s ? o : s;
  return wordCount(shorter) >= 4 && ` ${longer} `.includes(` ${shorter} `);
}

export function lintQuizzes(content: CourseContent, places: QuizPlaces = NO_PLACES): CourseFinding[] {
  const src = content.sourceLocale;
  const base = `courses/${content.slug}/modules`;
  const out: CourseFinding[] = [];
  const stems = new Map<string, { module: string; question: string }>();

  for (const m of content.modules) {
    const quiz = m.quiz;
    const structureFile = `${base}/${m.key}/quiz.yaml`;
    const textFile = `${base}/${m.key}/quiz.${src}.yaml`;

    const singles = quiz.questions.map((q) => longestOptionCredit(q, src)).filter((c): c is number => c !== null);
    const longest = singles.filter((c) => c > 0).length;
    if (singles.length >= 2 && longest / singles.length > 0.5) {
      const percent = Math.round((longest / singles.length) * 100);
      // 80 %: the cue alone answers four single-choice questions in five; the quiz cannot certify
      const severity = singles.length >= 3 && longest / singles.length >= 0.8 ? "error" : "warning";
      out.push(finding(structureFile, places.structure(m.key, "questions"), severity, "longestCorrect", { count: longest, total: singles.length, percent }));
    }

    const trueFalse = quiz.questions.filter((q) => q.type === "true-false");
    if (trueFalse.length >= 2 && trueFalse.every((q) => q.answer[0] === trueFalse[0].answer[0])) {
      const severity = trueFalse.length >= 4 ? "error" : "warning";
      out.push(finding(structureFile, places.structure(m.key, trueFalse[0].key), severity, "trueFalseSame", { count: trueFalse.length, answer: trueFalse[0].answer[0] }));
    }

    const pool = quiz.questions.length;
    const draw = quiz.draw ?? pool;
    if (pool < 2 * draw) {
      out.push(finding(structureFile, places.structure(m.key, quiz.draw ? "draw" : "questions"), "warning", "smallPool", { pool, draw, needed: 2 * draw }));
    }

    for (const q of quiz.questions) {
      const stem = q.text[src];
      if (!stem) continue;
      const norm = normalizeText(stem);
      const other = stems.get(norm);
      if (other && other.module !== m.key) {
        out.push(finding(textFile, places.text(m.key, q.key), "warning", "stemRepeated", { module: other.module, question: other.question }));
      } else if (!other) stems.set(norm, { module: m.key, question: q.key });
      if (q.type !== "single" && q.type !== "multiple") continue;
      for (const o of q.options) {
        if (q.answer.includes(o.key) || !o.text[src]) continue;
        if (repeatsStem(stem, o.text[src]!)) {
          out.push(finding(textFile, places.text(m.key, q.key, o.key), "warning", "distractorRepeatsStem", { question: q.key, option: o.key }));
        }
      }
    }
  }
  return out;
}

// ---------- duration ----------

/** Minutes the content takes: source-locale lesson and tool words at 200 a minute + 1.5 per drawn question. */
export function estimateMinutes(content: CourseContent): { minutes: number; words: number } {
  const src = content.sourceLocale;
  let words = 0;
  let questions = 0;
  for (const m of content.modules) {
    for (const l of m.lessons) words += l.words[src] ?? 0;
    for (const t of m.tools ?? []) words += t.words[src] ?? 0;
    questions += m.quiz.draw ?? m.quiz.questions.length;
  }
  return { minutes: Math.round(words / 200 + questions * 1.5), words };
}

export function lintDuration(content: CourseContent, line: number): CourseFinding[] {
  const { minutes, words } = estimateMinutes(content);
  if (minutes === 0 || Math.abs(content.durationMinutes - minutes) / minutes <= 0.25) return [];
  return [finding(`courses/${content.slug}/course.yaml`, line, "warning", "duration", { declared: content.durationMinutes, estimated: minutes, words })];
}

// ---------- terminology ----------

/** One text of a course in one locale: a whole file of that locale, or one field of a multi-locale YAML file. */
export type LocaleText = { file: string; line: number; locale: Locale; text: string };

const foldApostrophes = (s: string) => s.replace(/[\u2019\u02bc\u2018]/g, "'");

/**
 * Every use of an avoided variant outside its exceptions, case-insensitive (apostrophes ’ and '
 * count as the same), reported at the line where it occurs.
 */
export function lintTerminology(texts: LocaleText[], terminology: Partial<Record<Locale, TerminologyFile>>): CourseFinding[] {
  const out: CourseFinding[] = [];
  for (const t of texts) {
    const rules = terminology[t.locale]?.avoid ?? [];
    if (rules.length === 0) continue;
    t.text.split("\n").forEach((raw, i) => {
      const lower = foldApostrophes(raw).toLocaleLowerCase(t.locale);
      for (const rule of rules) {
        let rest = lower;
        // exceptions are blanked out first, so that a variant inside an official name is not reported
        for (const ex of rule.except) rest = rest.split(foldApostrophes(ex).toLocaleLowerCase(t.locale)).join(" ".repeat(ex.length));
        const variant = foldApostrophes(rule.variant).toLocaleLowerCase(t.locale);
        const at = rest.indexOf(variant);
        if (at < 0) continue;
        out.push(finding(t.file, t.line + i, "warning", "terminology", { found: raw.slice(at, at + rule.variant.length), use: rule.use, locale: t.locale }));
      }
    });
  }
  return out;
}
