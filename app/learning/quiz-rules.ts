// Pure quiz rules, shared by the server (authoritative scoring) and the unit tests.
// Nothing here is sent to the browser with an answer key in it.
import type { CompiledQuestion, CompiledQuiz, QuestionType } from "~/courses/schema";

export type Random = () => number;

function shuffle<T>(items: T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

export type AttemptPlan = { questionKeys: string[]; optionOrder: Record<string, string[]> };

/**
 * Which questions an attempt asks, in which order, and in which order their options appear.
 * A fresh plan per attempt: a retake draws and shuffles again when the quiz says so.
 * Ordering questions are always shuffled (showing them in the author's order would give the answer).
 */
export function planAttempt(quiz: CompiledQuiz, random: Random = Math.random): AttemptPlan {
  let questions = quiz.questions;
  if (quiz.draw && quiz.draw < questions.length) {
    // keep the authored order of the drawn subset unless questions are shuffled too
    const drawn = new Set(shuffle(questions, random).slice(0, quiz.draw).map((q) => q.key));
    questions = questions.filter((q) => drawn.has(q.key));
  }
  if (quiz.shuffleQuestions) questions = shuffle(questions, random);
  const optionOrder: Record<string, string[]> = {};
  for (const q of questions) {
    const keys = q.options.map((o) => o.key);
    if (q.type === "ordering") {
      let order = shuffle(keys, random);
      for (let tries = 0; tries < 5 && order.join() === q.answer.join(); tries++) order = shuffle(keys, random);
      if (order.join() === q.answer.join()) order = [...keys].reverse();
      optionOrder[q.key] = order;
    } else {
      optionOrder[q.key] = quiz.shuffleOptions && q.type !== "true-false" ? shuffle(keys, random) : keys;
    }
  }
  return { questionKeys: questions.map((q) => q.key), optionOrder };
}

export type AnswerProblem = "unknownQuestion" | "empty" | "unknownOption" | "tooMany" | "incomplete";

/** Is this a well-formed answer to this question (whatever its correctness)? */
export function validateAnswer(question: CompiledQuestion | undefined, answer: unknown): AnswerProblem | null {
  if (!question) return "unknownQuestion";
  if (!Array.isArray(answer) || answer.length === 0 || !answer.every((a) => typeof a === "string")) return "empty";
  const keys = question.options.map((o) => o.key);
  if (!answer.every((a) => keys.includes(a))) return "unknownOption";
  if (new Set(answer).size !== answer.length) return "tooMany";
  if ((question.type === "single" || question.type === "true-false") && answer.length !== 1) return "tooMany";
  if (question.type === "ordering" && answer.length !== keys.length) return "incomplete";
  return null;
}

export function isCorrect(type: QuestionType, expected: string[], answer: string[]): boolean {
  if (type === "multiple") {
    return expected.length === answer.length && expected.every((key) => answer.includes(key));
  }
  return expected.length === answer.length && expected.every((key, i) => answer[i] === key);
}

/** Score of a submitted attempt: unanswered questions count as wrong. */
export function scoreAttempt(
  quiz: CompiledQuiz,
  questionKeys: string[],
  answers: Record<string, string[]>,
): { score: number; passed: boolean; correct: Record<string, boolean> } {
  const correct: Record<string, boolean> = {};
  for (const key of questionKeys) {
    const question = quiz.questions.find((q) => q.key === key);
    const answer = answers[key];
    correct[key] = Boolean(question && answer && isCorrect(question.type, question.answer, answer));
  }
  const right = Object.values(correct).filter(Boolean).length;
  const score = questionKeys.length ? Math.round((right * 100) / questionKeys.length) : 0;
  return { score, passed: score >= quiz.passMark, correct };
}

/** Attempts left: null when unlimited. */
export function attemptsLeft(attemptsAllowed: number, submittedAttempts: number): number | null {
  return attemptsAllowed === 0 ? null : Math.max(0, attemptsAllowed - submittedAttempts);
}

/** May a new attempt start? Not after a pass, not beyond the allowed number. */
export function canStartAttempt(quiz: Pick<CompiledQuiz, "attemptsAllowed">, submitted: { passed: boolean | null }[]): boolean {
  if (submitted.some((a) => a.passed)) return false;
  const left = attemptsLeft(quiz.attemptsAllowed, submitted.length);
  return left === null || left > 0;
}
