import type { Locale } from "~/i18n/config";
import type { CourseContent } from "~/courses/schema";
import { placeOf, type ErrorPlace } from "./files";
import { fieldId, type FieldProblem } from "~/ui/Field";

// The compiler's errors (app/courses/compile.server.ts) are written for course files: English, a
// file and a line, a zod path such as "questions.0.options: Array must contain at least 2
// element(s)". `npm run courses:check` keeps them. The editor shows each one instead as a sentence
// in the author's language (`problems.<code>` in the "authoring" namespace) with a link to the field
// where it is fixed; the field names the message with aria-describedby. The file, line and
// original message stay available under the sentence for those who also work on the files.
//
// The editor writes well-formed files, so only content-level errors can reach it; each rule below
// recognizes one of them. An error no rule knows still gets a translated sentence
// ("problems.other…") pointing at the page of its part.

export type EditorProblem = FieldProblem & {
  /** DOM id of the message, which the field's aria-describedby names */
  id: string;
  /** translation key, namespaced ("authoring:problems.<code>"), as in a Failure */
  key: string;
  params: Record<string, string | number>;
  /** the language of the text concerned, when it is one language's */
  locale: Locale | null;
  /** the page and field where it is fixed */
  href: string;
  /** the field's DOM id on that page */
  field: string | null;
  /** for those who work on the files: "modules/x/quiz.yaml:10: questions.0.options: …" */
  detail: string;
};

type Raw = { file: string; line: number; message: string };
export type PlacedProblem = EditorProblem & { place: ErrorPlace };


/** Every error of a draft as the editor shows it; ids are numbered over the whole list, so a page may show several parts of it. */
export function describeProblems(errors: Raw[], content: CourseContent): PlacedProblem[] {
  return errors.map((e, i) => ({
    id: `problem-${i + 1}`,
    place: placeOf(e.file),
    ...describe(e, content),
    detail: `${e.file.replace(/^courses\/[^/]+\//, "")}:${e.line}: ${e.message}`,
  }));
}

/** The problems whose field is on the page at `path` (for the fields' aria-describedby). */
export function problemsOnPage<P extends EditorProblem>(problems: P[], path: string): P[] {
  return problems.filter((p) => p.field && p.href === `${path}#${p.field}`);
}

