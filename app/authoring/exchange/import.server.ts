import { compileCourse, type CourseError } from "~/courses/compile.server";
import { hashCourseFiles, uiBlockTitles } from "~/courses/files.server";
import type { CourseContent } from "~/courses/schema";
import { createCourseRow, insertVersion } from "~/courses/versions.server";
import { getDb, isUniqueViolation, type Db } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { recordAudit } from "~/audit/audit.server";
import { fail, type Failed, type Failure } from "~/http/forms";
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

/**
 * A refusal has the form contract's shape (docs/decisions/0009-form-contract.md): Failures whose keys
 * are in "exchange" (problems.*). A course that does not compile also carries the compiler's errors
 * (file, line, an English message for course authors), listed under the Failure.
 */
export type ImportOutcome = { ok: true; draft: ImportedDraft } | (Failed & { courseErrors?: CourseError[] });

const MB = 1024 * 1024;

/** What the zip reader found, as a Failure the import page translates (sizes in MB). */
export function zipFailure(p: ZipProblem): Failure {
  const key = `exchange:problems.${p.code}`;
  switch (p.code) {
    case "tooManyFiles":
      return { key, values: { limit: p.limit } };
    case "tooLarge":
      return { key, values: { limit: p.limit / MB } };
    case "fileTooLarge":
      return { key, values: { file: p.file, limit: p.limit / MB } };
    case "unsafePath":
    case "symlink":
    case "encrypted":
    case "notUtf8":
      return { key, values: { file: p.file } };
    default:
      return { key };
  }
}

const otherAcademy = (slug: string) => fail("exchange:problems.otherAcademy", { values: { slug } });
const unpublishedExists = (slug: string, version: number) => fail("exchange:problems.unpublishedExists", { values: { slug, version } });

export async function importCourseZip(
  input: { actorId: string; academy: AuthorAcademy; zip: Buffer; limits?: ZipLimits },
  db?: Db,
): Promise<ImportOutcome> {
  const read = await readCourseZip(input.zip, input.limits ?? ZIP_LIMITS);
  if (!read.ok) return { ok: false, errors: read.problems.map(zipFailure) };
  const compiled = compileCourse(read.slug, read.files, uiBlockTitles);
  if (!compiled.content) return { ...fail("exchange:problems.courseErrors"), courseErrors: compiled.errors };
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
      if (existing && existing.academyId !== input.academy.id) return otherAcademy(content.slug);
      const unpublished = existing?.versions.find((v) => v.status === "DRAFT" || v.status === "IN_REVIEW");
      if (unpublished) return unpublishedExists(content.slug, unpublished.version);

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
        ok: true as const,
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
      };
    });
  } catch (error) {
    // Two imports of the same course at once: the second one's course slug or version number is taken.
    if (!isUniqueViolation(error)) throw error;
    const course = await db.course.findUnique({
      where: { slug: content.slug },
      select: { academyId: true, versions: { where: { status: { in: ["DRAFT", "IN_REVIEW"] } }, select: { version: true } } },
    });
    if (course && course.academyId !== input.academy.id) return otherAcademy(content.slug);
    return unpublishedExists(content.slug, course?.versions[0]?.version ?? 0);
  }
}
