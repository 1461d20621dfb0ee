import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { compileCourse } from "~/courses/compile.server";
import { loadCourse, uiBlockTitles } from "~/courses/files.server";
import type { CourseContent } from "~/courses/schema";
import { checkDraft, createCourse, requireDraft, saveDraft, startDraft, workingVersion, type AuthorContext } from "./drafts.server";
import { addLesson, addModule, addQuestion, confirmedDelete, deletionSummary, rearrange, updateDetails, updateLesson, updateModule, updateQuestion } from "./edit";
import { contentToFiles } from "./files";
import { discardDraft, reviewStep } from "./review.server";
import { isOutdated, listTexts, setText, textHash } from "./texts";

let db: Db;
let cleanup: () => Promise<void>;
let academy: { id: string; slug: string };
let authorId: string;
let reviewerId: string;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  const { orgIds } = await seedDemo(db);
  academy = { id: orgIds.academy, slug: "demo-academy" };
  authorId = (await db.user.findUniqueOrThrow({ where: { email: "author@demo.test" } })).id;
  reviewerId = (await db.user.findUniqueOrThrow({ where: { email: "reviewer@demo.test" } })).id;
});
afterAll(() => cleanup());

function ok<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

const XSS = [
  "<script>window.__xss = 1</script>",
  '<img src=x onerror="window.__xss = 1">',
  "[click](javascript:window.__xss=1)",
  '<a href="javascript:alert(1)" onclick="window.__xss=1">raw</a>',
].join("\n\n");

describe("course files ↔ content", () => {
  it("writes a compiled course back to files that compile to the same content", () => {
    const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
    if (!loaded.ok) throw new Error("fixture does not compile");
    const again = compileCourse("short-course", contentToFiles(loaded.content), uiBlockTitles);
    expect(again.errors).toEqual([]);
    expect(again.content).toEqual(loaded.content);
  });
});

describe("deleting a module, lesson or question", () => {
  const fixture = () => {
    const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
    if (!loaded.ok) throw new Error("fixture does not compile");
    return loaded.content;
  };

  it("is done only when confirmed", () => {
    const c = fixture();
    const [m] = c.modules;
    const lesson = { moduleKey: m.key, lessonKey: m.lessons[0].key };
    expect(confirmedDelete(c, lesson, {})).toEqual({ ok: false, errors: [{ key: "authoring:delete.errors.confirm" }] });
    expect(confirmedDelete(c, lesson, { confirm: "on" })).toEqual({ ok: false, errors: [{ key: "authoring:delete.errors.confirm" }] });
    const after = ok(confirmedDelete(c, lesson, { confirm: "yes" })).content;
    expect(after.modules[0].lessons.map((l) => l.key)).toEqual(m.lessons.slice(1).map((l) => l.key));
    const withoutQuestion = ok(confirmedDelete(c, { moduleKey: m.key, questionKey: m.quiz.questions[0].key }, { confirm: "yes" })).content;
    expect(withoutQuestion.modules[0].quiz.questions).toHaveLength(m.quiz.questions.length - 1);
    expect(ok(confirmedDelete(c, { moduleKey: m.key }, { confirm: "yes" })).content.modules).toHaveLength(c.modules.length - 1);
  });

  it("says beforehand what goes: lessons and questions of a module, and every language with text", () => {
    const c = fixture();
    const [m] = c.modules;
    expect(deletionSummary(m)).toMatchObject({ lessons: m.lessons.length, questions: m.quiz.questions.length });
    expect(deletionSummary(m).languages).toContain(c.sourceLocale);
    // a translation deep inside (a question's explanation) counts for its module and its question
    const q = m.quiz.questions[0];
    q.explanation = { ...q.explanation, zh: "解释" };
    expect(deletionSummary(m).languages).toContain("zh");
    expect(deletionSummary(q).languages).toContain("zh");
    expect(deletionSummary(q)).toMatchObject({ lessons: 0, questions: 0 });
    // an empty translation is not one
    const l = m.lessons[0];
    l.title = { ...l.title, ru: "  " };
    expect(deletionSummary(l).languages).not.toContain("ru");
  });
});

