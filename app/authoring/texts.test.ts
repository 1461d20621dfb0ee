import { describe, expect, it } from "vitest";
import type { CourseContent } from "~/courses/schema";
import { placeOf } from "./files";
import { completeness, freeKey, isOutdated, keyFromTitle, listTexts, setText, textHash } from "./texts";

const content = (): CourseContent => ({
  slug: "c",
  sourceLocale: "en",
  academy: "a",
  durationMinutes: 5,
  topics: [],
  certificateValidityMonths: null,
  passRules: { requireAllLessons: true, requireAllQuizzes: true },
  title: { en: "Title", fr: "Titre" },
  summary: { en: "Summary" },
  modules: [
    {
      key: "m",
      title: { en: "M" },
      objectives: {},
      tools: [],
      lessons: [{ key: "l", tags: [], title: { en: "L" }, markdown: { en: "Body" }, html: {}, words: {} }],
      quiz: {
        key: "quiz",
        passMark: 50,
        attemptsAllowed: 0,
        shuffleQuestions: false,
        shuffleOptions: false,
        draw: null,
        title: { en: "Q" },
        questions: [
          {
            key: "q",
            type: "ordering",
            tags: [],
            text: { en: "Order" },
            explanation: { en: "Why" },
            options: [
              { key: "a", text: { en: "A" }, feedback: {} },
              { key: "b", text: { en: "B" }, feedback: {} },
            ],
            answer: ["a", "b"],
          },
        ],
      },
    },
  ],
  glossary: [],
  completeLocales: ["en"],
});

describe("the texts of a course", () => {
  it("lists every text with a stable id; ordering feedback is optional", () => {
    const texts = listTexts(content());
    expect(texts.map((t) => t.id)).toContain("m.m.q.q.o.b.feedback");
    expect(texts.find((t) => t.id === "m.m.q.q.o.b.feedback")!.required).toBe(false);
    expect(completeness(content(), "en")).toBe(1);
    expect(completeness(content(), "fr")).toBeCloseTo(1 / texts.filter((t) => t.required).length);
  });

  it("sets and clears a translation", () => {
    const c = content();
    expect(setText(c, "m.m.l.l.body", "fr", "Corps\r\n")).toBe(true);
    expect(c.modules[0].lessons[0].markdown.fr).toBe("Corps\n");
    setText(c, "course.title", "fr", "   ");
    expect(c.title.fr).toBeUndefined();
    expect(setText(c, "m.nope.title", "fr", "x")).toBe(false);
  });

  it("flags a translation only when its recorded source text changed", () => {
    const entry = listTexts(content()).find((t) => t.id === "course.title")!;
    expect(isOutdated(entry, "en", "fr", {})).toBe(false); // no record (from files): current
    expect(isOutdated(entry, "en", "fr", { fr: { "course.title": textHash("Title") } })).toBe(false);
    expect(isOutdated(entry, "en", "fr", { fr: { "course.title": textHash("Old title") } })).toBe(true);
    expect(isOutdated(entry, "en", "de" as never, { fr: { "course.title": textHash("Old") } })).toBe(false);
  });

  it("makes keys from titles, never twice the same", () => {
    expect(keyFromTitle("Droits de l’homme : Été 2026!")).toBe("droits-de-l-homme-ete-2026");
    expect(keyFromTitle("حقوق الإنسان")).toBe("");
    expect(freeKey("intro", "module", ["intro"])).toBe("intro-1");
    expect(freeKey("", "module", ["module-1"])).toBe("module-2");
  });

  it("places a compiler error where its file is edited", () => {
    expect(placeOf("courses/c/course.yaml")).toEqual({ section: "course" });
    expect(placeOf("courses/c/modules/m/module.yaml")).toEqual({ section: "module", moduleKey: "m" });
    expect(placeOf("courses/c/modules/m/lessons/l.fr.md")).toEqual({ section: "lesson", moduleKey: "m", lessonKey: "l", locale: "fr" });
    expect(placeOf("courses/c/modules/m/quiz.ar.yaml")).toEqual({ section: "quiz", moduleKey: "m", locale: "ar" });
    expect(placeOf("courses/c/modules/m/quiz.yaml")).toEqual({ section: "quiz", moduleKey: "m", locale: null });
  });
});
