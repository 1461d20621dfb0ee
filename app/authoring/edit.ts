import { z } from "zod";
import { fail, parseForm, type Failed, type Failure } from "~/http/forms";
import { isLocale, supportedLocales, type Locale } from "~/i18n/config";
import { DEFAULT_REVIEW_RULE, KEY, REVIEW_RULES, type CompiledModule, type CompiledQuestion, type CourseContent, type QuestionType } from "~/courses/schema";
import { freeKey, keyFromTitle } from "./texts";
import { emptyQuizOf } from "./quiz-defaults";

// The editor's changes to a draft's CourseContent, as pure functions on a copy. Forms are checked
// here only as far as the change itself needs (a number is a number, one right answer for a
// single-choice question); whether the course is complete and valid is the compiler's job
// (drafts.server.ts checkDraft), so the rules of `courses:check` exist once.
// A refusal is the form contract's Failed (app/http/forms.ts), its keys in the "authoring" namespace.

export type EditResult = { ok: true; content: CourseContent } | Failed;

const text = (max: number) => z.string().trim().max(max, "authoring:form.tooLong");
const intIn = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/, "authoring:form.wholeNumber").transform(Number).pipe(z.number().min(min, "authoring:form.outOfRange").max(max, "authoring:form.outOfRange"));
const optionalKey = z
  .string()
  .optional()
  .transform((k) => (k ?? "").trim().toLowerCase())
  .refine((k) => k === "" || KEY.test(k), "authoring:form.key");
const checkbox = z.string().optional().transform((v) => v === "on" || v === "true");

export const detailsSchema = z.object({
  title: text(200).min(1, "authoring:form.required"),
  summary: text(2000).min(1, "authoring:form.required"),
  durationMinutes: intIn(1, 100_000),
  topics: z
    .string()
    .trim()
    .transform((s) => s.split(/[\s,]+/).filter(Boolean).map((t) => t.toLowerCase()))
    .refine((ts) => ts.every((t) => KEY.test(t)), "authoring:form.topics"),
  certificateValidityMonths: z.union([z.literal("").transform(() => null), intIn(1, 240)]),
  requireAllLessons: checkbox,
  requireAllQuizzes: checkbox,
});

export const addItemSchema = z.object({ title: text(200).min(1, "authoring:form.required"), key: optionalKey });
export const moduleSchema = z.object({
  title: text(200).min(1, "authoring:form.required"),
  quizTitle: text(200),
  passMark: intIn(1, 100),
  attemptsAllowed: intIn(0, 100),
  draw: z.union([z.literal("").transform(() => null), intIn(1, 1000)]),
  shuffleQuestions: checkbox,
  shuffleOptions: checkbox,
  review: z.enum(REVIEW_RULES, { errorMap: () => ({ message: "authoring:form.outOfRange" }) }).default(DEFAULT_REVIEW_RULE),
  // an optional wait before the next attempt once this many attempts have failed: both or neither
  waitAfterFailures: z.union([z.literal("").transform(() => null), intIn(1, 100)]).default(""),
  waitMinutes: z.union([z.literal("").transform(() => null), intIn(1, 525_600)]).default(""),
});
export const lessonSchema = z.object({
  title: text(200).min(1, "authoring:form.required"),
  markdown: z.string().max(100_000, "authoring:form.tooLong"),
  // only the source language's form has tags
  tags: z
    .string()
    .optional()
    .transform((s) => (s ?? "").split(/[\s,]+/).filter(Boolean)),
});
export const QUESTION_TYPES = ["single", "multiple", "true-false", "ordering"] as const satisfies readonly QuestionType[];

function setLocalized(target: Partial<Record<Locale, string>>, locale: Locale, value: string) {
  if (value) target[locale] = value;
  else delete target[locale];
}

export function updateDetails(content: CourseContent, raw: Record<string, string>): EditResult {
  const p = parseForm(detailsSchema, raw);
  if (!p.ok) return p;
  const c = structuredClone(content);
  const src = c.sourceLocale;
  c.title[src] = p.data.title;
  c.summary[src] = p.data.summary;
  c.durationMinutes = p.data.durationMinutes;
  c.topics = p.data.topics;
  c.certificateValidityMonths = p.data.certificateValidityMonths;
  c.passRules = { requireAllLessons: p.data.requireAllLessons, requireAllQuizzes: p.data.requireAllQuizzes };
  return { ok: true, content: c };
}

export function addModule(content: CourseContent, raw: Record<string, string>): EditResult {
  const p = parseForm(addItemSchema, raw);
  if (!p.ok) return p;
  const c = structuredClone(content);
  const key = freeKey(p.data.key || keyFromTitle(p.data.title), "module", c.modules.map((m) => m.key));
  c.modules.push({ key, title: { [c.sourceLocale]: p.data.title }, objectives: {}, lessons: [], tools: [], quiz: emptyQuizOf() });
  return { ok: true, content: c };
}

