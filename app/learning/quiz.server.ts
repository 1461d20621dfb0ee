// The quiz, server side: the one place that knows the answer key. It plans attempts (drawing from
// the pool, preferring questions the person has not seen), locks each answer, scores submissions
// itself, applies the attempt rules and overrides, and decides what every reply may reveal: the
// right answers and explanations only when the quiz's review rule allows (mayRevealAnswers). Every
// refusal is the form contract's (quizRefusal: a Failure the page translates).
import { sqltag as sql } from "@prisma/client/runtime/client";
import { isUniqueViolation, getDb, rawBool, rawDate, rawJson, readRows, writeRows } from "~/db.server";
import { newId } from "~/ids";
import type { Locale } from "~/i18n/config";
import type { CompiledQuiz, CourseContent } from "~/courses/schema";
import { pick } from "~/courses/localize";
import { attemptStanding, isCorrect, mayRevealAnswers, planAttempt, reviewRuleOf, scoreAttempt, seenQuestions, validateAnswer, type AttemptStanding } from "./quiz-rules";
import type { Feedback, QuestionView, Response } from "./quiz-machine";
import { checkCompletion } from "./completion.server";
import { addToItemSummary } from "~/authoring/item-summary.server";
import { queueQuizAttemptStatement } from "~/xapi/queue.server";
import { fail, type Failed } from "~/http/forms";

export type QuizError =
  | "noAttemptsLeft"
  | "alreadyPassed"
  | "attemptNotFound"
  | "attemptFinished"
  | "alreadyAnswered"
  | "unknownQuestion"
  | "unknownOption"
  | "empty"
  | "tooMany"
  | "incomplete"
  | "duplicateSubmission"
  | "waitBeforeRetake";

/**
 * A refusal of the quiz's rules in the form contract's shape (docs/decisions/0009-form-contract.md):
 * one Failure worded by learning:quiz.errors.<code>. A wait rule's says when the next attempt may
 * start (values.nextAttemptAt, an ISO instant the page puts in the person's language and time zone).
 */
export function quizRefusal(code: QuizError, nextAttemptAt?: string): Failed {
  return fail(`learning:quiz.errors.${code}`, nextAttemptAt ? { values: { nextAttemptAt } } : {});
}

/** Whether a refusal is this one (the quiz page answers 404 to a lost attempt, 409 to the rules). */
export function refusedBecause(refusal: Failed, code: QuizError): boolean {
  return refusal.errors.some((e) => e.key === `learning:quiz.errors.${code}`);
}

/**
 * The enrolment a quiz request works on. `cycleStartedAt`, when the caller read it with the
 * enrolment (the quiz page does: findEnrolment returns it), spares a second read of the enrolment for
 * the current cycle's attempts; without it the cycle is read from the database.
 */
export type Enrolled = { id: string; courseVersionId: string; userId: string; cycleStartedAt?: Date };

type AttemptFields = {
  id: string;
  questionKeys: unknown;
  optionOrder: unknown;
  submittedAt: Date | null;
  score: number | null;
  passed: boolean | null;
  startedAt: Date;
};
type AttemptRow = AttemptFields & { responses: { questionKey: string; answer: unknown; correct: boolean }[] };

const attemptFields = {
  id: true,
  questionKeys: true,
  optionOrder: true,
  submittedAt: true,
  score: true,
  passed: true,
  startedAt: true,
} as const;
const responseFields = { questionKey: true, answer: true, correct: true } as const;
const attemptSelect = { ...attemptFields, responses: { select: responseFields } } as const;

export function findQuiz(content: CourseContent, moduleKey: string): CompiledQuiz | undefined {
  return content.modules.find((m) => m.key === moduleKey)?.quiz;
}

/**
 * Feedback on one locked answer: right or wrong, and what the author wrote for the options chosen.
 * The right answer and the explanation only when `reveal` (the review rule allows it at this moment).
 */
function feedbackFor(quiz: CompiledQuiz, questionKey: string, answer: string[], correct: boolean, locale: Locale, source: Locale, reveal: boolean): Feedback {
  const question = quiz.questions.find((q) => q.key === questionKey)!;
  const notes = answer
    .map((key) => question.options.find((o) => o.key === key))
    .filter((o): o is NonNullable<typeof o> => Boolean(o && Object.keys(o.feedback).length))
    .map((o) => ({ key: o.key, text: pick(o.feedback, locale, source).value }));
  const feedback: Feedback = { correct, notes: question.type === "ordering" ? [] : notes };
  if (reveal) {
    feedback.rightAnswer = question.answer;
    feedback.explanation = pick(question.explanation, locale, source).value;
  }
  return feedback;
}

