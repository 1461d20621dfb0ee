import { notFound, requireUser } from "~/auth/guards.server";
import type { AuthUser } from "~/auth/session.server";
import { getDb, type Db } from "~/db.server";
import { authorAcademies, courseAuthor } from "../drafts.server";
import { readContent } from "~/courses/versions.server";

export { authorAcademies };

// Who may author (the shared authoring contract): an ACTIVE membership with role AUTHOR or ADMIN in the
// ACADEMY that owns the course. Platform administrators are not authors unless they have one. Anyone
// else gets the same 404 as for an unknown course, so nobody learns which courses or versions exist.

// One rule, one place: the academies and the roles come from the editor's module.
export type AuthorAcademy = { id: string; slug: string; name: string };

/** The signed-in author and the academies they author for; 404 for anyone who authors for none. */
export async function requireAuthor(request: Request): Promise<{ user: AuthUser; academies: AuthorAcademy[] }> {
  const user = await requireUser(request);
  const academies = await authorAcademies(user.id);
  if (academies.length === 0) throw notFound();
  return { user, academies };
}

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
