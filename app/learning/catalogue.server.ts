import { getDb } from "~/db.server";
import { orgName } from "~/organizations/names";
import type { Locale } from "~/i18n/config";
import type { LocalizedText } from "~/courses/schema";
import { pick } from "~/courses/localize";
import { courseProgress } from "./completion";
import { getVersionContent } from "~/courses/versions.server";
import { progressFacts } from "./enrolment.server";

export type LearnerStatus =
  | { kind: "notStarted" }
  | { kind: "inProgress"; percent: number }
  | { kind: "completed"; completedAt: string }
  | { kind: "certified"; certificateId: string };

export type CatalogueFilters = { q?: string; topic?: string; language?: string };

/** The published courses, with the signed-in person's own status and assignment, filtered. */
export async function listCatalogue(locale: Locale, userId: string | null, filters: CatalogueFilters = {}) {
  const db = await getDb();
  const versions = await db.courseVersion.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { publishedAt: "asc" },
    select: {
      id: true,
      title: true,
      summary: true,
      topics: true,
      completeLocales: true,
      durationMinutes: true,
      course: { select: { id: true, slug: true, sourceLocale: true, academy: { select: { name: true, names: true } } } },
    },
  });
  const statuses = userId ? await learnerStatuses(userId) : new Map<string, { status: LearnerStatus; dueAt: string | null }>();
  const allTopics = [...new Set(versions.flatMap((v) => v.topics as string[]))].sort();
  const q = filters.q?.trim().toLowerCase();
  const courses = versions
    .map((v) => {
      const source = v.course.sourceLocale as Locale;
      const title = pick(v.title as LocalizedText, locale, source);
      return {
        slug: v.course.slug,
        title: title.value,
        titleFallback: title.fallback,
        sourceLocale: source,
        summary: pick(v.summary as LocalizedText, locale, source).value,
        durationMinutes: v.durationMinutes,
        topics: v.topics as string[],
        languages: v.completeLocales as Locale[],
        academy: orgName(v.course.academy, locale),
        ...(statuses.get(v.course.id) ?? { status: { kind: "notStarted" } as LearnerStatus, dueAt: null }),
      };
    })
    .filter((c) => !filters.topic || c.topics.includes(filters.topic))
    .filter((c) => !filters.language || c.languages.includes(filters.language as Locale))
    .filter((c) => !q || c.title.toLowerCase().includes(q) || c.summary.toLowerCase().includes(q));
  return { courses, allTopics };
}

/** Status per course id for one person: enrolment progress, completion, certificate, assignment. */
export async function learnerStatuses(userId: string) {
  const db = await getDb();
  const [enrolments, certificates, assignments] = await Promise.all([
    db.enrolment.findMany({ where: { userId }, select: { id: true, courseId: true, courseVersionId: true, completedAt: true } }),
    db.certificate.findMany({
      where: { userId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
      select: { id: true, courseId: true },
      orderBy: { issuedAt: "desc" },
    }),
    assignmentsFor(userId),
  ]);
  const result = new Map<string, { status: LearnerStatus; dueAt: string | null }>();
  for (const e of enrolments) {
    const certificate = certificates.find((c) => c.courseId === e.courseId);
    let status: LearnerStatus;
    if (certificate) status = { kind: "certified", certificateId: certificate.id };
    else if (e.completedAt) status = { kind: "completed", completedAt: e.completedAt.toISOString() };
    else {
      const content = await getVersionContent(e.courseVersionId);
      status = { kind: "inProgress", percent: courseProgress(content, await progressFacts(e.id)).percent };
    }
    result.set(e.courseId, { status, dueAt: null });
  }
  for (const a of assignments) {
    const entry = result.get(a.courseId) ?? { status: { kind: "notStarted" } as LearnerStatus, dueAt: null };
    // the earliest due date wins when a person is assigned the same course twice
    const due = a.dueAt.toISOString();
    result.set(a.courseId, { ...entry, dueAt: entry.dueAt && entry.dueAt < due ? entry.dueAt : due });
  }
  return result;
}

/** Assignments that reach this person: to them by name, or to their department, in an active membership. */
export async function assignmentsFor(userId: string) {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId, status: "ACTIVE" },
    select: { organizationId: true, departmentId: true },
  });
  if (memberships.length === 0) return [];
  return db.assignment.findMany({
    where: {
      OR: memberships.map((m) => ({
        organizationId: m.organizationId,
        OR: [{ userId }, ...(m.departmentId ? [{ departmentId: m.departmentId }] : [])],
      })),
    },
    select: { courseId: true, dueAt: true, organizationId: true },
  });
}