/** The questions of an attempt as the browser may see them: texts, options in attempt order, no key. */
function questionViews(quiz: CompiledQuiz, attempt: AttemptRow, locale: Locale, source: Locale): QuestionView[] {
  const order = attempt.optionOrder as Record<string, string[]>;
  return (attempt.questionKeys as string[]).flatMap((key) => {
    const q = quiz.questions.find((x) => x.key === key);
    if (!q) return [];
    return [
      {
        key,
        type: q.type,
        text: pick(q.text, locale, source).value,
        options: (order[key] ?? q.options.map((o) => o.key)).map((optionKey) => ({
          key: optionKey,
          text: pick(q.options.find((o) => o.key === optionKey)?.text ?? {}, locale, source).value,
        })),
      },
    ];
  });
}

function responseViews(quiz: CompiledQuiz, attempt: AttemptRow, locale: Locale, source: Locale, reveal: boolean): Record<string, Response> {
  return Object.fromEntries(
    attempt.responses.map((r) => [
      r.questionKey,
      { answer: r.answer as string[], feedback: feedbackFor(quiz, r.questionKey, r.answer as string[], r.correct, locale, source, reveal) },
    ]),
  );
}

export type ReviewItem = {
  key: string;
  type: CompiledQuiz["questions"][number]["type"];
  text: string;
  yourAnswer: string[];
  correct: boolean;
  /** what the author wrote for the options the person chose */
  notes: string[];
  /** only when the review rule allows */
  rightAnswer?: string[];
  explanation?: string;
};

/**
 * After submission: every question with the person's answer, whether it was right, and the feedback
 * for the options they chose; the right answer and the explanation only when `reveal`.
 */
export function resultReview(quiz: CompiledQuiz, attempt: AttemptRow, locale: Locale, source: Locale, reveal: boolean): ReviewItem[] {
  const answers = Object.fromEntries(attempt.responses.map((r) => [r.questionKey, r.answer as string[]]));
  return (attempt.questionKeys as string[]).flatMap((key) => {
    const q = quiz.questions.find((x) => x.key === key);
    if (!q) return [];
    // true/false options have no authored text: the page shows its own translated "True"/"False"
    const label = (optionKey: string) =>
      q.type === "true-false" ? optionKey : pick(q.options.find((o) => o.key === optionKey)?.text ?? {}, locale, source).value;
    const yours = answers[key] ?? [];
    const item: ReviewItem = {
      key,
      type: q.type,
      text: pick(q.text, locale, source).value,
      yourAnswer: yours.map(label),
      correct: yours.length > 0 && isCorrect(q.type, q.answer, yours),
      notes:
        q.type === "ordering"
          ? []
          : yours.flatMap((k) => {
              const feedback = q.options.find((o) => o.key === k)?.feedback ?? {};
              return Object.keys(feedback).length ? [pick(feedback, locale, source).value] : [];
            }),
    };
    if (reveal) {
      item.rightAnswer = q.answer.map(label);
      item.explanation = pick(q.explanation, locale, source).value;
    }
    return [item];
  });
}

/**
 * One read of every attempt at this quiz, in all certification cycles: the current cycle's attempts
 * and the highest attempt number come from the same snapshot, so a racing "start" either sees the
 * other's open attempt or picks the same next number and loses on the unique index (never a second
 * open attempt numbered after the first). Only earlier attempts of the current cycle count (see
 * startRecertification), with the overrides granted in this cycle; the questions asked in every
 * cycle steer the next draw. Responses are not read here: a page shows those of one attempt at most
 * (withResponses), and a first visit has none.
 */
async function attemptHistory(enrolment: Enrolled, quizKey: string) {
  const db = await getDb();
  const cycleStartedAt =
    enrolment.cycleStartedAt ??
    (await db.enrolment.findUniqueOrThrow({ where: { id: enrolment.id }, select: { cycleStartedAt: true } })).cycleStartedAt;
  // raw: read by the quiz page and by every "start" (a model query costs 3–8× its raw form,
  // docs/decisions/0007); the rows are converted to the model's types by attemptFrom/overrideFrom
  const [attemptRows, overrideRows] = await Promise.all([
    readRows<RawAttempt>(db, sql`
      SELECT "id", "questionKeys", "optionOrder", "submittedAt", "score", "passed", "startedAt", "attemptNumber"
      FROM "QuizAttempt"
      WHERE "enrolmentId" = ${enrolment.id} AND "quizKey" = ${quizKey}
      ORDER BY "attemptNumber"`),
    readRows<RawOverride>(db, sql`
      SELECT "extraAttempts", "reset", "createdAt"
      FROM "QuizOverride"
      WHERE "enrolmentId" = ${enrolment.id} AND "quizKey" = ${quizKey} AND "createdAt" >= ${cycleStartedAt}`),
  ]);
  const all = attemptRows.map(attemptFrom);
  return {
    all,
    inCycle: all.filter((a) => a.startedAt >= cycleStartedAt),
    overrides: overrideRows.map(overrideFrom),
    lastNumber: all.length ? all[all.length - 1].attemptNumber : 0,
  };
}

