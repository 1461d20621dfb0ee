// Factories for the municipality tests and the large-dataset script (scripts/seed-large.ts), so that
// both describe the same kind of world. Not used by the application itself.
import { getDb, type Db } from "~/db.server";
import { createCourseRow, insertVersion } from "~/courses/versions.server";
import type { CourseContent } from "~/courses/schema";

/** A published one-version course with `modules` × `lessons` lessons and a quiz per module. */
export async function ensureCourse(
  input: { slug: string; academyId: string; title: Partial<Record<string, string>>; modules?: number; lessons?: number; validityMonths?: number },
  db?: Db,
) {
  db ??= await getDb();
  const existing = await db.course.findUnique({
    where: { slug: input.slug },
    select: { id: true, versions: { where: { status: "PUBLISHED" }, select: { id: true }, take: 1 } },
  });
  if (existing?.versions[0]) return { courseId: existing.id, versionId: existing.versions[0].id };
  const content = syntheticContent(input);
  const courseId = existing?.id ?? (await createCourseRow({ slug: input.slug, academyId: input.academyId, sourceLocale: "en" }, db));
  const versionId = await insertVersion({ courseId, version: 1, status: "PUBLISHED", content, contentHash: `fixture-${input.slug}`, publishedAt: new Date() }, db);
  return { courseId, versionId };
}

export function syntheticContent(input: { slug: string; title: Partial<Record<string, string>>; modules?: number; lessons?: number; validityMonths?: number }) {
  const moduleCount = input.modules ?? 2;
  const lessonCount = input.lessons ?? 3;
  const en = (text: string) => ({ en: text });
  const modules = Array.from({ length: moduleCount }, (_, m) => ({
    key: `module-${m + 1}`,
    title: en(`Module ${m + 1}`),
    lessons: Array.from({ length: lessonCount }, (_, l) => ({ key: `m${m + 1}-lesson-${l + 1}`, title: en(`Lesson ${m + 1}.${l + 1}`), tags: [], html: en("<p>…</p>") })),
    quiz: { key: `m${m + 1}-quiz`, title: en(`Quiz ${m + 1}`), passMark: 70, attemptsAllowed: 0, shuffleQuestions: false, shuffleOptions: false, questions: [] },
  }));
  return {
    slug: input.slug,
    sourceLocale: "en",
    academy: "fixture",
    durationMinutes: 60,
    topics: [],
    certificateValidityMonths: input.validityMonths,
    passRules: { requireAllLessons: true, requireAllQuizzes: true },
    title: input.title,
    summary: en("A course made up for tests and benchmarks."),
    completeLocales: ["en"],
    modules,
  } as unknown as CourseContent;
}
