import { compileCourse, type CourseError } from "~/courses/compile.server";
import { hashCourseFiles, uiBlockTitles } from "~/courses/files.server";
import type { CourseContent } from "~/courses/schema";
import { createCourseRow, insertVersion } from "~/courses/versions.server";
import { getDb, isUniqueViolation, type Db } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { recordAudit } from "~/audit/audit.server";
import type { AuthorAcademy } from "../drafts.server";
import { readCourseZip, ZIP_LIMITS, type ZipLimits, type ZipProblem } from "./zip.server";

// A course folder uploaded as a zip becomes a DRAFT version (never published: publishing goes through
// review). Everything is checked before anything is written; the version, a new course row if needed
// and the audit entry are written in one transaction.

export type ImportedDraft = {
  slug: string;
  version: number;
  newCourse: boolean;
  title: CourseContent["title"];
  sourceLocale: Locale;
  modules: number;
  lessons: number;
  completeLocales: Locale[];
  /** The academy named in course.yaml when it was not the one imported into (it is replaced). */
  replacedAcademy: string | null;
};

export type ImportOutcome =
  | { ok: true; draft: ImportedDraft }
  | { ok: false; reason: "zip"; problems: ZipProblem[] }
  | { ok: false; reason: "course"; errors: CourseError[] }
  | { ok: false; reason: "otherAcademy"; slug: string }
  | { ok: false; reason: "unpublishedExists"; slug: string; version: number };

export async function importCourseZip(
  input: { actorId: string; academy: AuthorAcademy; zip: Buffer; limits?: ZipLimits },
  db?: Db,
): Promise<ImportOutcome> {
  const read = await readCourseZip(input.zip, input.limits ?? ZIP_LIMITS);
  if (!read.ok) return { ok: false, reason: "zip", problems: read.problems };
  const compiled = compileCourse(read.slug, read.files, uiBlockTitles);
  if (!compiled.content) return { ok: false, reason: "course", errors: compiled.errors };
  // The course belongs to the academy it is imported into, whatever course.yaml says (a course written
  // by one academy can be adopted by another); the result says so when it differed.
  const content: CourseContent = { ...compiled.content, academy: input.academy.slug };
  const replacedAcademy = compiled.content.academy !== input.academy.slug ? compiled.content.academy : null;
  const hash = hashCourseFiles(read.files);
  db ??= await getDb();

  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.course.findUnique({
        where: { slug: content.slug },
        select: { id: true, academyId: true, versions: { orderBy: { version: "desc" }, select: { version: true, status: true } } },
      });
      if (existing && existing.academyId !== input.academy.id) return { ok: false, reason: "otherAcademy", slug: content.slug } as const;
      const unpublished = existing?.versions.find((v) => v.status === "DRAFT" || v.status === "IN_REVIEW");
      if (unpublished) return { ok: false, reason: "unpublishedExists", slug: content.slug, version: unpublished.version } as const;

      const courseId = existing?.id ?? (await createCourseRow({ slug: content.slug, academyId: input.academy.id, sourceLocale: content.sourceLocale }, tx));
      // sourceLocale of an existing course changes when its version is published, not now
      const version = (existing?.versions[0]?.version ?? 0) + 1;
      const versionId = await insertVersion({ courseId, version, status: "DRAFT", content, contentHash: hash }, tx);
      await recordAudit(tx, {
        organizationId: input.academy.id,
        actorId: input.actorId,
        action: "course.imported",
        targetType: "courseVersion",
        targetId: versionId,
        details: { course: content.slug, version, title: content.title[content.sourceLocale] ?? content.slug },
      });
      return {
        ok: true,
        draft: {
          slug: content.slug,
          version,
          newCourse: !existing,
          title: content.title,
          sourceLocale: content.sourceLocale,
          modules: content.modules.length,
          lessons: content.modules.reduce((n, m) => n + m.lessons.length, 0),
          completeLocales: content.completeLocales,
          replacedAcademy,
        },
      } as const;
    });
  } catch (error) {
    // Two imports of the same course at once: the second one's course slug or version number is taken.
    if (!isUniqueViolation(error)) throw error;
    const course = await db.course.findUnique({
      where: { slug: content.slug },
      select: { academyId: true, versions: { where: { status: { in: ["DRAFT", "IN_REVIEW"] } }, select: { version: true } } },
    });
    if (course && course.academyId !== input.academy.id) return { ok: false, reason: "otherAcademy", slug: content.slug };
    return { ok: false, reason: "unpublishedExists", slug: content.slug, version: course?.versions[0]?.version ?? 0 };
  }
}
