import { describe, expect, it } from "vitest";
import type { CompiledQuiz } from "~/courses/schema";
import { attemptsLeft, canStartAttempt, isCorrect, planAttempt, scoreAttempt, validateAnswer } from "./quiz-rules";

const opt = (key: string) => ({ key, text: { en: key }, feedback: { en: key } });
const quiz: CompiledQuiz = {
  key: "q",
  passMark: 70,
  attemptsAllowed: 3,
  shuffleQuestions: false,
  shuffleOptions: false,
  draw: null,
  title: { en: "Quiz" },
  questions: [
    { key: "s", type: "single", tags: [], text: {}, explanation: {}, options: ["a", "b", "c"].map(opt), answer: ["b"] },
    { key: "m", type: "multiple", tags: [], text: {}, explanation: {}, options: ["a", "b", "c"].map(opt), answer: ["a", "c"] },
    { key: "t", type: "true-false", tags: [], text: {}, explanation: {}, options: ["true", "false"].map(opt), answer: ["false"] },
    { key: "o", type: "ordering", tags: [], text: {}, explanation: {}, options: ["x", "y", "z"].map(opt), answer: ["x", "y", "z"] },
  ],
};
const seeded = (seed: number) => () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;

describe("scoring each question type", () => {
  it("single choice: exactly the right option", () => {
    expect(isCorrect("single", ["b"], ["b"])).toBe(true);
    expect(isCorrect("single", ["b"], ["a"])).toBe(false);
  });
  it("multiple choice: all and only the right options, in any order", () => {
    expect(isCorrect("multiple", ["a", "c"], ["c", "a"])).toBe(true);
    expect(isCorrect("multiple", ["a", "c"], ["a"])).toBe(false);
    expect(isCorrect("multiple", ["a", "c"], ["a", "b", "c"])).toBe(false);
  });
  it("true/false", () => {
    expect(isCorrect("true-false", ["false"], ["false"])).toBe(true);
    expect(isCorrect("true-false", ["false"], ["true"])).toBe(false);
  });
  it("ordering: the exact sequence", () => {
    expect(isCorrect("ordering", ["x", "y", "z"], ["x", "y", "z"])).toBe(true);
    expect(isCorrect("ordering", ["x", "y", "z"], ["y", "x", "z"])).toBe(false);
  });
  it("scores a whole attempt against the pass mark; unanswered is wrong", () => {
    const keys = ["s", "m", "t", "o"];
    expect(scoreAttempt(quiz, keys, { s: ["b"], m: ["a", "c"], t: ["false"], o: ["x", "y", "z"] })).toMatchObject({ score: 100, passed: true });
    expect(scoreAttempt(quiz, keys, { s: ["b"], m: ["a", "c"], t: ["false"] })).toMatchObject({ score: 75, passed: true });
    expect(scoreAttempt(quiz, keys, { s: ["b"], m: ["a"] })).toMatchObject({ score: 25, passed: false, correct: { s: true, m: false, t: false, o: false } });
    expect(scoreAttempt({ ...quiz, passMark: 80 }, keys, { s: ["b"], m: ["a", "c"], t: ["false"] }).passed).toBe(false);
  });
});

describe("answer validation (forged input changes nothing)", () => {
  const [s, m, t, o] = quiz.questions;
  it("refuses unknown questions and options, and malformed answers", () => {
    expect(validateAnswer(undefined, ["a"])).toBe("unknownQuestion");
    expect(validateAnswer(s, "a")).toBe("empty");
    expect(validateAnswer(s, [])).toBe("empty");
    expect(validateAnswer(s, [1])).toBe("empty");
    expect(validateAnswer(s, ["zz"])).toBe("unknownOption");
    expect(validateAnswer(s, ["a", "b"])).toBe("tooMany");
    expect(validateAnswer(m, ["a", "a"])).toBe("tooMany");
    expect(validateAnswer(t, ["maybe"])).toBe("unknownOption");
    expect(validateAnswer(o, ["x", "y"])).toBe("incomplete");
  });
  it("accepts well-formed answers whatever their correctness", () => {
    expect(validateAnswer(s, ["a"])).toBeNull();
    expect(validateAnswer(m, ["a", "b", "c"])).toBeNull();
    expect(validateAnswer(o, ["z", "y", "x"])).toBeNull();
  });
});

describe("attempt plans", () => {
  it("keeps the authored order without shuffling, but never shows an ordering question solved", () => {
    const plan = planAttempt(quiz, seeded(1));
    expect(plan.questionKeys).toEqual(["s", "m", "t", "o"]);
    expect(plan.optionOrder.s).toEqual(["a", "b", "c"]);
    for (let seed = 1; seed < 50; seed++) expect(planAttempt(quiz, seeded(seed)).optionOrder.o).not.toEqual(["x", "y", "z"]);
  });
  it("draws a subset and shuffles when the quiz says so; a retake draws afresh", () => {
    const drawn = { ...quiz, draw: 2, shuffleQuestions: true, shuffleOptions: true };
    const plans = Array.from({ length: 20 }, (_, i) => planAttempt(drawn, seeded(i + 1)));
    for (const p of plans) expect(p.questionKeys).toHaveLength(2);
    expect(new Set(plans.map((p) => p.questionKeys.join())).size).toBeGreaterThan(1);
    expect(plans[0].optionOrder.t ?? ["true", "false"]).toEqual(["true", "false"]); // true/false never shuffled
  });
});

describe("attempt limits", () => {
  it("counts attempts left; 0 allowed means unlimited", () => {
    expect(attemptsLeft(3, 1)).toBe(2);
    expect(attemptsLeft(3, 5)).toBe(0);
    expect(attemptsLeft(0, 10)).toBeNull();
  });
  it("no new attempt after a pass or beyond the limit", () => {
    expect(canStartAttempt(quiz, [])).toBe(true);
    expect(canStartAttempt(quiz, [{ passed: false }, { passed: false }])).toBe(true);
    expect(canStartAttempt(quiz, [{ passed: false }, { passed: false }, { passed: false }])).toBe(false);
    expect(canStartAttempt(quiz, [{ passed: true }])).toBe(false);
    expect(canStartAttempt({ attemptsAllowed: 0 }, Array(20).fill({ passed: false }))).toBe(true);
  });
});
