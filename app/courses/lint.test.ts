// The quality rules of issue 13 item 6 (and durations, terminology of issue 14), each with a fixture
// course that breaks it and one that does not.
import { describe, expect, it } from "vitest";
import { lintFixture, single, tf, type FixtureModule } from "../../tests/fixtures/lint/course";
import { compileCourse, type CourseFiles } from "./compile.server";
import { normalizeText, repeatsStem, strategyScore } from "./lint";

const titles = (_l: string, block: string) => block;

function check(files: CourseFiles, terminology = {}) {
  const result = compileCourse("lint-course", files, titles, { terminology });
  expect(result.errors).toEqual([]);
  return result;
}
const codes = (files: CourseFiles) => check(files).findings.map((f) => `${f.code}:${f.severity}`);
/** enough questions for the pool rule to stay quiet (2 x draw) */
const pad = (n: number, from = 0) => Array.from({ length: n }, (_, i) => tf(`pad-${from + i}`, i % 2 === 0));

describe("longest option is the right one", () => {
  it("warns above half of a quiz's single-choice questions, with file:line of the questions", () => {
    const m: FixtureModule = { key: "m", draw: 2, questions: [single("q1", "longest"), single("q2", "longest"), single("q3", "short"), ...pad(2)] };
    const { findings } = check(lintFixture([m]));
    const f = findings.find((x) => x.code === "longestCorrect")!;
    expect(f).toMatchObject({ severity: "warning", file: "courses/lint-course/modules/m/quiz.yaml", line: 5, params: { count: 2, total: 3, percent: 67 } });
    expect(f.message).toContain("2 of 3");
  });
  it("is an error when the cue answers 80 % or more (the quiz clearly fails)", () => {
    const m: FixtureModule = { key: "m", draw: 2, questions: [single("q1", "longest"), single("q2", "longest"), single("q3", "longest"), ...pad(2)] };
    expect(codes(lintFixture([m]))).toContain("longestCorrect:error");
  });
  it("stays quiet at half or less", () => {
    const m: FixtureModule = { key: "m", draw: 2, questions: [single("q1", "longest"), single("q2", "short"), ...pad(2)] };
    expect(codes(lintFixture([m]))).not.toContain("longestCorrect:warning");
  });
});

describe("true/false answers all the same", () => {
  it("warns with two or three, errors from four", () => {
    expect(codes(lintFixture([{ key: "m", draw: 1, questions: [tf("a", false), tf("b", false)] }]))).toContain("trueFalseSame:warning");
    const four = [tf("a", false), tf("b", false), tf("c", false), tf("d", false)];
    const { findings } = check(lintFixture([{ key: "m", draw: 2, questions: four }]));
    expect(findings.find((f) => f.code === "trueFalseSame")).toMatchObject({ severity: "error", line: 6, params: { count: 4, answer: "false" } });
  });
  it("stays quiet when true and false are mixed", () => {
    expect(codes(lintFixture([{ key: "m", draw: 1, questions: [tf("a", true), tf("b", false)] }]))).not.toContain("trueFalseSame:warning");
  });
});

describe("the same stem in two modules", () => {
  it("warns at the second module's question text, naming the first", () => {
    const a: FixtureModule = { key: "first", draw: 1, questions: [single("q", "short", "Who is a duty bearer?"), tf("x", true)] };
    const b: FixtureModule = { key: "second", draw: 1, questions: [single("r", "short", "who is a DUTY bearer"), tf("y", false)] };
    const { findings } = check(lintFixture([a, b]));
    const f = findings.find((x) => x.code === "stemRepeated")!;
    expect(f).toMatchObject({ file: "courses/lint-course/modules/second/quiz.en.yaml", line: 3, params: { module: "first", question: "q" } });
  });
  it("stays quiet for different stems", () => {
    const a: FixtureModule = { key: "first", draw: 1, questions: [single("q", "short", "Who is a duty bearer?"), tf("x", true)] };
    const b: FixtureModule = { key: "second", draw: 1, questions: [single("r", "short", "Who holds rights?"), tf("y", false)] };
    expect(codes(lintFixture([a, b]))).not.toContain("stemRepeated:warning");
  });
});

