// The owner of course versions: stored content is read through one checked readContent(), and every
// writer (file import, zip import, drafts, review) stores the same columns derived from the content.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import { compileCourse } from "./compile.server";
import { hashCourseFiles, readCourseFolder, uiBlockTitles } from "./files.server";
import { importCourse } from "./import.server";
import type { CourseContent } from "./schema";
import { MalformedContentError, readContent, versionColumns } from "./versions.server";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { createCourse, saveDraft, startDraft, workingVersion, type AuthorContext } from "~/authoring/drafts.server";
import { reviewStep } from "~/authoring/review.server";
import { contentToFiles } from "~/authoring/exchange/export";
import { importCourseZip } from "~/authoring/exchange/import.server";
import { filesToZip, streamToBuffer } from "~/authoring/exchange/zip.server";
import { newId } from "~/ids";

const FIXTURE = path.resolve("tests/fixtures/courses/short-course");
const compiled = () => {
  const files = readCourseFolder(FIXTURE);
  return { content: compileCourse("short-course", files, uiBlockTitles).content!, hash: hashCourseFiles(files) };
};

describe("readContent", () => {
  const { content } = compiled();

  it("returns stored content typed, with the defaults of later format fields", () => {
    const stored = structuredClone(content) as Partial<CourseContent>;
    delete stored.glossary;
    const read = readContent({ id: newId(), status: "DRAFT", content: stored });
    expect(read.slug).toBe("short-course");
    expect(read.glossary).toEqual([]);
  });

  it("rejects content that is not a course with an error naming the version and the field", () => {
    const id = newId();
    expect(() => readContent({ id, status: "PUBLISHED", content: null })).toThrow(MalformedContentError);
    expect(() => readContent({ id, status: "PUBLISHED", content: "text" })).toThrow(`course version ${id}: stored content is malformed: content is not an object`);
    expect(() => readContent({ id, status: "DRAFT", content: { ...content, title: undefined } })).toThrow("content.title is not an object of texts per language");
    const badQuiz = structuredClone(content) as unknown as { modules: { quiz: { questions: unknown } }[] };
    badQuiz.modules[0].quiz.questions = "none";
    expect(() => readContent({ id, status: "DRAFT", content: badQuiz })).toThrow("content.modules[0].quiz.questions is not an array");
    // a refused row is not cached: the next read checks again
    expect(() => readContent({ id, status: "PUBLISHED", content: null })).toThrow(MalformedContentError);
  });

  it("checks an immutable version once (cached by id) and a version being written every time", () => {
    const published = newId();
    const first = readContent({ id: published, status: "PUBLISHED", content: structuredClone(content) });
    // the same id again: the cached content, the stored JSON is not looked at (nor re-checked)
    expect(readContent({ id: published, status: "PUBLISHED", content: null })).toBe(first);
    const draft = newId();
    readContent({ id: draft, status: "DRAFT", content: structuredClone(content) });
    expect(() => readContent({ id: draft, status: "DRAFT", content: null })).toThrow(MalformedContentError);
  });
});

describe("derived columns", () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let academy: { id: string; slug: string; name: string };
  let authorId: string;
  let reviewerId: string;

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDb());
    const { orgIds } = await seedDemo(db);
    academy = await db.organization.findUniqueOrThrow({ where: { id: orgIds.academy }, select: { id: true, slug: true, name: true } });
    authorId = (await db.user.findUniqueOrThrow({ where: { email: "author@demo.test" } })).id;
    reviewerId = (await db.user.findUniqueOrThrow({ where: { email: "reviewer@demo.test" } })).id;
  });
  afterAll(() => cleanup());

  /** Every version's columns agree with its own content, as versionColumns computes them. */
  async function expectColumnsFollowContent(courseSlug: string) {
    const rows = await db.courseVersion.findMany({
      where: { course: { slug: courseSlug } },
      select: { id: true, status: true, content: true, contentHash: true, title: true, summary: true, topics: true, completeLocales: true, durationMinutes: true },
    });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const { content: _content, ...expected } = versionColumns(readContent(row), row.contentHash);
      const { id: _id, status: _status, content: _stored, ...stored } = row;
      expect(stored, `${courseSlug} ${row.status}`).toEqual(expected);
    }
    return rows;
  }

  const ctx = (userId: string, course: { id: string; slug: string; sourceLocale: "en" }): AuthorContext => ({
    userId,
    role: "AUTHOR",
    course: { ...course, academyId: academy.id, academySlug: academy.slug, academyName: academy.name },
  });

  it("are the same for a file import, a zip import, a draft and a review", async () => {
    const { content, hash } = compiled();
    // file import (published)
    expect(await importCourse({ ...content, academy: academy.slug }, hash, db)).toMatchObject({ status: "created" });
    const published = await expectColumnsFollowContent("short-course");
    expect(published[0].contentHash).toBe(hash);

    // a draft from the published version, edited, then submitted (the review stores the compiler's output)
    const course = await db.course.findUniqueOrThrow({ where: { slug: "short-course" }, select: { id: true, slug: true } });
    expect((await startDraft(course.id, db)).ok).toBe(true);
    let draft = (await workingVersion(course.id, db))!;
    const edited = structuredClone(draft.content);
    edited.title.en = "Short course, edited";
    edited.durationMinutes += 5;
    expect((await saveDraft(draft, draft.revision, edited, undefined, db)).ok).toBe(true);
    await expectColumnsFollowContent("short-course");
    draft = (await workingVersion(course.id, db))!;
    const draftHash = (await db.courseVersion.findUniqueOrThrow({ where: { id: draft.id }, select: { contentHash: true } })).contentHash;
    expect(draftHash).toBe(hashCourseFiles(contentToFiles(draft.content)));
    expect(await reviewStep(ctx(authorId, { ...course, sourceLocale: "en" }), "submit", { versionId: draft.id, revision: draft.revision }, db)).toMatchObject({ ok: true, status: "IN_REVIEW" });
    const afterReview = await expectColumnsFollowContent("short-course");
    const submitted = afterReview.find((r) => r.id === draft.id)!;
    expect(submitted.title).toEqual(expect.objectContaining({ en: "Short course, edited" }));
    // the same content hashed the same way by the editor and by the review
    expect(submitted.contentHash).toBe(draftHash);
    expect((await reviewStep(ctx(reviewerId, { ...course, sourceLocale: "en" }), "approve", { versionId: draft.id }, db)).ok).toBe(true);

    // zip import (draft) of the same files under another slug
    const files = contentToFiles({ ...content, slug: "zipped-course" });
    const zip = await streamToBuffer(filesToZip("zipped-course", files));
    expect(await importCourseZip({ actorId: authorId, academy, zip }, db)).toMatchObject({ ok: true });
    const zipped = await expectColumnsFollowContent("zipped-course");
    expect(zipped[0].contentHash).toBe(hashCourseFiles(files));

    // a course created in the browser
    expect(await createCourse({ academy, slug: "browser-made", sourceLocale: "en", title: "Made here", summary: "Online", durationMinutes: 15 }, db)).toEqual({ slug: "browser-made" });
    const [made] = await expectColumnsFollowContent("browser-made");
    expect(made.title).toEqual({ en: "Made here" });
    expect(made.durationMinutes).toBe(15);
  });
});
