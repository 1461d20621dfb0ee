import { getDb } from "~/db.server";
import { withFormatDefaults, type CourseContent } from "~/courses/schema";

// Published versions are immutable, so their parsed content can be cached by id in each process
// (no shared state: any process can rebuild it from the database).
const cache = new Map<string, CourseContent>();
const MAX = 50;

export async function getVersionContent(versionId: string): Promise<CourseContent> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const db = await getDb();
  const row = await db.courseVersion.findUniqueOrThrow({ where: { id: versionId }, select: { content: true } });
  const content = withFormatDefaults(row.content as unknown as CourseContent);
  if (cache.size >= MAX) cache.delete(cache.keys().next().value as string);
  cache.set(versionId, content);
  return content;
}

/** The version offered to newcomers: the published one (at most one per course). */
export async function getPublishedVersion(slug: string) {
  const db = await getDb();
  return db.courseVersion.findFirst({
    where: { status: "PUBLISHED", course: { slug } },
    orderBy: { version: "desc" },
    select: { id: true, version: true, courseId: true, course: { select: { slug: true, academy: { select: { name: true } } } } },
  });
}
