import { sqltag as sql } from "@prisma/client/runtime/client";
import { isUniqueViolation, getDb, rawDate, readRows } from "~/db.server";
import { newId } from "~/ids";
import { courseProgress, nextStep, type ProgressFacts } from "./completion";
import { getPublishedVersion, getVersionContent } from "~/courses/versions.server";
import { refreshReportSummaries } from "~/organizations/summary.server";

export type EnrolmentRow = {
  id: string;
  courseId: string;
  courseVersionId: string;
  completedAt: Date | null;
  cycleStartedAt: Date;
  lastLessonKey: string | null;
  courseVersion: { version: number };
};

/**
 * The user's enrolment in the course. Read on every lesson and quiz page: one SQL join instead of
 * Prisma's statements and query plans for the relation filter and the version (~1 ms of CPU against
 * ~0.15 ms; docs/performance.md).
 */
export async function findEnrolment(userId: string, slug: string): Promise<EnrolmentRow | null> {
  const db = await getDb();
  const rows = await readRows<Omit<EnrolmentRow, "courseVersion"> & { version: number }>(db, sql`
    SELECT e."id", e."courseId", e."courseVersionId", e."completedAt", e."cycleStartedAt", e."lastLessonKey", v."version"
    FROM "Enrolment" e
    JOIN "Course" c ON c."id" = e."courseId"
    JOIN "CourseVersion" v ON v."id" = e."courseVersionId"
    WHERE e."userId" = ${userId} AND c."slug" = ${slug}`);
  const row = rows[0];
  if (!row) return null;
  const { version, ...rest } = row;
  return { ...rest, courseVersion: { version } };
}

