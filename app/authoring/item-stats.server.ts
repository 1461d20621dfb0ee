// Item statistics of a course version (docs/authoring.md, "Item statistics"): read from the summary
// tables kept up to date when attempts are submitted (item-summary.server.ts) — a few hundred rows
// whatever the number of learners — and item-stats.ts computes the measures from them. Like the
// municipal reports (docs/decisions/0005), one portable SQL text runs on SQLite and PostgreSQL.
import { sqltag as sql } from "@prisma/client/runtime/client";
import { getDb, type Db } from "~/db.server";
import { notFound } from "~/auth/guards.server";
import { requireCourseAuthor } from "./drafts.server";
import { readContent } from "~/courses/versions.server";
import type { CompiledQuiz, CourseContent } from "~/courses/schema";
import { supportedLocales } from "~/i18n/config";
import { quizStats, type QuizStats, type QuizSummary } from "./item-stats";

const n = (value: unknown) => Number(value ?? 0);

/**
 * The summary of one quiz of a version (three reads of a few hundred rows each, whatever the number
 * of learners): kept up to date when attempts are submitted (item-summary.server.ts).
 */
export async function quizSummary(versionId: string, quizKey: string, db?: Db): Promise<{ summary: QuizSummary; attempts: { locale: string; count: number }[] }> {
  db ??= await getDb();
  const [items, options, attempts] = await Promise.all([
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT s."questionKey" AS q, s."locale" AS loc, s."n" AS n, s."sumX" AS sx, s."sumY" AS sy, s."sumXY" AS sxy, s."sumY2" AS syy
      FROM "QuizItemSummary" s WHERE s."courseVersionId" = ${versionId} AND s."quizKey" = ${quizKey}`),
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT s."questionKey" AS q, s."locale" AS loc, s."optionKey" AS o, s."chosen" AS chosen
      FROM "QuizOptionSummary" s WHERE s."courseVersionId" = ${versionId} AND s."quizKey" = ${quizKey}`),
    db.$queryRaw<Record<string, unknown>[]>(sql`
      SELECT s."locale" AS loc, s."attempts" AS attempts
      FROM "QuizAttemptSummary" s WHERE s."courseVersionId" = ${versionId} AND s."quizKey" = ${quizKey}`),
  ]);
  return {
    summary: {
      items: items.map((r) => ({ questionKey: String(r.q), locale: String(r.loc), n: n(r.n), sx: n(r.sx), sy: n(r.sy), sxy: n(r.sxy), syy: n(r.syy) })),
      options: options.map((r) => ({ questionKey: String(r.q), locale: String(r.loc), optionKey: String(r.o), chosen: n(r.chosen) })),
    },
    attempts: attempts.map((r) => ({ locale: String(r.loc), count: n(r.attempts) })),
  };
}

/** The statistics of one quiz of a course version, from the summary. */
export async function quizItemStats(versionId: string, quiz: CompiledQuiz, db?: Db): Promise<QuizStats> {
  db ??= await getDb();
  const { summary, attempts } = await quizSummary(versionId, quiz.key, db);
  return quizStats(quiz, summary, attempts, supportedLocales);
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
  const row = await (await getDb()).courseVersion.findFirst({
    where: { courseId: ctx.course.id, version: Number(version) },
    select: { id: true, version: true, status: true, content: true },
  });
  if (!row) throw notFound();
  return { ctx, version: { id: row.id, version: row.version, status: row.status, content: readContent(row) } };
}