type RawAttempt = { id: string; questionKeys: unknown; optionOrder: unknown; submittedAt: unknown; score: unknown; passed: unknown; startedAt: unknown; attemptNumber: unknown };
type RawOverride = { extraAttempts: unknown; reset: unknown; createdAt: unknown };

function attemptFrom(r: RawAttempt): AttemptFields & { attemptNumber: number } {
  return {
    id: r.id,
    questionKeys: rawJson(r.questionKeys),
    optionOrder: rawJson(r.optionOrder),
    submittedAt: rawDate(r.submittedAt),
    score: r.score === null || r.score === undefined ? null : Number(r.score),
    passed: rawBool(r.passed),
    startedAt: rawDate(r.startedAt)!,
    attemptNumber: Number(r.attemptNumber),
  };
}

function overrideFrom(r: RawOverride) {
  return { extraAttempts: Number(r.extraAttempts), reset: rawBool(r.reset) === true, createdAt: rawDate(r.createdAt)! };
}

function standingOf(quiz: CompiledQuiz, history: Awaited<ReturnType<typeof attemptHistory>>, now = new Date()): AttemptStanding {
  const submitted = history.inCycle.flatMap((a) => (a.submittedAt ? [{ passed: a.passed, startedAt: a.startedAt, submittedAt: a.submittedAt }] : []));
  return attemptStanding(quiz, submitted, history.overrides, now);
}

/** May the review of this submitted attempt show the right answers (its rule, its outcome, what is left)? */
function revealAfter(quiz: CompiledQuiz, attempt: { passed: boolean | null }, standing: AttemptStanding): boolean {
  return mayRevealAnswers(reviewRuleOf(quiz), { during: false, passed: Boolean(attempt.passed), attemptsLeft: standing.attemptsLeft });
}

const revealDuring = (quiz: CompiledQuiz) => mayRevealAnswers(reviewRuleOf(quiz), { during: true });

async function withResponses<A extends AttemptFields>(attempt: A): Promise<A & AttemptRow> {
  const db = await getDb();
  const responses = await db.quizResponse.findMany({ where: { attemptId: attempt.id }, select: responseFields });
  return { ...attempt, responses };
}

/** Everything the quiz page needs, for a first visit, a reload mid-attempt, or a later visit. */
export async function quizState(enrolment: Enrolled, content: CourseContent, moduleKey: string, locale: Locale, now = new Date()) {
  const quiz = findQuiz(content, moduleKey);
  if (!quiz) return null;
  const source = content.sourceLocale;
  const history = await attemptHistory(enrolment, quiz.key);
  const attempts = history.inCycle;
  const standing = standingOf(quiz, history, now);
  const submitted = attempts.filter((a) => a.submittedAt);
  const open = attempts.find((a) => !a.submittedAt) ?? null;
  const last = submitted.at(-1) ?? null;
  const passedAttempt = submitted.find((a) => a.passed) ?? null;
  // a reset after the last failure: the page offers a fresh start rather than the old result
  const status = open ? "open" : passedAttempt ? "passed" : last ? "failed" : "none";
  const chosen = open ?? passedAttempt ?? last;
  const shown = chosen ? await withResponses(chosen) : null;
  const reveal = shown ? (open ? revealDuring(quiz) : revealAfter(quiz, shown, standing)) : false;
  return {
    quiz: {
      key: quiz.key,
      title: pick(quiz.title, locale, source).value,
      passMark: quiz.passMark,
      attemptsAllowed: quiz.attemptsAllowed,
      questionCount: quiz.draw ?? quiz.questions.length,
      review: reviewRuleOf(quiz),
    },
    status: status as "open" | "passed" | "failed" | "none",
    attemptsLeft: standing.attemptsLeft,
    canStart: standing.canStart,
    nextAttemptAt: standing.nextAttemptAt?.toISOString() ?? null,
    history: submitted.map((a) => ({ number: a.attemptNumber, score: a.score ?? 0, passed: Boolean(a.passed), submittedAt: a.submittedAt!.toISOString() })),
    questions: shown ? questionViews(quiz, shown, locale, source) : [],
    responses: shown ? responseViews(quiz, shown, locale, source, reveal) : {},
    attemptId: open?.id ?? null,
    result:
      !open && shown
        ? {
            score: shown.score ?? 0,
            passed: Boolean(shown.passed),
            attemptsLeft: standing.attemptsLeft,
            nextAttemptAt: standing.nextAttemptAt?.toISOString() ?? null,
            answersShown: reveal,
            review: resultReview(quiz, shown, locale, source, reveal),
          }
        : null,
  };
}