export function addLesson(content: CourseContent, moduleKey: string, raw: Record<string, string>): EditResult {
  const p = parseForm(addItemSchema, raw);
  if (!p.ok) return p;
  const c = structuredClone(content);
  const m = c.modules.find((x) => x.key === moduleKey);
  if (!m) return fail("authoring:form.gone");
  const key = freeKey(p.data.key || keyFromTitle(p.data.title), "lesson", m.lessons.map((l) => l.key));
  m.lessons.push({ key, tags: [], title: { [c.sourceLocale]: p.data.title }, markdown: {}, html: {}, words: {} });
  return { ok: true, content: c };
}

/** Moves the item `key` of a list one place up or down; false when it is not there. */
function move<T extends { key: string }>(list: T[], key: string, direction: string): boolean {
  const i = list.findIndex((x) => x.key === key);
  const j = direction === "up" ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= list.length) return i >= 0;
  [list[i], list[j]] = [list[j], list[i]];
  return true;
}

function remove<T extends { key: string }>(list: T[], key: string): boolean {
  const i = list.findIndex((x) => x.key === key);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

export type Target = { moduleKey: string; lessonKey?: string; questionKey?: string };

/** Reorders or deletes a module, lesson or question. */
export function rearrange(content: CourseContent, target: Target, op: "up" | "down" | "delete"): EditResult {
  const c = structuredClone(content);
  const m = c.modules.find((x) => x.key === target.moduleKey);
  let done = false;
  if (m && target.lessonKey) done = op === "delete" ? remove(m.lessons, target.lessonKey) : move(m.lessons, target.lessonKey, op);
  else if (m && target.questionKey)
    done = op === "delete" ? remove(m.quiz.questions, target.questionKey) : move(m.quiz.questions, target.questionKey, op);
  else if (m) done = op === "delete" ? remove(c.modules, m.key) : move(c.modules, m.key, op);
  return done ? { ok: true, content: c } : fail("authoring:form.gone");
}

/**
 * A deletion of a module, lesson or question, done only when the author ticked the confirmation
 * (a required checkbox, so it holds without JavaScript; checked here too, as forms can be forged).
 */
export function confirmedDelete(content: CourseContent, target: Target, values: Record<string, string>): EditResult {
  if (values.confirm !== "yes") return fail("authoring:delete.errors.confirm");
  return rearrange(content, target, "delete");
}

/** What a deletion takes with it, said before it is confirmed: how many lessons and questions, and in which languages it has text. */
export type DeletionSummary = { lessons: number; questions: number; languages: Locale[] };

export function deletionSummary(part: CompiledModule | CompiledModule["lessons"][number] | CompiledQuestion): DeletionSummary {
  const isModule = "lessons" in part;
  return {
    lessons: isModule ? part.lessons.length : 0,
    questions: isModule ? part.quiz.questions.length : 0,
    languages: textLanguages(part),
  };
}

/** The languages with any text in a part of a course (every localized field, however deep). */
function textLanguages(part: unknown): Locale[] {
  const found = new Set<Locale>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === "object") {
      for (const [key, inner] of Object.entries(value)) {
        if (isLocale(key) && typeof inner === "string" && inner.trim()) found.add(key);
        else walk(inner);
      }
    }
  };
  walk(part);
  return supportedLocales.filter((l) => found.has(l));
}

export function updateModule(content: CourseContent, moduleKey: string, raw: Record<string, string>): EditResult {
  const p = parseForm(moduleSchema, raw);
  if (!p.ok) return p;
  const c = structuredClone(content);
  const m = c.modules.find((x) => x.key === moduleKey);
  if (!m) return fail("authoring:form.gone");
  const src = c.sourceLocale;
  m.title[src] = p.data.title;
  setLocalized(m.quiz.title, src, p.data.quizTitle);
  if ((p.data.waitAfterFailures === null) !== (p.data.waitMinutes === null)) {
    return fail("authoring:form.waitBoth", { field: p.data.waitMinutes === null ? "waitMinutes" : "waitAfterFailures" });
  }
  Object.assign(m.quiz, {
    passMark: p.data.passMark,
    attemptsAllowed: p.data.attemptsAllowed,
    draw: p.data.draw,
    shuffleQuestions: p.data.shuffleQuestions,
    shuffleOptions: p.data.shuffleOptions,
    review: p.data.review,
    retakeWait:
      p.data.waitAfterFailures !== null && p.data.waitMinutes !== null
        ? { afterFailedAttempts: p.data.waitAfterFailures, minutes: p.data.waitMinutes }
        : null,
  });
  return { ok: true, content: c };
}

export function updateLesson(content: CourseContent, moduleKey: string, lessonKey: string, locale: Locale, raw: Record<string, string>): EditResult {
  const p = parseForm(lessonSchema, raw);
  if (!p.ok) return p;
  const c = structuredClone(content);
  const l = c.modules.find((x) => x.key === moduleKey)?.lessons.find((x) => x.key === lessonKey);
  if (!l) return fail("authoring:form.gone");
  l.title[locale] = p.data.title;
  setLocalized(l.markdown, locale, p.data.markdown.replace(/\r\n/g, "\n"));
  if (locale === c.sourceLocale) l.tags = p.data.tags;
  return { ok: true, content: c };
}

