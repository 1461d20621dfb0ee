// The item statistics as the page computed them before the summary tables (until 2026-12-06): one
// statement over every submitted attempt's responses. Kept as the reference the summary is tested
// against (app/authoring/item-stats.test.ts): the same figures must come out of both, exactly.
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import type { Db } from "~/db.server";
import type { CompiledQuiz } from "~/courses/schema";
import { supportedLocales } from "~/i18n/config";
import { quizStats, summaryOfGroups, UNKNOWN_LOCALE, type AnswerGroup, type QuizStats } from "~/authoring/item-stats";

const n = (value: unknown) => Number(value ?? 0);

function parseAnswer(text: unknown): string[] | null {
  if (typeof text !== "string" || text === "") return null;
  try {
    const value = JSON.parse(text) as unknown;
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : null;
  } catch {
    return null;
  }
}

/**
 * The sums of item-stats.ts (n, Σx, Σy, Σxy, Σy²) per question, language and answer, over the
 * submitted attempts at one quiz of one version. `total` is the attempt's score (questions answered
 * right), a window over the attempt's responses; y = total − x is the rest of the attempt.
 * Ordering questions are not grouped by answer (every order would be a group; only the share
 * right is reported for them).
 */
export async function answerGroups(db: Db, versionId: string, quiz: CompiledQuiz): Promise<AnswerGroup[]> {
  const ordering = quiz.questions.filter((q) => q.type === "ordering").map((q) => q.key);
  const answer = ordering.length
    ? sql`CASE WHEN r."questionKey" IN (${join(ordering)}) THEN '' ELSE CAST(r."answer" AS TEXT) END`
    : sql`CAST(r."answer" AS TEXT)`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(sql`
    WITH att AS (
      SELECT a."id" AS aid, COALESCE(a."locale", ${UNKNOWN_LOCALE}) AS loc
      FROM "QuizAttempt" a
      WHERE a."courseVersionId" = ${versionId} AND a."quizKey" = ${quiz.key} AND a."submittedAt" IS NOT NULL
    ),
    resp AS (
      SELECT att.loc AS loc, r."questionKey" AS q, ${answer} AS answer,
        CASE WHEN r."correct" THEN 1 ELSE 0 END AS x,
        SUM(CASE WHEN r."correct" THEN 1 ELSE 0 END) OVER (PARTITION BY r."attemptId") AS total
      FROM att JOIN "QuizResponse" r ON r."attemptId" = att.aid
    )
    SELECT q, loc, answer, COUNT(*) AS n, SUM(x) AS sx, SUM(total - x) AS sy,
      SUM(x * (total - x)) AS sxy, SUM((total - x) * (total - x)) AS syy
    FROM resp
    GROUP BY q, loc, answer`);
  return rows.map((r) => ({
    questionKey: String(r.q),
    locale: String(r.loc),
    answer: parseAnswer(r.answer),
    n: n(r.n),
    sx: n(r.sx),
    sy: n(r.sy),
    sxy: n(r.sxy),
    syy: n(r.syy),
  }));
}

/** Submitted attempts at one quiz of the version, per language (from the covering index alone). */
export async function attemptCounts(db: Db, versionId: string, quizKey: string) {
  const rows = await db.$queryRaw<{ loc: string; count: unknown }[]>(sql`
    SELECT COALESCE(a."locale", ${UNKNOWN_LOCALE}) AS loc, COUNT(*) AS count
    FROM "QuizAttempt" a
    WHERE a."courseVersionId" = ${versionId} AND a."quizKey" = ${quizKey} AND a."submittedAt" IS NOT NULL
    GROUP BY a."locale"`);
  return rows.map((r) => ({ locale: String(r.loc), count: n(r.count) }));
}

/** The statistics of one quiz of a course version, computed from every answer. */
export async function referenceQuizItemStats(db: Db, versionId: string, quiz: CompiledQuiz): Promise<QuizStats> {
  const [groups, counts] = await Promise.all([answerGroups(db, versionId, quiz), attemptCounts(db, versionId, quiz.key)]);
  return quizStats(quiz, summaryOfGroups(groups), counts, supportedLocales);
}