export async function startAttempt(
  enrolment: Enrolled,
  content: CourseContent,
  moduleKey: string,
  locale: Locale,
  now = new Date(),
): Promise<
  | { ok: true; attemptId: string; questions: QuestionView[]; responses: Record<string, Response> }
  | Failed
> {
  const quiz = findQuiz(content, moduleKey);
  if (!quiz) return quizRefusal("attemptNotFound");
  const db = await getDb();
  const history = await attemptHistory(enrolment, quiz.key);
  const { inCycle: attempts, lastNumber } = history;
  const open = attempts.find((a) => !a.submittedAt);
  const view = (a: AttemptRow) => ({
    ok: true as const,
    attemptId: a.id,
    questions: questionViews(quiz, a, locale, content.sourceLocale),
    responses: responseViews(quiz, a, locale, content.sourceLocale, revealDuring(quiz)),
  });
  if (open) return view(await withResponses(open)); // a second "start" (double click, second tab) resumes the same attempt
  const standing = standingOf(quiz, history, now);
  if (standing.blocked === "waitBeforeRetake") return quizRefusal("waitBeforeRetake", standing.nextAttemptAt!.toISOString());
  if (standing.blocked) return quizRefusal(standing.blocked);
  // every attempt of this enrolment, earlier cycles included, steers the draw towards unseen questions
  const plan = planAttempt(quiz, Math.random, seenQuestions(history.all));
  // One raw INSERT, the storm's only write (docs/decisions/0007), sent to the driver adapter: the model
  // API's create costs ~0.9 ms of CPU, $executeRaw ~0.25 ms, the adapter less (docs/performance.md).
  // The attempt is numbered across cycles, and the unique (enrolment, quiz, number) blocks a double
  // start: a second "start" of the same moment inserts nothing and resumes the one that got in. The
  // version and the language the attempt is taken in are for the item statistics.
  const attempt = {
    id: newId(),
    questionKeys: plan.questionKeys,
    optionOrder: plan.optionOrder,
    submittedAt: null,
    score: null,
    passed: null,
    startedAt: new Date(),
  };
  const inserted = await writeRows(db, sql`
    INSERT INTO "QuizAttempt" ("id", "enrolmentId", "userId", "moduleKey", "quizKey", "attemptNumber",
      "questionKeys", "optionOrder", "answers", "startedAt", "courseVersionId", "locale")
    VALUES (${attempt.id}, ${enrolment.id}, ${enrolment.userId}, ${moduleKey}, ${quiz.key}, ${lastNumber + 1},
      ${JSON.stringify(plan.questionKeys)}, ${JSON.stringify(plan.optionOrder)}, ${"{}"}, ${attempt.startedAt},
      ${enrolment.courseVersionId}, ${locale})
    ON CONFLICT DO NOTHING`);
  if (inserted === 1) return view({ ...attempt, responses: [] });
  const winner = (await attemptHistory(enrolment, quiz.key)).inCycle.find((a) => !a.submittedAt);
  if (!winner) throw new Error(`quiz start: attempt ${lastNumber + 1} of ${quiz.key} was neither inserted nor found open`);
  return view(await withResponses(winner));
}

async function ownAttempt(enrolment: Enrolled, attemptId: unknown, quizKey: string) {
  if (typeof attemptId !== "string" || attemptId.length > 64) return null;
  const db = await getDb();
  // Another person's attempt, another course's or another quiz's is "not found", like a forged id.
  return db.quizAttempt.findFirst({
    where: { id: attemptId, enrolmentId: enrolment.id, userId: enrolment.userId, quizKey },
    select: { ...attemptSelect, idempotencyKey: true },
  });
}

