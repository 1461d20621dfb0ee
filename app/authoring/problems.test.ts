import { describe, expect, it } from "vitest";
import { checkDraft, refreshDerived } from "./drafts.server";
import { addLesson, addModule, addQuestion } from "./edit";
import { describeProblems, firstWords, problemsOnPage } from "./problems";
import type { EditResult } from "./edit";
import type { CourseContent } from "~/courses/schema";
import en from "../../locales/en/authoring.json";

function ok(r: EditResult): CourseContent {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.content;
}

function draft(): CourseContent {
  let c = refreshDerived({
    slug: "demo",
    sourceLocale: "en",
    academy: "a",
    durationMinutes: 10,
    topics: [],
    certificateValidityMonths: null,
    passRules: { requireAllLessons: true, requireAllQuizzes: true },
    title: { en: "Housing" },
    summary: {},
    modules: [],
    glossary: [],
    completeLocales: [],
  });
  c = ok(addModule(c, { title: "Basics" }));
  c = ok(addLesson(c, "basics", { title: "Welcome" }));
  c = ok(addQuestion(c, "basics", "single"));
  c = ok(addQuestion(c, "basics", "true-false"));
  return c;
}

const hasKey = (key: string) => key.replace(/^authoring:/, "").split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], en) !== undefined;

describe("the editor's problems", () => {
  it("turns compiler messages into translated sentences that link to the field", () => {
    const c = draft();
    const problems = describeProblems(checkDraft(c).errors, c);
    const byKey = Object.fromEntries(problems.map((p) => [p.key, p]));
    expect(byKey["authoring:problems.courseSummary"]).toMatchObject({ href: "/author/courses/demo/edit#field-summary", field: "field-summary" });
    expect(byKey["authoring:problems.lessonText"]).toMatchObject({ href: "/author/courses/demo/lessons/basics/welcome#field-markdown", params: { lesson: "Welcome" } });
    // "questions.0.options: Array must contain at least 2 element(s)" → question 1 of "Basics", the options
    expect(byKey["authoring:problems.tooFewOptions"]).toMatchObject({ href: "/author/courses/demo/questions/basics/q-1#field-options", params: { question: 1, module: "Basics" } });
    expect(byKey["authoring:problems.tooFewOptions"].detail).toMatch(/quiz\.yaml:\d+: questions\.0\.options/);
    for (const p of problems) expect(hasKey(p.key), p.key).toBe(true);
    expect(problems.map((p) => p.id)).toEqual(problems.map((_, i) => `problem-${i + 1}`));
  });

  it("points missing feedback at the option's row, or at the translation page for another language", () => {
    const c = draft();
    const q = c.modules[0].quiz.questions[0];
    q.text = { en: "Who holds the right?", fr: "Qui ?" };
    q.explanation = { en: "Everyone.", fr: "Tous." };
    q.options = [
      { key: "option-1", text: { en: "Everyone", fr: "Tous" }, feedback: { en: "Yes." } },
      { key: "option-2", text: { en: "Only citizens", fr: "Citoyens" }, feedback: {} },
    ];
    q.answer = ["option-1"];
    const tf = c.modules[0].quiz.questions[1];
    tf.text = { en: "A city is a duty-bearer.", fr: "Une ville est débitrice d’obligations." };
    tf.explanation = { en: "Yes.", fr: "Oui." };
    c.modules[0].quiz.title = { en: "Quiz", fr: "Quiz" };
    const problems = describeProblems(checkDraft(c).errors, c);
    const feedback = problems.find((p) => p.key === "authoring:problems.optionFeedback" && p.locale === "en");
    expect(feedback).toMatchObject({ href: "/author/courses/demo/questions/basics/q-1#field-o1_feedback", params: { question: 1, option: 2, words: "Only citizens" } });
    const trueFeedback = problems.find((p) => p.key === "authoring:problems.feedbackTrue" && p.locale === "en");
    expect(trueFeedback?.href).toBe("/author/courses/demo/questions/basics/q-2#field-o_true_feedback");
    const french = problems.find((p) => p.key === "authoring:problems.optionFeedback" && p.locale === "fr");
    expect(french?.href).toBe("/author/courses/demo/translate?to=fr#field-t_m_basics_q_q-1_o_option-1_feedback");
    expect(problemsOnPage(problems, "/author/courses/demo/questions/basics/q-1").map((p) => p.field)).toContain("field-o1_feedback");
  });

  it("cuts a source text to its first words", () => {
    expect(firstWords("Who holds the right to adequate housing in a city?")).toBe("Who holds the right to adequate…");
    expect(firstWords("Short")).toBe("Short");
    expect(firstWords("")).toBe("");
    expect(firstWords("谁享有适足住房权？地方政府必须尊重保护和实现这项权利以及其他人权")).toMatch(/…$/);
  });
});