describe("writing, reviewing and publishing a course in the browser", () => {
  const ctx = (userId: string): AuthorContext => ({
    userId,
    role: "AUTHOR",
    course: { id: courseId, slug: "browser-course", academyId: academy.id, academySlug: academy.slug, academyName: "Demo", sourceLocale: "en" },
  });
  let courseId = "";

  it("builds a course from an empty draft with the editor's changes", async () => {
    expect(await createCourse({ academy, slug: "browser-course", sourceLocale: "en", title: "Browser course", summary: "Made online", durationMinutes: 20 }, db)).toEqual({
      slug: "browser-course",
    });
    expect(await createCourse({ academy, slug: "browser-course", sourceLocale: "en", title: "Again", summary: "x", durationMinutes: 5 }, db)).toBeNull();
    courseId = (await db.course.findUniqueOrThrow({ where: { slug: "browser-course" } })).id;
    let draft = await requireDraft(courseId, db);
    // an empty course is refused by the same checks as courses:check
    expect(checkDraft(draft.content).errors.map((e) => e.message)).toContain("modules: a course needs at least one module");

    let c: CourseContent = ok(addModule(draft.content, { title: "Basics", key: "" })).content;
    c = ok(addLesson(c, "basics", { title: "Welcome <b onmouseover=alert(1)>", key: "" })).content;
    c = ok(updateLesson(c, "basics", "welcome-b-onmouseover-alert-1", "en", { title: "Welcome", markdown: `# Hello\n\n${XSS}\n\n::: key-points\nRights\n:::\n`, tags: "SDG-11.3" })).content;
    c = ok(updateModule(c, "basics", { title: "Basics", quizTitle: "Check", passMark: "60", attemptsAllowed: "0", draw: "" })).content;
    // review rule and retake wait (issue 13): both wait fields or neither; the default rule is after-pass
    expect(c.modules[0].quiz.review).toBe("after-pass");
    expect(updateModule(c, "basics", { title: "Basics", quizTitle: "Check", passMark: "60", attemptsAllowed: "3", draw: "", waitAfterFailures: "2", waitMinutes: "" })).toEqual({
      ok: false,
      errors: [{ key: "authoring:form.waitBoth", field: "waitMinutes" }],
    });
    expect(updateModule(c, "basics", { title: "Basics", quizTitle: "Check", passMark: "60", attemptsAllowed: "3", draw: "", review: "sometimes" }).ok).toBe(false);
    const ruled = ok(updateModule(c, "basics", { title: "Basics", quizTitle: "Check", passMark: "60", attemptsAllowed: "3", draw: "", review: "after-last-attempt", waitAfterFailures: "2", waitMinutes: "60" })).content;
    expect(ruled.modules[0].quiz).toMatchObject({ review: "after-last-attempt", retakeWait: { afterFailedAttempts: 2, minutes: 60 } });
    expect(ok(updateModule(ruled, "basics", { title: "Basics", quizTitle: "Check", passMark: "60", attemptsAllowed: "0", draw: "", review: "never" })).content.modules[0].quiz).toMatchObject({ review: "never", retakeWait: null });
    for (const type of ["single", "multiple", "true-false"]) c = ok(addQuestion(c, "basics", type)).content;
    const form = (entries: [string, string][]) => {
      const f = new FormData();
      for (const [k, v] of entries) f.append(k, v);
      return f;
    };
    // a single-choice question with two right answers is refused, and nothing is changed
    expect(updateQuestion(c, "basics", "q-1", form([["type", "single"], ["text", "Q"], ["o0.text", "A"], ["o1.text", "B"], ["correct", "0"], ["correct", "1"]]))).toEqual({
      ok: false,
      errors: [{ key: "authoring:form.oneCorrect", field: "correct" }],
    });
    c = ok(updateQuestion(c, "basics", "q-1", form([["type", "single"], ["text", "Who holds rights?"], ["explanation", "Everyone."], ["o0.text", "Everyone"], ["o0.feedback", "Yes"], ["o1.text", "Citizens only"], ["o1.feedback", "No"], ["correct", "0"]]))).content;
    c = ok(updateQuestion(c, "basics", "q-2", form([["type", "multiple"], ["text", "Duty-bearers?"], ["explanation", "Both."], ["o0.text", "City"], ["o0.feedback", "Yes"], ["o1.text", "State"], ["o1.feedback", "Yes"], ["o2.text", ""], ["correct", "0"], ["correct", "1"]]))).content;
    c = ok(updateQuestion(c, "basics", "q-3", form([["type", "true-false"], ["text", "<script>alert(1)</script> Rights are universal"], ["explanation", "True."], ["o.true.feedback", "Right"], ["o.false.feedback", "Wrong"], ["correct", "true"]]))).content;
    // fixedOrder (never shuffle the options) is kept for single/multiple and dropped when unticked
    const fixed = ok(updateQuestion(c, "basics", "q-1", form([["type", "single"], ["text", "Who holds rights?"], ["explanation", "Everyone."], ["o0.key", "option-1"], ["o0.text", "Everyone"], ["o0.feedback", "Yes"], ["o1.key", "option-2"], ["o1.text", "Citizens only"], ["o1.feedback", "No"], ["correct", "0"], ["fixedOrder", "on"]]))).content;
    expect(fixed.modules[0].quiz.questions[0].fixedOrder).toBe(true);
    expect("fixedOrder" in c.modules[0].quiz.questions[0]).toBe(false);
    c = ok(rearrange(c, { moduleKey: "basics", questionKey: "q-3" }, "up")).content;
    expect(c.modules[0].quiz.questions.map((q) => q.key)).toEqual(["q-1", "q-3", "q-2"]);
    expect(c.modules[0].quiz.questions[2].answer).toEqual(["option-1", "option-2"]);
    c = ok(updateDetails(c, { title: "Browser course", summary: "Made online", durationMinutes: "20", topics: "housing", certificateValidityMonths: "", requireAllLessons: "on", requireAllQuizzes: "on" })).content;
    expect(ok(await saveDraft(draft, draft.revision, c, undefined, db))).toEqual({ ok: true, revision: draft.revision + 1 });

    draft = await requireDraft(courseId, db);
    expect(checkDraft(draft.content).errors).toEqual([]);
    const html = draft.content.modules[0].lessons[0].html.en!;
    // the payloads are shown as text: no element, no event attribute, no javascript: link
    expect(html).not.toMatch(/<script|<img|<[^>]*\son\w+\s*=|<a[^>]*href="\s*javascript:/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('class="block block--key-points"');
  });

  it("refuses a save made from an older revision (someone else saved in between)", async () => {
    const draft = await requireDraft(courseId, db);
    const c = structuredClone(draft.content);
    c.title.en = "Mine";
    expect((await saveDraft(draft, draft.revision, c, undefined, db)).ok).toBe(true);
    c.title.en = "Theirs";
    expect(await saveDraft(draft, draft.revision, c, undefined, db)).toEqual({ ok: false, errors: [{ key: "authoring:form.conflict" }] });
    expect((await requireDraft(courseId, db)).content.title.en).toBe("Mine");
  });

  it("flags a translation as outdated when its source text changes", async () => {
    const draft = await requireDraft(courseId, db);
    const c = structuredClone(draft.content);
    setText(c, "course.title", "fr", "Cours en ligne");
    const sources = { fr: { "course.title": textHash(c.title.en) } };
    const entry = () => listTexts(c).find((e) => e.id === "course.title")!;
    expect(isOutdated(entry(), "en", "fr", sources)).toBe(false);
    c.title.en = "Browser course, revised";
    expect(isOutdated(entry(), "en", "fr", sources)).toBe(true);
    c.title.en = "Mine";
    expect(ok(await saveDraft(draft, draft.revision, c, sources, db)).ok).toBe(true);
  });

  it("submits, refuses self-approval, publishes once when two reviewers click together", async () => {
    const draft = await requireDraft(courseId, db);
    expect(await reviewStep(ctx(authorId), "submit", { versionId: draft.id, revision: draft.revision - 1 }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.changed" }] });
    expect(await reviewStep(ctx(authorId), "submit", { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: true, status: "IN_REVIEW", version: 1 });
    expect((await reviewStep(ctx(authorId), "approve", { versionId: draft.id }, db)).ok).toBe(false);
    expect(await reviewStep(ctx(reviewerId), "sendBack", { versionId: draft.id, comment: "" }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.commentRequired" }] });
    const [a, b] = await Promise.all([
      reviewStep(ctx(reviewerId), "approve", { versionId: draft.id }, db),
      reviewStep({ ...ctx(reviewerId), role: "ADMIN" }, "approve", { versionId: draft.id }, db),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const published = await db.courseVersion.findMany({ where: { courseId }, select: { status: true, publishedAt: true } });
    expect(published).toEqual([{ status: "PUBLISHED", publishedAt: expect.any(Date) }]);
    expect(await db.courseReviewEvent.count({ where: { versionId: draft.id, action: "APPROVED" } })).toBe(1);
  });

  it("starts the next version as a draft; publishing it archives the previous one", async () => {
    expect(ok(await startDraft(courseId, db))).toEqual({ ok: true, version: 2 });
    expect((await startDraft(courseId, db)).ok).toBe(false);
    const draft = (await workingVersion(courseId, db))!;
    expect(draft.translationSources).toEqual({ fr: { "course.title": expect.any(String) } });
    ok(await reviewStep(ctx(reviewerId), "submit", { versionId: draft.id, revision: draft.revision }, db));
    // the submitter may not send back their own submission either: they withdraw it
    expect(await reviewStep(ctx(reviewerId), "sendBack", { versionId: draft.id, comment: "Mine" }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.ownSubmission" }] });
    ok(await reviewStep(ctx(reviewerId), "withdraw", { versionId: draft.id }, db));
    const again = (await workingVersion(courseId, db))!;
    ok(await reviewStep(ctx(reviewerId), "submit", { versionId: again.id, revision: again.revision }, db));
    ok(await reviewStep(ctx(authorId), "approve", { versionId: again.id }, db));
    const versions = await db.courseVersion.findMany({ where: { courseId }, select: { version: true, status: true }, orderBy: { version: "asc" } });
    expect(versions).toEqual([
      { version: 1, status: "ARCHIVED" },
      { version: 2, status: "PUBLISHED" },
    ]);
  });
});

describe("discarding a draft", () => {
  const ctxFor = (courseId: string, slug: string, userId = authorId): AuthorContext => ({
    userId,
    role: "AUTHOR",
    course: { id: courseId, slug, academyId: academy.id, academySlug: academy.slug, academyName: "Demo", sourceLocale: "en" },
  });
  const make = async (slug: string) => {
    await createCourse({ academy, slug, sourceLocale: "en", title: `Course ${slug}`, summary: "x", durationMinutes: 5 }, db);
    const course = await db.course.findUniqueOrThrow({ where: { slug } });
    const draft = await requireDraft(course.id, db);
    return { courseId: course.id, draft };
  };

  it("deletes a never-published course with its only draft, audited; a second discard is a conflict", async () => {
    const { courseId, draft } = await make("discard-new");
    const ctx = ctxFor(courseId, "discard-new");
    // the revision shown must be the current one
    expect(await discardDraft(ctx, { versionId: draft.id, revision: draft.revision + 1 }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.changed" }] });
    expect(await discardDraft(ctx, { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: true, version: 1, courseDeleted: true });
    expect(await db.course.findUnique({ where: { slug: "discard-new" } })).toBeNull();
    expect(await db.courseVersion.count({ where: { id: draft.id } })).toBe(0);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "course.draftDiscarded", targetId: draft.id } });
    expect(audit).toMatchObject({ organizationId: academy.id, actorId: authorId, details: { course: "discard-new", version: 1, courseDeleted: 1 } });
    expect(await discardDraft(ctx, { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.changed" }] });
  });

  it("keeps a published course and its published version; refuses a version in review, another course's context, and an enrolled version", async () => {
    const { courseId, draft: v1 } = await make("discard-published");
    await db.courseVersion.update({ where: { id: v1.id }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    const ctx = ctxFor(courseId, "discard-published", reviewerId); // any author of the academy may discard
    expect(ok(await startDraft(courseId, db)).version).toBe(2);
    let draft = await requireDraft(courseId, db);

    // in review: withdraw first
    await db.courseVersion.update({ where: { id: draft.id }, data: { status: "IN_REVIEW", submittedById: authorId } });
    expect(await discardDraft(ctx, { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.discardInReview" }] });
    expect(ok(await reviewStep(ctxFor(courseId, "discard-published"), "withdraw", { versionId: draft.id }, db)).status).toBe("DRAFT");
    draft = await requireDraft(courseId, db);

    // a published version is never discarded
    expect(await discardDraft(ctx, { versionId: v1.id, revision: v1.revision }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.wrongStatus" }] });

    // the context of another course (another academy's author never gets one: requireCourseAuthor answers 404) finds nothing
    const { courseId: otherId } = await make("discard-other");
    expect(await discardDraft(ctxFor(otherId, "discard-other"), { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.changed" }] });
    expect(await db.courseVersion.count({ where: { id: draft.id } })).toBe(1);

    // guard: learners only enrol in published versions, but a draft some enrolment points at stays
    const enrolment = await db.enrolment.create({ data: { id: `e-${draft.id}`, userId: authorId, courseId, courseVersionId: draft.id } });
    expect(await discardDraft(ctx, { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.discardEnrolled" }] });
    await db.enrolment.delete({ where: { id: enrolment.id } });

    expect(await discardDraft(ctx, { versionId: draft.id, revision: draft.revision }, db)).toEqual({ ok: true, version: 2, courseDeleted: false });
    expect((await db.courseVersion.findMany({ where: { courseId }, select: { version: true, status: true } }))).toEqual([{ version: 1, status: "PUBLISHED" }]);
    // and a new draft can be started again
    expect(ok(await startDraft(courseId, db)).version).toBe(2);
  });
});
