// The maintained summary behind the item statistics (docs/authoring.md, "Item statistics";
// docs/performance.md): additive sums per quiz, question, language and option, added to in the
// transaction that submits an attempt (app/learning/quiz.server.ts). Every write is one
// `INSERT … ON CONFLICT … DO UPDATE SET col = col + excluded.col`: the database adds to the stored
// value under its row lock, so simultaneous submissions never lose an increment (a read-then-write
// would). Written in the one SQL text both databases accept (docs/decisions/0005).
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { Db } from "~/db.server";
import { UNKNOWN_LOCALE } from "./item-stats";

/** What the summary needs of a submitted attempt: its version, quiz, language and responses. */
export type SubmittedAnswers = {
  courseVersionId: string | null;
  quizKey: string;
  locale: string | null;
  responses: { questionKey: string; answer: unknown; correct: boolean }[];
};

/** The option keys an answer names, each once (an answer that is not a list of keys names none). */
export function optionKeys(answer: unknown): string[] {
  return Array.isArray(answer) ? [...new Set(answer.filter((k): k is string => typeof k === "string"))] : [];
}

/**
 * Adds one submitted attempt to the summary. Call it inside the transaction that marks the attempt
 * submitted, once (only when that update changed the row), so the summary holds each submitted
 * attempt exactly once. Attempts without a course version (none are made any more) are not counted,
 * as the page never showed them. Options are recorded for every question type; the page shows none
 * for ordering questions.
 */
export async function addToItemSummary(db: Pick<Db, "$executeRaw">, attempt: SubmittedAnswers): Promise<void> {
  if (!attempt.courseVersionId) return;
  const v = attempt.courseVersionId;
  const locale = attempt.locale ?? UNKNOWN_LOCALE;
  await db.$executeRaw(sql`
    INSERT INTO "QuizAttemptSummary" ("courseVersionId", "quizKey", "locale", "attempts")
    VALUES (${v}, ${attempt.quizKey}, ${locale}, 1)
    ON CONFLICT ("courseVersionId", "quizKey", "locale")
    DO UPDATE SET "attempts" = "QuizAttemptSummary"."attempts" + excluded."attempts"`);
  if (!attempt.responses.length) return;
  const total = attempt.responses.filter((r) => r.correct).length;
  const items = attempt.responses.map((r) => {
    const x = r.correct ? 1 : 0;
    const y = total - x;
    return sql`(${v}, ${attempt.quizKey}, ${r.questionKey}, ${locale}, 1, ${x}, ${y}, ${y * y}, ${x * y})`;
  });
  await db.$executeRaw(sql`
    INSERT INTO "QuizItemSummary" ("courseVersionId", "quizKey", "questionKey", "locale", "n", "sumX", "sumY", "sumY2", "sumXY")
    VALUES ${join(items)}
    ON CONFLICT ("courseVersionId", "quizKey", "questionKey", "locale")
    DO UPDATE SET "n" = "QuizItemSummary"."n" + excluded."n", "sumX" = "QuizItemSummary"."sumX" + excluded."sumX",
      "sumY" = "QuizItemSummary"."sumY" + excluded."sumY", "sumY2" = "QuizItemSummary"."sumY2" + excluded."sumY2",
      "sumXY" = "QuizItemSummary"."sumXY" + excluded."sumXY"`);
  // one row per (question, option): a question is answered once per attempt, and optionKeys dedupes
  const options = attempt.responses.flatMap((r) =>
    optionKeys(r.answer).map((key) => sql`(${v}, ${attempt.quizKey}, ${r.questionKey}, ${locale}, ${key}, 1)`),
  );
  if (!options.length) return;
  await db.$executeRaw(sql`
    INSERT INTO "QuizOptionSummary" ("courseVersionId", "quizKey", "questionKey", "locale", "optionKey", "chosen")
    VALUES ${join(options)}
    ON CONFLICT ("courseVersionId", "quizKey", "questionKey", "locale", "optionKey")
    DO UPDATE SET "chosen" = "QuizOptionSummary"."chosen" + excluded."chosen"`);
}
