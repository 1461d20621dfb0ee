// Import of a course zip as a DRAFT version, and the authoring access rule, on a throwaway database.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../../tests/db";
import { compileCourse } from "~/courses/compile.server";
import { importCourse } from "~/courses/import.server";
import { hashCourseFiles, readCourseFolder, uiBlockTitles } from "~/courses/files.server";
import type { CourseContent } from "~/courses/schema";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { authorAcademies, type AuthorAcademy } from "../drafts.server";
import { findAuthoredVersion } from "./access.server";
import { contentToFiles } from "./export";
import { exportCourseToFolder } from "./folder.server";
import { importCourseZip } from "./import.server";
import { filesToZip, streamToBuffer } from "./zip.server";

let db: Db;
let cleanup: () => Promise<void>;
let demo: AuthorAcademy;
let other: AuthorAcademy;
let authorId: string;
let fixture: CourseContent;

const FIXTURE = path.resolve("tests/fixtures/courses/short-course");

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  await seedDemo(db);
  demo = await db.organization.findUniqueOrThrow({ where: { slug: "demo-academy" }, select: { id: true, slug: true, name: true } });
  other = await db.organization.create({ data: { id: newId(), slug: "other-academy", name: "Other Academy", kind: "ACADEMY" }, select: { id: true, slug: true, name: true } });
  authorId = (await db.user.findUniqueOrThrow({ where: { email: "author@demo.test" } })).id;
  const files = readCourseFolder(FIXTURE);
  fixture = compileCourse("short-course", files, uiBlockTitles).content!;
  const published = await importCourse(fixture, hashCourseFiles(files), db);
  expect(published).toEqual({ status: "created", version: 1 });
});
afterAll(() => cleanup());

const zipOf = (content: CourseContent, slug = content.slug) => streamToBuffer(filesToZip(slug, contentToFiles(content)));
const counts = async () => ({ courses: await db.course.count(), versions: await db.courseVersion.count(), audit: await db.auditLog.count() });

describe("who may author", () => {
  it("is an active AUTHOR or ADMIN of an academy; not a learner, a manager or the platform admin", async () => {
    expect((await authorAcademies(authorId, db)).map((a) => a.slug)).toEqual(["demo-academy"]);
    for (const email of ["learner@demo.test", "manager@demo.test", "admin@demo.test"]) {
      const user = await db.user.findUniqueOrThrow({ where: { email } });
      expect(await authorAcademies(user.id, db), email).toEqual([]);
      expect(await findAuthoredVersion(user.id, "short-course", 1, db), email).toBeNull();
    }
    expect(await findAuthoredVersion(authorId, "short-course", 1, db)).toMatchObject({ version: 1, status: "PUBLISHED" });
    expect(await findAuthoredVersion(authorId, "short-course", 99, db)).toBeNull();
  });

  it("ends with the membership: a deactivated author authors nothing", async () => {
    await db.membership.updateMany({ where: { userId: authorId }, data: { status: "DEACTIVATED" } });
    expect(await authorAcademies(authorId, db)).toEqual([]);
    expect(await findAuthoredVersion(authorId, "short-course", 1, db)).toBeNull();
    await db.membership.updateMany({ where: { userId: authorId }, data: { status: "ACTIVE" } });
  });
});

