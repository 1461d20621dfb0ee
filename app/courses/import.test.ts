import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { compileCourse } from "./compile.server";
import { hashCourseFiles } from "./files.server";
import { importCourse } from "./import.server";

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await seedDemo(db);
});
afterAll(() => cleanup());

const files = (title: string) =>
  new Map([
    ["course.yaml", `slug: mini\nsourceLocale: en\nacademy: demo-academy\ndurationMinutes: 5\ntitle: { en: \"${title}\" }\nsummary: { en: S }\nmodules: [m]\n`],
    ["modules/m/module.yaml", "key: m\ntitle: { en: M }\nlessons:\n  - key: l\n"],
    ["modules/m/lessons/l.en.md", "---\ntitle: L\n---\nBody\n"],
    ["modules/m/quiz.yaml", "key: q\npassMark: 50\nattemptsAllowed: 0\nquestions:\n  - key: a\n    type: true-false\n    answer: true\n"],
    ["modules/m/quiz.en.yaml", 'title: Q\nquestions:\n  a:\n    text: T\n    explanation: E\n    options:\n      "true": { feedback: Y }\n      "false": { feedback: N }\n'],
  ]);

function compile(title: string) {
  const f = files(title);
  const { content } = compileCourse("mini", f, () => "x");
  return { content: content!, hash: hashCourseFiles(f) };
}

describe("course import", () => {
  it("creates, skips unchanged content, and versions changed content", async () => {
    const first = compile("Mini");
    expect(await importCourse(first.content, first.hash, db)).toEqual({ status: "created", version: 1 });
    expect(await importCourse(first.content, first.hash, db)).toEqual({ status: "unchanged", version: 1 });
    const changed = compile("Mini, revised");
    expect(await importCourse(changed.content, changed.hash, db)).toEqual({ status: "updated", version: 2 });
    const versions = await db.courseVersion.findMany({ orderBy: { version: "asc" }, select: { version: true, status: true } });
    expect(versions).toEqual([
      { version: 1, status: "ARCHIVED" },
      { version: 2, status: "PUBLISHED" },
    ]);
  });

  it("refuses to publish files over a version being written in the browser", async () => {
    const c = compile("Mini, drafted");
    const course = await db.course.findFirstOrThrow({ select: { id: true, versions: { orderBy: { version: "desc" }, take: 1 } } });
    const latest = course.versions[0];
    await db.courseVersion.create({
      data: { ...latest, id: "draft-in-browser", version: latest.version + 1, status: "DRAFT", publishedAt: null, createdAt: new Date(), title: latest.title ?? {}, summary: latest.summary ?? {}, topics: latest.topics ?? [], completeLocales: latest.completeLocales ?? [], content: latest.content ?? {}, translationSources: latest.translationSources ?? undefined },
    });
    const outcome = await importCourse(c.content, c.hash, db);
    expect(outcome).toMatchObject({ status: "error" });
    expect(await db.courseVersion.count({ where: { courseId: course.id } })).toBe(latest.version + 1);
    await db.courseVersion.delete({ where: { id: "draft-in-browser" } });
  });

  it("refuses a course whose academy does not exist, writing nothing", async () => {
    const c = compile("Orphan");
    const before = await db.course.count();
    const outcome = await importCourse({ ...c.content, slug: "orphan", academy: "no-such-academy" }, "h", db);
    expect(outcome.status).toBe("error");
    expect(await db.course.count()).toBe(before);
  });
});
