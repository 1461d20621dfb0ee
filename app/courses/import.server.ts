import type { Db } from "~/db.server";
import { newId } from "~/ids";
import type { CourseContent } from "./schema";

export type ImportOutcome =
  | { status: "created" | "updated"; version: number }
  | { status: "unchanged"; version: number }
  | { status: "error"; message: string };

/**
 * Publishes compiled course content as a new immutable version, unless the latest version already
 * has this content hash. One transaction: a course is imported whole or not at all. The previous
 * published version is archived: learners enrolled in it keep it, newcomers get the new one.
 */
export async function importCourse(db: Db, content: CourseContent, hash: string): Promise<ImportOutcome> {
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
    const courseId = existing?.id ?? newId();
    if (!existing) {
      await tx.course.create({ data: { id: courseId, slug: content.slug, academyId: academy.id, sourceLocale: content.sourceLocale } });
    } else {
      await tx.course.update({ where: { id: courseId }, data: { sourceLocale: content.sourceLocale } });
    }
    await tx.courseVersion.updateMany({ where: { courseId, status: "PUBLISHED" }, data: { status: "ARCHIVED" } });
    const version = (latest?.version ?? 0) + 1;
    await tx.courseVersion.create({
      data: {
        id: newId(),
        courseId,
        version,
        status: "PUBLISHED",
        contentHash: hash,
        title: content.title,
        summary: content.summary,
        topics: content.topics,
        completeLocales: content.completeLocales,
        durationMinutes: content.durationMinutes,
        content: content as object,
        publishedAt: new Date(),
      },
    });
    return { status: existing ? "updated" : "created", version } as const;
  });
}
