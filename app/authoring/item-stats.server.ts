// Item statistics of a course version, computed by the database (docs/authoring.md, "Item
// statistics"). Like the municipal reports (docs/decisions/0005), one portable SQL text runs on
// SQLite and PostgreSQL; it returns additive sums per question, language and chosen answer — a few
// hundred rows whatever the number of learners — and item-stats.ts computes the measures from them.
import { join, sqltag as sql } from "@prisma/client/runtime/client";
import { getDb, type Db } from "~/db.server";
import { notFound } from "~/auth/guards.server";
import { requireCourseAuthor } from "./drafts.server";
import type { CompiledQuiz, CourseContent } from "~/courses/schema";
import { supportedLocales } from "~/i18n/config";
import { quizStats, UNKNOWN_LOCALE, type AnswerGroup, type QuizStats } from "./item-stats";

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
async function answerGroups(db: Db, versionId: string, quiz: CompiledQuiz): Promise<AnswerGroup[]> {
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
async function attemptCounts(db: Db, versionId: string, quizKey: string) {
  const rows = await db.$queryRaw<{ loc: string; count: unknown }[]>(sql`
    SELECT COALESCE(a."locale", ${UNKNOWN_LOCALE}) AS loc, COUNT(*) AS count
    FROM "QuizAttempt" a
    WHERE a."courseVersionId" = ${versionId} AND a."quizKey" = ${quizKey} AND a."submittedAt" IS NOT NULL
    GROUP BY a."locale"`);
  return rows.map((r) => ({ locale: String(r.loc), count: n(r.count) }));
}

/** The statistics of one quiz of a course version (two statements). */
export async function quizItemStats(db: Db, versionId: string, quiz: CompiledQuiz): Promise<QuizStats> {
  const [groups, counts] = await Promise.all([answerGroups(db, versionId, quiz), attemptCounts(db, versionId, quiz.key)]);
  return quizStats(quiz, groups, counts, supportedLocales);
}

/** The quizzes of a version, in module order, with the module each belongs to. */
export function versionQuizzes(content: CourseContent) {
  return content.modules.map((m) => ({ moduleKey: m.key, moduleTitle: m.title, quiz: m.quiz }));
}

/**
 * The course version at /author/courses/<slug>/versions/<n>/statistics, for an author of the
 * owning academy; anyone else, a malformed number or an unknown version: 404 (nobody learns which
 * courses or versions exist).
 */
export async function requireStatsVersion(request: Request, slug: string | undefined, version: string | undefined) {
  const ctx = await requireCourseAuthor(request, slug);
  if (!/^[1-9][0-9]{0,8}$/.test(version ?? "")) throw notFound();
  const db = await getDb();
  const row = await db.courseVersion.findFirst({
    where: { courseId: ctx.course.id, version: Number(version) },
    select: { id: true, version: true, status: true, content: true },
  });
  if (!row) throw notFound();
  return { ctx, db, version: { id: row.id, version: row.version, status: row.status, content: row.content as CourseContent } };
}
