import { describe, expect, it } from "vitest";
import type { CompiledQuiz } from "~/courses/schema";
import { REVIEW_RULES } from "~/courses/schema";
import {
  attemptStanding,
  attemptsLeft,
  canStartAttempt,
  drawQuestions,
  isCorrect,
  mayRevealAnswers,
  planAttempt,
  reviewRuleOf,
  scoreAttempt,
  seenQuestions,
  validateAnswer,
} from "./quiz-rules";

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

// a pool of ten single-choice questions, p0..p9
const pool: CompiledQuiz = {
  ...quiz,
  draw: 3,
  shuffleOptions: true,
  questions: Array.from({ length: 10 }, (_, i) => ({
    key: `p${i}`,
    type: "single" as const,
    tags: [],
    text: {},
    explanation: {},
    options: ["a", "b", "c", "d"].map(opt),
    answer: ["a"],
  })),
};

describe("question pools", () => {
  it("a retake draws only questions not seen while the pool has enough of them", () => {
    for (let seed = 1; seed <= 30; seed++) {
      const random = seeded(seed);
      const first = planAttempt(pool, random);
      const second = planAttempt(pool, random, seenQuestions([{ attemptNumber: 1, questionKeys: first.questionKeys }]));
      const third = planAttempt(pool, random, seenQuestions([
        { attemptNumber: 1, questionKeys: first.questionKeys },
        { attemptNumber: 2, questionKeys: second.questionKeys },
      ]));
      const all = [...first.questionKeys, ...second.questionKeys, ...third.questionKeys];
      expect(new Set(all).size, `seed ${seed}`).toBe(9);
    }
  });
  it("once every question was seen, the ones seen longest ago come first", () => {
    const seen = new Map(pool.questions.map((q, i) => [q.key, i < 3 ? 1 : i < 6 ? 2 : 3]));
    seen.delete("p9"); // never seen: always drawn
    for (let seed = 1; seed <= 20; seed++) {
      const drawn = [...drawQuestions(pool.questions, 3, seen, seeded(seed))].sort();
      expect(drawn).toContain("p9");
      expect(drawn.filter((k) => ["p0", "p1", "p2"].includes(k))).toHaveLength(2);
    }
  });
  it("without a draw, or with a draw as large as the pool, every question is asked", () => {
    expect(drawQuestions(pool.questions, null, new Map()).size).toBe(10);
    expect(drawQuestions(pool.questions, 10, new Map()).size).toBe(10);
  });
  it("options are shuffled, except for fixedOrder questions", () => {
    const fixed = { ...pool, draw: null, questions: pool.questions.map((q, i) => (i === 0 ? { ...q, fixedOrder: true } : q)) };
    const orders = Array.from({ length: 20 }, (_, i) => planAttempt(fixed, seeded(i + 7)).optionOrder);
    for (const o of orders) expect(o.p0).toEqual(["a", "b", "c", "d"]);
    expect(new Set(orders.map((o) => o.p1.join())).size).toBeGreaterThan(1);
  });
});

describe("review rules", () => {
  const failed = (attemptsLeft: number | null) => ({ during: false as const, passed: false, attemptsLeft });
  const passed = { during: false as const, passed: true, attemptsLeft: 1 };
  it("immediately: right answers during the attempt and after it", () => {
    expect(mayRevealAnswers("immediately", { during: true })).toBe(true);
    expect(mayRevealAnswers("immediately", failed(2))).toBe(true);
  });
  it("after-pass (the default): only after a pass, never during or after a failure", () => {
    expect(mayRevealAnswers("after-pass", { during: true })).toBe(false);
    expect(mayRevealAnswers("after-pass", failed(2))).toBe(false);
    expect(mayRevealAnswers("after-pass", failed(0))).toBe(false);
    expect(mayRevealAnswers("after-pass", passed)).toBe(true);
    expect(reviewRuleOf({})).toBe("after-pass"); // versions compiled before review rules existed
  });
  it("after-last-attempt: after a pass, or when no attempt is left", () => {
    expect(mayRevealAnswers("after-last-attempt", { during: true })).toBe(false);
    expect(mayRevealAnswers("after-last-attempt", failed(1))).toBe(false);
    expect(mayRevealAnswers("after-last-attempt", failed(null))).toBe(false);
    expect(mayRevealAnswers("after-last-attempt", failed(0))).toBe(true);
    expect(mayRevealAnswers("after-last-attempt", passed)).toBe(true);
  });
  it("never: not even after a pass", () => {
    for (const moment of [{ during: true as const }, failed(0), passed]) expect(mayRevealAnswers("never", moment)).toBe(false);
    expect(REVIEW_RULES).toHaveLength(4);
  });
});

