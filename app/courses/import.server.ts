import { getDb, type Db } from "~/db.server";
import type { CourseContent } from "./schema";
import { archivePublishedVersions, createCourseRow, insertVersion, setCourseSourceLocale } from "./versions.server";

export type ImportOutcome =
  | { status: "created" | "updated"; version: number }
  | { status: "unchanged"; version: number }
  | { status: "error"; message: string };

/**
 * Publishes compiled course content as a new immutable version, unless the latest version already
 * has this content hash. One transaction: a course is imported whole or not at all. The previous
 * published version is archived: learners enrolled in it keep it, newcomers get the new one.
 */
export async function importCourse(content: CourseContent, hash: string, db?: Db): Promise<ImportOutcome> {
  db ??= await getDb();
  const academy = await db.organization.findUnique({ where: { slug: content.academy }, select: { id: true, kind: true } });
  if (!academy || academy.kind !== "ACADEMY") {
    return { status: "error", message: `academy "${content.academy}" does not exist (create the training academy first)` };
  }
  return db.$transaction(async (tx) => {
    const existing = await tx.course.findUnique({
      where: { slug: content.slug },
      select: { id: true, academyId: true, versions: { orderBy: { version: "desc" }, take: 1, select: { version: true, contentHash: true, status: true } } },
    });
    if (existing && existing.academyId !== academy.id) {
      return { status: "error", message: `course "${content.slug}" belongs to another academy` } as const;
    }
    const latest = existing?.versions[0];
    // A version being written in the browser (app/authoring) is the newest one: publishing files over
    // it would leave it behind a higher number. The academy decides which of the two goes first.
    if (latest && (latest.status === "DRAFT" || latest.status === "IN_REVIEW")) {
      return {
        status: "error",
        message: `course "${content.slug}" has version ${latest.version} being written in the browser (${latest.status === "DRAFT" ? "draft" : "in review"}): it must be published through review, or discarded on its overview page, before files can be imported`,
      } as const;
    }
    if (latest && latest.contentHash === hash) return { status: "unchanged", version: latest.version } as const;
    const courseId = existing?.id ?? (await createCourseRow({ slug: content.slug, academyId: academy.id, sourceLocale: content.sourceLocale }, tx));
    if (existing) await setCourseSourceLocale(courseId, content.sourceLocale, tx);
    await archivePublishedVersions(courseId, undefined, tx);
    const version = (latest?.version ?? 0) + 1;
    await insertVersion({ courseId, version, status: "PUBLISHED", content, contentHash: hash, publishedAt: new Date() }, tx);
    return { status: existing ? "updated" : "created", version } as const;
  });
}
