// The platform administrator's view of every course and its versions, and taking a published version
// out of the catalogue ("archive"). Decision (docs/administration.md): archiving the only published
// version hides the course from the catalogue and from new enrolments and assignments, while people
// already enrolled keep learning on the version of their enrolment (Enrolment.versionId) and keep
// their certificates. An author publishes a new version to bring the course back.
import { getDb } from "~/db.server";
import { moveVersionStatus } from "~/courses/versions.server";
import { fail, type Failed } from "~/http/forms";
import { pick } from "~/courses/localize";
import type { Locale } from "~/i18n/config";
import { orgName } from "~/organizations/names";
import { auditPlatform } from "./users.server";
import { recordAudit } from "~/audit/audit.server";

export async function listCoursesForAdmin(locale: Locale) {
  const db = await getDb();
  const courses = await db.course.findMany({
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      sourceLocale: true,
      academy: { select: { name: true, names: true } },
      versions: { orderBy: { version: "desc" }, select: { id: true, version: true, status: true, title: true, publishedAt: true, _count: { select: { enrolments: true } } } },
    },
  });
  return courses.map((c) => ({
    id: c.id,
    slug: c.slug,
    // the academy in the reader's language, like the rest of the site
    academy: orgName(c.academy, locale),
    title: c.versions[0] ? pick(c.versions[0].title as Record<string, string>, locale, c.sourceLocale as Locale).value : c.slug,
    versions: c.versions.map((v) => ({ id: v.id, version: v.version, status: v.status, publishedAt: v.publishedAt?.toISOString() ?? null, enrolments: v._count.enrolments })),
  }));
}

export type ArchiveResult = { ok: true; slug: string; version: number } | Failed | null;

/** PUBLISHED → ARCHIVED, audit-logged in the academy's log and the platform's. Null when unknown (404). */
export async function archiveVersion(actorId: string, versionId: string): Promise<ArchiveResult> {
  const db = await getDb();
  const v = await db.courseVersion.findUnique({
    where: { id: versionId },
    select: { id: true, version: true, status: true, course: { select: { slug: true, academyId: true } } },
  });
  if (!v) return null;
  if (v.status !== "PUBLISHED") return fail("admin:courses.errors.notPublished");
  return db.$transaction(async (tx) => {
    // the WHERE on status: two administrators archiving at once record it once
    if (!(await moveVersionStatus(v.id, "PUBLISHED", "ARCHIVED", tx))) return fail("admin:courses.errors.notPublished");
    const entry = { actorId, action: "course.versionArchived" as const, targetType: "courseVersion" as const, targetId: v.id, details: { course: `${v.course.slug} v${v.version}` } };
    await recordAudit(tx, { ...entry, organizationId: v.course.academyId });
    await auditPlatform(tx, entry);
    return { ok: true as const, slug: v.course.slug, version: v.version };
  });
}