describe("attempt standing: limits, waits, overrides", () => {
  const t0 = new Date("2026-01-01T10:00:00Z");
  const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
  const fail = (minutes: number) => ({ passed: false, startedAt: at(minutes - 5), submittedAt: at(minutes) });
  const limited = { attemptsAllowed: 2, retakeWait: null };
  it("counts attempts against the limit and refuses beyond it; a pass ends the quiz", () => {
    expect(attemptStanding(limited, [fail(0)], [], at(10))).toMatchObject({ attemptsLeft: 1, canStart: true, blocked: null });
    expect(attemptStanding(limited, [fail(0), fail(10)], [], at(20))).toMatchObject({ attemptsLeft: 0, canStart: false, blocked: "noAttemptsLeft" });
    expect(attemptStanding(limited, [{ passed: true, startedAt: at(0), submittedAt: at(5) }], [], at(20)).blocked).toBe("alreadyPassed");
    expect(attemptStanding({ attemptsAllowed: 0 }, Array.from({ length: 9 }, (_, i) => fail(i * 10)), [], at(100))).toMatchObject({ attemptsLeft: null, canStart: true });
  });
  it("extra attempts add to the limit; a reset makes earlier attempts and grants lapse", () => {
    const two = [fail(0), fail(10)];
    const grant = { extraAttempts: 1, reset: false, createdAt: at(30) };
    expect(attemptStanding(limited, two, [grant], at(40))).toMatchObject({ attemptsLeft: 1, canStart: true, extraAttempts: 1 });
    expect(attemptStanding(limited, [...two, fail(50)], [grant], at(60))).toMatchObject({ attemptsLeft: 0, blocked: "noAttemptsLeft" });
    const reset = { extraAttempts: 0, reset: true, createdAt: at(70) };
    expect(attemptStanding(limited, [...two, fail(50)], [grant, reset], at(80))).toMatchObject({ attemptsLeft: 2, canStart: true, extraAttempts: 0 });
    // a pass stays a pass whatever the overrides
    expect(attemptStanding(limited, [{ passed: true, startedAt: at(0), submittedAt: at(5) }], [reset], at(80)).blocked).toBe("alreadyPassed");
  });
  it("waits after the configured number of failures, until the wait is over; an override lifts the wait", () => {
    const waiting = { attemptsAllowed: 5, retakeWait: { afterFailedAttempts: 2, minutes: 60 } };
    expect(attemptStanding(waiting, [fail(0)], [], at(1)).canStart).toBe(true); // one failure: no wait yet
    const after2 = attemptStanding(waiting, [fail(0), fail(10)], [], at(11));
    expect(after2).toMatchObject({ canStart: false, blocked: "waitBeforeRetake" });
    expect(after2.nextAttemptAt?.toISOString()).toBe(at(70).toISOString());
    expect(attemptStanding(waiting, [fail(0), fail(10)], [], at(70)).canStart).toBe(true);
    expect(attemptStanding(waiting, [fail(0), fail(10)], [{ extraAttempts: 1, reset: false, createdAt: at(20) }], at(21)).canStart).toBe(true);
    // the limit is checked before the wait: no attempt left says so, not "wait"
    expect(attemptStanding({ ...waiting, attemptsAllowed: 2 }, [fail(0), fail(10)], [], at(11)).blocked).toBe("noAttemptsLeft");
  });
});