export function addQuestion(content: CourseContent, moduleKey: string, type: string): EditResult {
  if (!(QUESTION_TYPES as readonly string[]).includes(type)) return fail("authoring:form.required", { field: "type" });
  const c = structuredClone(content);
  const m = c.modules.find((x) => x.key === moduleKey);
  if (!m) return fail("authoring:form.gone");
  const key = freeKey("", "q", m.quiz.questions.map((q) => q.key));
  const q: CompiledQuestion = { key, type: type as QuestionType, tags: [], text: {}, explanation: {}, options: [], answer: [] };
  if (type === "true-false") {
    q.options = [
      { key: "true", text: {}, feedback: {} },
      { key: "false", text: {}, feedback: {} },
    ];
    q.answer = ["true"];
  }
  m.quiz.questions.push(q);
  return { ok: true, content: c };
}

export const OPTION_ROWS_MIN = 4;

/**
 * The question form: `type`, `text`, `explanation`, `tags`, option rows `o<i>.key` (hidden, empty
 * for a new row), `o<i>.text`, `o<i>.feedback`, and `correct` = the right row numbers (a radio for
 * single choice and true/false, checkboxes for multiple choice). For ordering, the rows are written
 * in the right order. A row with neither text nor feedback is left out (that is how an option is
 * removed, and how the spare rows stay empty).
 */
export function updateQuestion(
  content: CourseContent,
  moduleKey: string,
  questionKey: string,
  formData: FormData,
): EditResult {
  const c = structuredClone(content);
  const src = c.sourceLocale;
  const m: CompiledModule | undefined = c.modules.find((x) => x.key === moduleKey);
  const q = m?.quiz.questions.find((x) => x.key === questionKey);
  if (!m || !q) return fail("authoring:form.gone");
  const get = (name: string) => String(formData.get(name) ?? "").trim();
  const errors: Record<string, string> = {}; // field → key; the last rule broken wins
  const type = get("type");
  if (!(QUESTION_TYPES as readonly string[]).includes(type)) errors.type = "authoring:form.required";
  const questionText = get("text");
  if (!questionText) errors.text = "authoring:form.required";
  if (questionText.length > 2000) errors.text = "authoring:form.tooLong";
  const explanation = get("explanation");
  const tags = get("tags").split(/[\s,]+/).filter(Boolean);
  const correct = new Set(formData.getAll("correct").map(String));

  const previous = new Map(q.options.map((o) => [o.key, o]));
  type Row = { key: string; text: string; feedback: string; correct: boolean };
  let rows: Row[];
  if (type === "true-false") {
    rows = ["true", "false"].map((key) => ({ key, text: "", feedback: get(`o.${key}.feedback`), correct: correct.has(key) }));
    if (correct.size !== 1) errors.correct = "authoring:form.oneCorrect";
  } else {
    rows = [];
    for (let i = 0; formData.has(`o${i}.text`); i++) {
      const row = { key: get(`o${i}.key`), text: get(`o${i}.text`), feedback: get(`o${i}.feedback`), correct: correct.has(String(i)) };
      if (!row.text && !row.feedback) continue;
      if (!row.text) errors[`o${i}.text`] = "authoring:form.required";
      rows.push(row);
    }
    const taken = rows.map((r) => r.key).filter((k) => KEY.test(k) && previous.has(k) && k !== "true" && k !== "false");
    for (const r of rows) {
      if (!KEY.test(r.key) || !previous.has(r.key) || r.key === "true" || r.key === "false") {
        r.key = freeKey("", "option", taken);
        taken.push(r.key);
      }
    }
    if (rows.length < 2) errors.options = "authoring:form.twoOptions";
    const right = rows.filter((r) => r.correct).length;
    if (type === "single" && right !== 1) errors.correct = "authoring:form.oneCorrect";
    if (type === "multiple" && right < 1) errors.correct = "authoring:form.someCorrect";
  }
  const failures: Failure[] = Object.entries(errors).map(([field, key]) => ({ key, field }));
  if (failures.length) return { ok: false, errors: failures };

  const typeChanged = q.type !== type;
  q.type = type as QuestionType;
  q.tags = tags;
  q.text[src] = questionText;
  setLocalized(q.explanation, src, explanation);
  q.options = rows.map((r) => {
    // an option kept across saves keeps its translations; its source text may have changed
    const old = typeChanged && type === "true-false" ? undefined : previous.get(r.key);
    const option = { key: r.key, text: { ...(old?.text ?? {}) }, feedback: { ...(old?.feedback ?? {}) } };
    if (type === "true-false") option.text = {};
    else setLocalized(option.text, src, r.text);
    setLocalized(option.feedback, src, r.feedback);
    return option;
  });
  q.answer = type === "ordering" ? rows.map((r) => r.key) : rows.filter((r) => r.correct).map((r) => r.key);
  // never shuffle this question's options (a scale, "all of the above"); only where options are shuffled
  if ((type === "single" || type === "multiple") && formData.get("fixedOrder") === "on") q.fixedOrder = true;
  else delete q.fixedOrder;
  return { ok: true, content: c };
}
