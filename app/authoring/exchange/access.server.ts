import type { Db } from "~/db.server";
import { courseAuthor } from "../drafts.server";

// Who may export a version is who may author the course (courseAuthor, RULES.author): one rule, one
// place. Anyone else gets the same 404 as for an unknown course (the route's job).

/** One version of a course the user authors; null for another academy's course or an unknown one. */
export async function findAuthoredVersion(db: Db, userId: string, slug: string, version: number) {
  const author = await courseAuthor(db, userId, slug);
  if (!author) return null;
  return db.courseVersion.findFirst({
    where: { courseId: author.course.id, version },
    select: { version: true, status: true, content: true, createdAt: true, publishedAt: true, course: { select: { slug: true } } },
  });
}
