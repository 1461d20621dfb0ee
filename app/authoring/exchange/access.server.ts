import { getDb, type Db } from "~/db.server";
import { readContent } from "~/courses/versions.server";
import { courseAuthor } from "../drafts.server";

// Who may export a version is who may author the course (courseAuthor, RULES.author): one rule, one
// place. Anyone else gets the same 404 as for an unknown course (the route's job).

/** One version of a course the user authors; null for another academy's course or an unknown one. */
export async function findAuthoredVersion(userId: string, slug: string, version: number, db?: Db) {
  db ??= await getDb();
  const author = await courseAuthor(userId, slug, db);
  if (!author) return null;
  const row = await db.courseVersion.findFirst({
    where: { courseId: author.course.id, version },
    select: { id: true, version: true, status: true, content: true, createdAt: true, publishedAt: true, course: { select: { slug: true } } },
  });
  return row && { ...row, content: readContent(row) };
}