export async function answerQuestion(
  enrolment: Enrolled,
  content: CourseContent,
  moduleKey: string,
  input: { attemptId: unknown; questionKey: unknown; answer: unknown },
  locale: Locale,
): Promise<{ ok: true; questionKey: string; answer: string[]; feedback: Feedback } | Failed> {
  const quiz = findQuiz(content, moduleKey);
  if (!quiz) return quizRefusal("attemptNotFound");
  const attempt = await ownAttempt(enrolment, input.attemptId, quiz.key);
  if (!attempt) return quizRefusal("attemptNotFound");
  if (attempt.submittedAt) return quizRefusal("attemptFinished");
  const questionKey = typeof input.questionKey === "string" ? input.questionKey : "";
  const inAttempt = (attempt.questionKeys as string[]).includes(questionKey);
  const question = inAttempt ? quiz.questions.find((q) => q.key === questionKey) : undefined;
  const problem = validateAnswer(question, input.answer);
  if (problem) return quizRefusal(problem);
  const answer = input.answer as string[];
  const correct = isCorrect(question!.type, question!.answer, answer);
  const db = await getDb();
  try {
    await db.quizResponse.create({ data: { id: newId(), attemptId: attempt.id, questionKey, answer, correct } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Already answered: a double click returns the locked answer's feedback; a changed answer is refused.
    const locked = await db.quizResponse.findUniqueOrThrow({ where: { attemptId_questionKey: { attemptId: attempt.id, questionKey } } });
    if (JSON.stringify(locked.answer) !== JSON.stringify(answer)) return quizRefusal("alreadyAnswered");
  }
  return { ok: true, questionKey, answer, feedback: feedbackFor(quiz, questionKey, answer, correct, locale, content.sourceLocale, revealDuring(quiz)) };
}

export async function submitAttempt(
  enrolment: Enrolled,
  content: CourseContent,
  moduleKey: string,
  input: { attemptId: unknown; idempotencyKey: unknown },
  locale: Locale,
) {
  const quiz = findQuiz(content, moduleKey);
  if (!quiz) return quizRefusal("attemptNotFound");
  const attempt = await ownAttempt(enrolment, input.attemptId, quiz.key);
  if (!attempt) return quizRefusal("attemptNotFound");
  const key = typeof input.idempotencyKey === "string" && /^[A-Za-z0-9-]{8,64}$/.test(input.idempotencyKey) ? input.idempotencyKey : newId();
  const db = await getDb();
  if (!attempt.submittedAt) {
    // The answers are read from the database, never from the request; the score sent by a
    // browser (if any) is ignored.
    const answers = Object.fromEntries(attempt.responses.map((r) => [r.questionKey, r.answer as string[]]));
    const { score, passed } = scoreAttempt(quiz, attempt.questionKeys as string[], answers);
    try {
      // Only the first submission wins (submittedAt still null); a retry or a double click
      // finds the attempt submitted and gets the stored result.
      // The item statistics' summary is added to in the same transaction, by the submission that
      // won only, so it holds every submitted attempt exactly once (item-summary.server.ts). Its
      // sums are taken from the responses read inside the transaction, as the page's figures were
      // before the summary (tests/item-stats-reference.ts).
      await db.$transaction(async (tx) => {
        const { count } = await tx.quizAttempt.updateMany({
          where: { id: attempt.id, submittedAt: null },
          data: { submittedAt: new Date(), score, passed, idempotencyKey: key, answers },
        });
        if (count !== 1) return;
        const submitted = await tx.quizAttempt.findUniqueOrThrow({
          where: { id: attempt.id },
          select: { courseVersionId: true, quizKey: true, locale: true, responses: { select: responseFields } },
        });
        await addToItemSummary(tx, submitted);
        // its xAPI statement (when an LRS is configured), with the submission or not at all (outbox)
        await queueQuizAttemptStatement(tx, attempt.id);
        // Prisma's defaults (2 s to get a connection, 5 s to finish) fail submissions when many
        // learners submit at once on PostgreSQL's connection pool (a whole class at the end of a
        // session); queueing a few seconds longer is better than refusing a finished attempt.
      }, { maxWait: 15_000, timeout: 15_000 });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return quizRefusal("duplicateSubmission");
    }
  }
  const stored = await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt.id }, select: attemptSelect });
  if (stored.passed) await checkCompletion(enrolment);
  const standing = standingOf(quiz, await attemptHistory(enrolment, quiz.key));
  const reveal = revealAfter(quiz, stored, standing);
  return {
    ok: true as const,
    result: {
      score: stored.score ?? 0,
      passed: Boolean(stored.passed),
      attemptsLeft: standing.attemptsLeft,
      nextAttemptAt: standing.nextAttemptAt?.toISOString() ?? null,
      answersShown: reveal,
      review: resultReview(quiz, stored, locale, content.sourceLocale, reveal),
    },
  };
}
