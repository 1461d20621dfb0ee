// Pure quiz rules, shared by the server (authoritative scoring) and the unit tests.
// Nothing here is sent to the browser with an answer key in it.
import { DEFAULT_REVIEW_RULE, REVIEW_RULES, type CompiledQuestion, type CompiledQuiz, type QuestionType, type RetakeWait, type ReviewRule } from "~/courses/schema";

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
 * When each question of the pool was last asked to this person: the attempt number (higher = more
 * recent). A question never asked is absent.
 */
export type SeenQuestions = Map<string, number>;

export function seenQuestions(attempts: { attemptNumber: number; questionKeys: unknown }[]): SeenQuestions {
  const seen: SeenQuestions = new Map();
  for (const a of attempts) {
    for (const key of Array.isArray(a.questionKeys) ? (a.questionKeys as string[]) : []) {
      seen.set(key, Math.max(seen.get(key) ?? 0, a.attemptNumber));
    }
  }
  return seen;
}

/**
 * Which `draw` questions of the pool an attempt asks: questions the person has never been asked
 * come first, then those asked longest ago; ties are broken at random. So a retake asks what the
 * person has not seen while the pool lasts, and only then comes back to what they saw first.
 */
export function drawQuestions(pool: CompiledQuestion[], draw: number | null, seen: SeenQuestions, random: Random = Math.random): Set<string> {
  if (!draw || draw >= pool.length) return new Set(pool.map((q) => q.key));
  const ranked = shuffle(pool, random)
    .map((q, tieBreak) => ({ key: q.key, lastSeen: seen.get(q.key) ?? 0, tieBreak }))
    .sort((a, b) => a.lastSeen - b.lastSeen || a.tieBreak - b.tieBreak);
  return new Set(ranked.slice(0, draw).map((r) => r.key));
}

/**
 * Which questions an attempt asks, in which order, and in which order their options appear.
 * A fresh plan per attempt: a retake draws again (preferring questions not seen, see drawQuestions)
 * and shuffles again when the quiz says so. Ordering questions are always shuffled (showing them in
 * the author's order would give the answer); `fixedOrder` questions and true/false never are.
 */
export function planAttempt(quiz: CompiledQuiz, random: Random = Math.random, seen: SeenQuestions = new Map()): AttemptPlan {
  const drawn = drawQuestions(quiz.questions, quiz.draw, seen, random);
  // keep the authored order of the drawn subset unless questions are shuffled too
  let questions = quiz.questions.filter((q) => drawn.has(q.key));
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
      optionOrder[q.key] = quiz.shuffleOptions && q.type !== "true-false" && !q.fixedOrder ? shuffle(keys, random) : keys;
    }
  }
  return { questionKeys: questions.map((q) => q.key), optionOrder };
}

// ---- review rules: what a reply may reveal ----

/** The quiz's review rule; versions compiled before rules existed get the default. */
export function reviewRuleOf(quiz: Pick<CompiledQuiz, "review">): ReviewRule {
  return quiz.review && (REVIEW_RULES as readonly string[]).includes(quiz.review) ? quiz.review : DEFAULT_REVIEW_RULE;
}

/**
 * May a reply show the right answers and the explanations? `during`: feedback on one answer in an
 * attempt still open; otherwise the review of a submitted attempt (passed or not, attempts left
 * after it, overrides included). Everything else a reply holds is allowed under every rule: the
 * score, which answers were wrong, the feedback written for the options the person chose.
 */
export function mayRevealAnswers(
  rule: ReviewRule,
  moment: { during: true } | { during: false; passed: boolean; attemptsLeft: number | null },
): boolean {
  if (rule === "immediately") return true;
  if (rule === "never" || moment.during) return false;
  if (moment.passed) return true;
  return rule === "after-last-attempt" && moment.attemptsLeft === 0;
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
export function attemptsLeft(attemptsAllowed: number, submittedAttempts: number, extraAttempts = 0): number | null {
  return attemptsAllowed === 0 ? null : Math.max(0, attemptsAllowed + extraAttempts - submittedAttempts);
}

/** May a new attempt start? Not after a pass, not beyond the allowed number. */
export function canStartAttempt(quiz: Pick<CompiledQuiz, "attemptsAllowed">, submitted: { passed: boolean | null }[], extraAttempts = 0): boolean {
  if (submitted.some((a) => a.passed)) return false;
  const left = attemptsLeft(quiz.attemptsAllowed, submitted.length, extraAttempts);
  return left === null || left > 0;
}

export type OverrideFacts = { extraAttempts: number; reset: boolean; createdAt: Date };
export type SubmittedFacts = { passed: boolean | null; startedAt: Date; submittedAt: Date };

export type AttemptStanding = {
  /** null: unlimited */
  attemptsLeft: number | null;
  /** may a new attempt start now */
  canStart: boolean;
  /** when a wait is what stops a new attempt: the moment it ends */
  nextAttemptAt: Date | null;
  /** why no new attempt may start (null when one may) */
  blocked: null | "alreadyPassed" | "noAttemptsLeft" | "waitBeforeRetake";
  /** extra attempts granted since the last reset */
  extraAttempts: number;
};

/**
 * A person's standing on one quiz in the current cycle, from their submitted attempts and the
 * overrides granted to them (both of the cycle only). A reset makes the attempts started before it
 * not count, and the extra attempts granted before it lapse (the reset gives the full allowance
 * back). After `retakeWait.afterFailedAttempts` counted failures, the next attempt waits
 * `retakeWait.minutes` after the last failure, unless an override was granted since: a manager or
 * author who grants an attempt means "now".
 */
export function attemptStanding(
  quiz: Pick<CompiledQuiz, "attemptsAllowed" | "retakeWait">,
  submitted: SubmittedFacts[],
  overrides: OverrideFacts[],
  now: Date = new Date(),
): AttemptStanding {
  const lastReset = overrides.filter((o) => o.reset).reduce<Date | null>((at, o) => (!at || o.createdAt > at ? o.createdAt : at), null);
  const counted = lastReset ? submitted.filter((a) => a.startedAt >= lastReset) : submitted;
  const extraAttempts = overrides
    .filter((o) => !lastReset || o.createdAt >= lastReset)
    .reduce((sum, o) => sum + Math.max(0, o.extraAttempts), 0);
  const left = attemptsLeft(quiz.attemptsAllowed, counted.length, extraAttempts);
  const standing = (blocked: AttemptStanding["blocked"], nextAttemptAt: Date | null = null): AttemptStanding => ({
    attemptsLeft: left,
    canStart: blocked === null,
    nextAttemptAt,
    blocked,
    extraAttempts,
  });
  // a pass counts in the whole cycle, reset or not: a reset is for someone who could not pass
  if (submitted.some((a) => a.passed)) return standing("alreadyPassed");
  if (left !== null && left <= 0) return standing("noAttemptsLeft");
  const wait = quiz.retakeWait;
  const failures = counted.filter((a) => !a.passed);
  if (wait && failures.length >= wait.afterFailedAttempts) {
    const lastFailure = failures.reduce((at, a) => (a.submittedAt > at ? a.submittedAt : at), failures[0].submittedAt);
    const grantedSince = overrides.some((o) => o.createdAt > lastFailure);
    const until = new Date(lastFailure.getTime() + wait.minutes * 60_000);
    if (!grantedSince && until > now) return standing("waitBeforeRetake", until);
  }
  return standing(null);
}

export type { RetakeWait };