describe("importCourseZip", () => {
  it("adds the exported course back as a DRAFT version, with the same content, and audits it", async () => {
    const outcome = await importCourseZip({ actorId: authorId, academy: demo, zip: await zipOf(fixture) }, db);
    expect(outcome).toEqual({
      ok: true,
      draft: {
        slug: "short-course",
        version: 2,
        newCourse: false,
        title: fixture.title,
        sourceLocale: "en",
        modules: 1,
        lessons: 2,
        completeLocales: fixture.completeLocales,
        replacedAcademy: null,
      },
    });
    const rows = await db.courseVersion.findMany({ where: { course: { slug: "short-course" } }, orderBy: { version: "asc" } });
    expect(rows.map((r) => [r.version, r.status, r.publishedAt])).toEqual([
      [1, "PUBLISHED", rows[0].publishedAt],
      [2, "DRAFT", null],
    ]);
    expect(rows[1].content).toEqual(fixture);
    expect(rows[1].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[1]).toMatchObject({ title: fixture.title, summary: fixture.summary, topics: fixture.topics, completeLocales: fixture.completeLocales, durationMinutes: fixture.durationMinutes });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "course.imported" } });
    expect(audit).toMatchObject({ organizationId: demo.id, actorId: authorId, targetType: "courseVersion", targetId: rows[1].id, details: { course: "short-course", version: 2 } });
  });

  it("refuses a second unpublished version of the same course, writing nothing", async () => {
    const before = await counts();
    expect(await importCourseZip({ actorId: authorId, academy: demo, zip: await zipOf(fixture) }, db)).toEqual({
      ok: false,
      errors: [{ key: "exchange:problems.unpublishedExists", values: { slug: "short-course", version: 2 } }],
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a course of another academy, writing nothing", async () => {
    const before = await counts();
    expect(await importCourseZip({ actorId: authorId, academy: other, zip: await zipOf(fixture) }, db)).toEqual({
      ok: false,
      errors: [{ key: "exchange:problems.otherAcademy", values: { slug: "short-course" } }],
    });
    expect(await counts()).toEqual(before);
  });

  it("creates a new course in the chosen academy, replacing the academy named in course.yaml", async () => {
    const content = { ...fixture, slug: "adopted-course" };
    const outcome = await importCourseZip({ actorId: authorId, academy: other, zip: await zipOf(content) }, db);
    expect(outcome).toMatchObject({ ok: true, draft: { slug: "adopted-course", version: 1, newCourse: true, replacedAcademy: "demo-academy" } });
    const course = await db.course.findUniqueOrThrow({ where: { slug: "adopted-course" }, include: { versions: true } });
    expect(course.academyId).toBe(other.id);
    expect(course.versions.map((v) => v.status)).toEqual(["DRAFT"]);
    expect((course.versions[0].content as CourseContent).academy).toBe("other-academy");
  });

  it("reports every course error with file and line and writes nothing", async () => {
    const files = contentToFiles({ ...fixture, slug: "broken-course" });
    files.set("modules/essentials/quiz.yaml", files.get("modules/essentials/quiz.yaml")!.replace("answer: everyone\n", ""));
    files.delete("modules/essentials/lessons/rights-holders.en.md");
    const before = await counts();
    const outcome = await importCourseZip({ actorId: authorId, academy: demo, zip: await streamToBuffer(filesToZip("broken-course", files)) }, db);
    expect(outcome.ok).toBe(false);
    if (outcome.ok || !outcome.courseErrors) throw new Error(JSON.stringify(outcome));
    expect(outcome.errors).toEqual([{ key: "exchange:problems.courseErrors" }]);
    const lines = outcome.courseErrors.map((e) => `${e.file}:${e.line}`);
    expect(lines).toContain("courses/broken-course/modules/essentials/lessons/rights-holders.en.md:1");
    expect(lines.some((l) => l.startsWith("courses/broken-course/modules/essentials/quiz.yaml:"))).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it("reports an unsafe zip and writes nothing", async () => {
    const before = await counts();
    const outcome = await importCourseZip({
      actorId: authorId,
      academy: demo,
      zip: await zipOf(fixture),
      limits: { maxFiles: 3, maxFileBytes: 1_000_000, maxTotalBytes: 10_000_000 },
    }, db);
    expect(outcome).toEqual({ ok: false, errors: [{ key: "exchange:problems.tooManyFiles", values: { limit: 3 } }] });
    expect(await counts()).toEqual(before);
  });
});

describe("exportCourseToFolder (npm run courses:export)", () => {
  it("writes the latest published version as a folder that compiles to the same content", async () => {
    const out = mkdtempSync(path.join(tmpdir(), "export-"));
    try {
      const result = await exportCourseToFolder({ slug: "short-course", outDir: out }, db);
      expect(result).toMatchObject({ ok: true, version: 1, status: "PUBLISHED", dir: path.join(out, "short-course") });
      const { content } = compileCourse("short-course", readCourseFolder(path.join(out, "short-course")), uiBlockTitles);
      expect(content).toStrictEqual(fixture);
      // the draft by its number
      expect(await exportCourseToFolder({ slug: "short-course", version: 2, outDir: out }, db)).toEqual({
        ok: false,
        message: `${path.join(out, "short-course")} already exists and is not empty; pass --force to replace its content`,
      });
      writeFileSync(path.join(out, "short-course", "stale.md"), "left over");
      expect(await exportCourseToFolder({ slug: "short-course", version: 2, outDir: out, force: true }, db)).toMatchObject({ ok: true, version: 2, status: "DRAFT" });
      expect(readCourseFolder(path.join(out, "short-course")).has("stale.md")).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("says clearly when the course or the version does not exist", async () => {
    expect(await exportCourseToFolder({ slug: "no-such-course", outDir: tmpdir() }, db)).toEqual({ ok: false, message: 'course "no-such-course" does not exist in the database' });
    expect(await exportCourseToFolder({ slug: "short-course", version: 9, outDir: tmpdir() }, db)).toEqual({
      ok: false,
      message: 'course "short-course" has no version 9; its versions: 1 (published), 2 (draft)',
    });
    expect(await exportCourseToFolder({ slug: "adopted-course", outDir: tmpdir() }, db)).toEqual({
      ok: false,
      message: 'course "adopted-course" has no published version; choose one with --version (its versions: 1 (draft))',
    });
  });
});