/** Short extract of a text, to name the part a problem concerns. */
export function firstWords(text: string | undefined, words = 6): string {
  const all = (text ?? "").replace(/[#*_>`[\]]/g, " ").trim().split(/\s+/).filter(Boolean);
  if (all.length === 0) return "";
  // scripts without spaces (Chinese) are cut by characters
  if (all.length === 1 && all[0].length > 24) return `${all[0].slice(0, 20)}…`;
  return all.length > words ? `${all.slice(0, words).join(" ")}…` : all.join(" ");
}

function describe(e: Raw, content: CourseContent): Omit<EditorProblem, "id" | "detail"> {
  const base = `/author/courses/${content.slug}`;
  const src = content.sourceLocale;
  const place = placeOf(e.file);
  const message = e.message;
  const at = (href: string, field: string | null) => ({ href: field ? `${href}#${field}` : href, field });
  const result = (key: string, params: EditorProblem["params"], locale: Locale | null, where: { href: string; field: string | null }) => ({ key: `authoring:problems.${key}`, params, locale, ...where });

  if (place.section === "course") {
    if (/^title has no/.test(message)) return result("courseTitle", {}, src, at(`${base}/edit`, fieldId("title")));
    if (/^summary has no/.test(message)) return result("courseSummary", {}, src, at(`${base}/edit`, fieldId("summary")));
    if (/^modules: /.test(message)) return result("noModules", {}, null, at(`${base}/edit`, fieldId("title", "addModule")));
    return result("otherCourse", {}, null, at(`${base}/edit`, null));
  }

  const m = content.modules.find((x) => x.key === place.moduleKey);
  const moduleTitle = m?.title[src] ?? place.moduleKey;
  const modulePage = `${base}/modules/${place.moduleKey}`;

  if (place.section === "module") {
    if (/^title has no/.test(message)) return result("moduleTitle", { module: moduleTitle }, src, at(modulePage, fieldId("title")));
    if (/^lessons: /.test(message)) return result("noLessons", { module: moduleTitle }, null, at(`${base}/edit`, fieldId("title", `addLesson-${place.moduleKey}`)));
    return result("otherModule", { module: moduleTitle }, null, at(modulePage, null));
  }

  if (place.section === "lesson") {
    const lesson = m?.lessons.find((l) => l.key === place.lessonKey);
    const params = { module: moduleTitle, lesson: lesson?.title[src] ?? place.lessonKey, line: e.line };
    const locale = place.locale ?? src;
    const page = `${base}/lessons/${place.moduleKey}/${place.lessonKey}${locale === src ? "" : `?locale=${locale}`}`;
    if (/has no \w+ file|has no text/.test(message)) return result("lessonText", params, locale, at(page, fieldId("markdown")));
    if (/^title: /.test(message)) return result("lessonTitle", params, locale, at(page, fieldId("title")));
    return result("lessonFormat", params, locale, at(page, fieldId("markdown")));
  }

  // the quiz: quiz.yaml (structure) and quiz.<locale>.yaml (texts)
  const questions = m?.quiz.questions ?? [];
  const locale = place.locale;
  const translation = locale !== null && locale !== src;
  const translatePage = `${base}/translate?to=${locale}`;
  const questionAt = (index: number) => {
    const q = questions[index];
    return { q, number: index + 1, page: q ? `${base}/questions/${place.moduleKey}/${q.key}` : modulePage };
  };
  const byKey = (key: string) => questionAt(questions.findIndex((q) => q.key === key));

  const structure = /^questions\.(\d+)\.(\w+)/.exec(message);
  if (structure) {
    const { q, number, page } = questionAt(Number(structure[1]));
    if (structure[2] === "options") return result("tooFewOptions", { module: moduleTitle, question: number }, null, at(page, fieldId("options")));
    // the right answer is chosen beside the options (true/false: its own group of two)
    if (structure[2] === "answer") return result("noAnswer", { module: moduleTitle, question: number }, null, at(page, fieldId(q?.type === "true-false" ? "correct" : "options")));
  }
  // answers that name no option: the editor's own forms cannot write them, an imported file can
  if (/^answer "|^an answer is listed twice|^an ordering answer/.test(message)) return result("answers", { module: moduleTitle }, null, at(modulePage, "questions-heading"));
  if (/^questions: /.test(message)) return result("noQuestions", { module: moduleTitle }, null, at(modulePage, "questions-heading"));
  const draw = /^draw \((\d+)\)/.exec(message);
  if (draw) return result("drawTooLarge", { module: moduleTitle, draw: draw[1], count: questions.length }, null, at(modulePage, fieldId("draw")));
  if (/^the quiz has no/.test(message) || /^title: /.test(message)) {
    return result("quizTitle", { module: moduleTitle }, locale, translation ? at(translatePage, fieldId(`t.m.${place.moduleKey}.quiz.title`)) : at(modulePage, fieldId("quizTitle")));
  }

  // a question's texts: `question "k" has no text`, `questions.k.text: …`, `question "k": option "o" needs "feedback"`
  const option = /^question "([^"]+)": option "([^"]+)" (needs "(text|feedback)"|has no text)/.exec(message);
  if (option) {
    const { q, number, page } = byKey(option[1]);
    const optionIndex = q ? q.options.findIndex((o) => o.key === option[2]) : -1;
    const part = option[4] === "feedback" || q?.type === "true-false" ? "feedback" : "text";
    const params = {
      module: moduleTitle,
      question: number,
      option: optionIndex + 1,
      words: firstWords(q?.type === "true-false" ? undefined : q?.options[optionIndex]?.text[src]),
    };
    const name = q?.type === "true-false" ? `o.${option[2]}.${part}` : `o${optionIndex}.${part}`;
    const key = part === "feedback" ? (q?.type === "true-false" ? `feedback${option[2] === "true" ? "True" : "False"}` : "optionFeedback") : "optionText";
    return result(key, params, locale, translation ? at(translatePage, fieldId(`t.m.${place.moduleKey}.q.${option[1]}.o.${option[2]}.${part}`)) : at(page, fieldId(name)));
  }
  const questionText = /^question "([^"]+)" has no text|^questions\.([^.]+)\.(text|explanation): /.exec(message);
  if (questionText) {
    const key = questionText[1] ?? questionText[2];
    const part = questionText[3] === "explanation" ? "explanation" : "text";
    const { number, page } = byKey(key);
    return result(part === "explanation" ? "explanation" : "questionText", { module: moduleTitle, question: number }, locale, translation ? at(translatePage, fieldId(`t.m.${place.moduleKey}.q.${key}.${part}`)) : at(page, fieldId(part)));
  }
  return result("otherQuiz", { module: moduleTitle }, locale, at(modulePage, "questions-heading"));
}