describe("pool smaller than twice the draw", () => {
  it("warns at draw:, and for a quiz without draw (every attempt asks the same questions)", () => {
    const { findings } = check(lintFixture([{ key: "m", draw: 3, questions: [tf("a", true), tf("b", false), tf("c", true), tf("d", false), tf("e", true)] }]));
    expect(findings.find((f) => f.code === "smallPool")).toMatchObject({ line: 4, params: { pool: 5, draw: 3, needed: 6 } });
    expect(codes(lintFixture([{ key: "m", questions: [tf("a", true), tf("b", false)] }]))).toContain("smallPool:warning");
  });
  it("stays quiet from twice the draw", () => {
    expect(codes(lintFixture([{ key: "m", draw: 2, questions: [tf("a", true), tf("b", false), tf("c", true), tf("d", false)] }]))).not.toContain("smallPool:warning");
  });
});

describe("a distractor that repeats the stem", () => {
  it("warns at the option's line", () => {
    const q = {
      key: "q",
      type: "single" as const,
      text: "Which body reviews the human rights record of every State?",
      options: { a: "The Human Rights Council in the Universal Periodic Review", b: "Which body reviews the human rights record of every State", c: "A national court" },
      answer: "a",
    };
    const { findings } = check(lintFixture([{ key: "m", draw: 1, questions: [q, tf("x", true)] }]));
    expect(findings.find((f) => f.code === "distractorRepeatsStem")).toMatchObject({ file: "courses/lint-course/modules/m/quiz.en.yaml", line: 10, params: { question: "q", option: "b" } });
  });
  it("compares words, not punctuation or case, and ignores short options", () => {
    expect(normalizeText("Who is a Duty-Bearer?")).toBe("who is a duty bearer");
    expect(repeatsStem("Who is a duty bearer under human rights law?", "a duty bearer under human")).toBe(true);
    expect(repeatsStem("Who is a duty bearer?", "duty bearer")).toBe(false);
    expect(repeatsStem("Who is a duty bearer?", "The municipality")).toBe(false);
  });
});

describe("duration", () => {
  it("warns when durationMinutes is more than 25 % off the estimate (words / 200 + 1.5 per drawn question)", () => {
    // 2000 words = 10 min + 2 drawn questions x 1.5 = 13 min
    const m: FixtureModule = { key: "m", draw: 2, lessonWords: 2000, questions: [tf("a", true), tf("b", false), tf("c", true), tf("d", false)] };
    const { findings } = check(lintFixture([m], 30));
    expect(findings.find((f) => f.code === "duration")).toMatchObject({ file: "courses/lint-course/course.yaml", line: 4, params: { declared: 30, estimated: 13 } });
    expect(codes(lintFixture([m], 14))).not.toContain("duration:warning");
  });
});

describe("terminology", () => {
  it("flags a variant outside its exceptions, with the line, apostrophes and case folded", () => {
    const files = lintFixture([{ key: "m", draw: 1, questions: [tf("a", true), tf("b", false)] }]);
    files.set("modules/m/lessons/only.fr.md", "---\ntitle: Leçon\n---\n\nLe Conseil des droits de l'homme parle.\nLes Droits de l’homme sont universels.\n");
    const terminology = { fr: { avoid: [{ variant: "droits de l'homme", use: "droits humains", except: ["Conseil des droits de l'homme"] }] } };
    const found = check(files, terminology).findings.filter((f) => f.code === "terminology");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ file: "courses/lint-course/modules/m/lessons/only.fr.md", line: 6, params: { found: "Droits de l’homme", use: "droits humains" } });
  });
});

describe("the strategy learner", () => {
  it("scores the expected share of a pool: longest option, 'false', ties split", () => {
    const files = lintFixture([{ key: "m", questions: [single("a", "longest"), single("b", "short"), tf("c", false), tf("d", true)] }]);
    const quiz = check(files).content!.modules[0].quiz;
    expect(strategyScore(quiz, "en")).toBe(0.5);
  });
});