/** Enrols in the published version; enrolling twice is harmless (unique user+course). */
export async function enrol(userId: string, slug: string) {
  const version = await getPublishedVersion(slug);
  if (!version) return null;
  const db = await getDb();
  try {
    await db.enrolment.create({ data: { id: newId(), userId, courseId: version.courseId, courseVersionId: version.id } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // already enrolled
  }
  return findEnrolment(userId, slug);
}

/**
 * What counts in the current cycle: lessons completed and quizzes passed since it started. One
 * statement (read on every course page and for each course in progress on "My learning"), where
 * Prisma's model queries took three. The dates are compared here, not in SQL: a row written by
 * SQLite's column default holds CURRENT_TIMESTAMP's text ("2026-12-07 15:04:14"), which does not
 * compare as text with Prisma's ("2026-12-07T15:04:14.000+00:00").
 */
export async function progressFacts(enrolmentId: string): Promise<ProgressFacts> {
  const db = await getDb();
  const rows = await readRows<{ kind: string; key: string | null; at: unknown }>(db, sql`
    SELECT 'cycle' AS kind, NULL AS key, "cycleStartedAt" AS at FROM "Enrolment" WHERE "id" = ${enrolmentId}
    UNION ALL
    SELECT 'lesson', "lessonKey", "lastCompletedAt" FROM "LessonProgress" WHERE "enrolmentId" = ${enrolmentId} AND "lastCompletedAt" IS NOT NULL
    UNION ALL
    SELECT 'quiz', "quizKey", "submittedAt" FROM "QuizAttempt" WHERE "enrolmentId" = ${enrolmentId} AND "passed" = ${true} AND "submittedAt" IS NOT NULL`);
  const since = rawDate(rows.find((r) => r.kind === "cycle")?.at);
  if (!since) throw new Error(`No enrolment ${enrolmentId}`);
  const facts: ProgressFacts = { completedLessons: new Set(), passedQuizzes: new Set() };
  for (const row of rows) {
    if (row.kind === "cycle" || rawDate(row.at)! < since) continue;
    (row.kind === "lesson" ? facts.completedLessons : facts.passedQuizzes).add(row.key!);
  }
  return facts;
}

export async function enrolmentProgress(enrolment: { id: string; courseVersionId: string }) {
  const content = await getVersionContent(enrolment.courseVersionId);
  const facts = await progressFacts(enrolment.id);
  return { content, facts, progress: courseProgress(content, facts), next: nextStep(content, facts) };
}

export async function isLessonComplete(enrolment: { id: string; cycleStartedAt: Date }, lessonKey: string): Promise<boolean> {
  const db = await getDb();
  // raw: read on every lesson page, and a Prisma query plan costs ~3x the statement (docs/performance.md)
  const rows = await readRows<{ lastCompletedAt: Date | null }>(db, sql`
    SELECT "lastCompletedAt" FROM "LessonProgress" WHERE "enrolmentId" = ${enrolment.id} AND "lessonKey" = ${lessonKey}`);
  const last = rows[0]?.lastCompletedAt;
  return Boolean(last && last >= enrolment.cycleStartedAt);
}

/**
 * Recertification: after the certificate has expired, the person completes the course again.
 * A new cycle starts; earlier completions stay in the records but no longer count, and completing
 * the course again issues a new certificate (app/certificates/issue.server.ts).
 */
export async function startRecertification(userId: string, slug: string, now = new Date()): Promise<boolean> {
  const enrolment = await findEnrolment(userId, slug);
  if (!enrolment?.completedAt) return false;
  const db = await getDb();
  const latest = await db.certificate.findFirst({
    where: { enrolmentId: enrolment.id },
    orderBy: { issuedAt: "desc" },
    select: { expiresAt: true },
  });
  if (!latest?.expiresAt || latest.expiresAt > now) return false;
  return db.$transaction(async (tx) => {
    const { count } = await tx.enrolment.updateMany({
      where: { id: enrolment.id, completedAt: { not: null } },
      data: { completedAt: null, cycleStartedAt: now },
    });
    // the municipal reports' summary: the completion is gone, the certificates remain (same transaction)
    if (count === 1) await refreshReportSummaries(tx, { userId, courseId: enrolment.courseId });
    return count === 1;
  });
}

/** Records that a lesson page was opened (for "continue where you left off"). */
export async function recordLessonVisit(enrolmentId: string, moduleKey: string, lessonKey: string) {
  const db = await getDb();
  const now = new Date();
  await db.$transaction([
    db.lessonProgress.upsert({
      where: { enrolmentId_lessonKey: { enrolmentId, lessonKey } },
      update: { lastVisitedAt: now, moduleKey },
      create: { id: newId(), enrolmentId, moduleKey, lessonKey, lastVisitedAt: now },
    }),
    db.enrolment.update({ where: { id: enrolmentId }, data: { lastLessonKey: lessonKey, lastActivityAt: now } }),
  ]);
}

const MAX_SECONDS_PER_VISIT = 2 * 3600; // a tab left open overnight is not study time

/** Marks a lesson complete: first completion kept, last completion updated, time added. */
export async function completeLesson(enrolmentId: string, moduleKey: string, lessonKey: string, seconds: number) {
  const db = await getDb();
  const now = new Date();
  const spent = Math.max(0, Math.min(MAX_SECONDS_PER_VISIT, Math.round(seconds) || 0));
  const existing = await db.lessonProgress.findUnique({
    where: { enrolmentId_lessonKey: { enrolmentId, lessonKey } },
    select: { id: true, firstCompletedAt: true },
  });
  if (existing) {
    await db.lessonProgress.update({
      where: { id: existing.id },
      data: { firstCompletedAt: existing.firstCompletedAt ?? now, lastCompletedAt: now, timeSpentSeconds: { increment: spent } },
    });
  } else {
    await db.lessonProgress.create({
      data: { id: newId(), enrolmentId, moduleKey, lessonKey, firstCompletedAt: now, lastCompletedAt: now, timeSpentSeconds: spent },
    });
  }
  await db.enrolment.update({ where: { id: enrolmentId }, data: { lastActivityAt: now } });
}

/** Moves an enrolment to the newest published version; progress follows the stable keys. */
export async function switchToPublishedVersion(userId: string, slug: string) {
  const [enrolment, version] = await Promise.all([findEnrolment(userId, slug), getPublishedVersion(slug)]);
  if (!enrolment || !version || version.id === enrolment.courseVersionId) return false;
  const db = await getDb();
  await db.enrolment.update({ where: { id: enrolment.id }, data: { courseVersionId: version.id } });
  return true;
}
