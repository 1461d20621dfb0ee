// The assessment rules on the server, against a real (throwaway) database and the pool fixture
// course (tests/fixtures/courses/pool-course: draw 3 of 8, two attempts, review after-pass; every
// question's right option is "r"). What each reply reveals, pools across retakes, attempt limits,
// waits, and who may grant an override.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { newId } from "~/ids";
import { ensureMembership, ensureUser, seedDemo } from "~/demo/demo-data.server";
import { loadCourse } from "~/courses/files.server";
import { importCourse } from "~/courses/import.server";
import type { CourseContent, ReviewRule } from "~/courses/schema";
import { enrol } from "./enrolment.server";
import { getVersionContent } from "~/courses/versions.server";
import { answerQuestion, quizRefusal, quizState, startAttempt, submitAttempt } from "./quiz.server";
import { overrideAsAuthor, overrideAsManager } from "./overrides.server";

let db: Db;
let cleanup: () => Promise<void>;
let content: CourseContent;
let courseId: string;
let riverside: string;
let lakeside: string;
let academy: string;
let riversideManager: string;
let lakesideManager: string;
let author: string;
const MODULE = "pool";

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  const loaded = loadCourse("pool-course", path.resolve("tests/fixtures/courses"));
  if (!loaded.ok) throw new Error(`fixture course invalid: ${JSON.stringify(loaded.errors)}`);
  await importCourse(loaded.content, loaded.hash, db);
  courseId = (await db.course.findUniqueOrThrow({ where: { slug: "pool-course" } })).id;
  const membershipOf = (email: string) => db.membership.findFirstOrThrow({ where: { user: { email } }, select: { userId: true, organizationId: true } });
  ({ userId: riversideManager, organizationId: riverside } = await membershipOf("manager@demo.test"));
  ({ userId: lakesideManager, organizationId: lakeside } = await membershipOf("manager2@demo.test"));
  ({ userId: author, organizationId: academy } = await membershipOf("author@demo.test"));
});
afterAll(() => cleanup());

let counter = 0;
/** A new learner of Riverside, enrolled in the pool course. */
async function learner(locale = "en") {
  const user = await ensureUser(db, { email: `pool-${++counter}-${newId()}@example.org`, name: `Learner ${counter}`, locale, password: "a long enough password" });
  await ensureMembership(db, { userId: user.id, organizationId: riverside, role: "LEARNER" });
  const e = (await enrol(user.id, "pool-course"))!;
  content = await getVersionContent(e.courseVersionId);
  return { id: e.id, courseVersionId: e.courseVersionId, userId: user.id };
}

/** The same course with another review rule (or wait): the rules are read from the content passed in. */
function withQuiz(patch: Partial<CourseContent["modules"][number]["quiz"]>): CourseContent {
  return { ...content, modules: content.modules.map((m) => (m.key === MODULE ? { ...m, quiz: { ...m.quiz, ...patch } } : m)) };
}

type Enrolled = Awaited<ReturnType<typeof learner>>;

/** One attempt answered in full, rightly or wrongly; every server reply is collected. */
async function attempt(e: Enrolled, c: CourseContent, right: (i: number) => boolean) {
  const replies: unknown[] = [];
  const started = await startAttempt(e, c, MODULE, "en");
  replies.push(started);
  if (!started.ok) throw new Error(`start refused: ${started.errors[0]?.key}`);
  for (const [i, q] of started.questions.entries()) {
    const reply = await answerQuestion(e, c, MODULE, { attemptId: started.attemptId, questionKey: q.key, answer: [right(i) ? "r" : "w1"] }, "en");
    expect(reply.ok).toBe(true);
    replies.push(reply);
  }
  const submitted = await submitAttempt(e, c, MODULE, { attemptId: started.attemptId, idempotencyKey: newId() }, "en");
  replies.push(submitted);
  replies.push(await quizState(e, c, MODULE, "en"));
  return { started, submitted, replies, keys: started.questions.map((q) => q.key) };
}

/**
 * What would give the right answer away, for the questions asked: the right option's text, the
 * explanation, and any rightAnswer/explanation field. (The right option's key and text appear once
 * per question in the question's own option list, as every option does; those lists are left out.)
 */
function leaks(c: CourseContent, keys: string[], replies: unknown[]): string[] {
  const quiz = c.modules.find((m) => m.key === MODULE)!.quiz;
  const found: string[] = [];
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "questions").map(([k, v]) => [k, strip(v)]));
    }
    return value;
  };
  for (const reply of replies) {
    const text = JSON.stringify(strip(reply));
    if (/"rightAnswer"|"explanation"/.test(text)) found.push("a rightAnswer or explanation field");
    for (const key of keys) {
      const q = quiz.questions.find((x) => x.key === key)!;
      const right = q.options.find((o) => o.key === q.answer[0])!;
      if (text.includes(`"${right.key}"`)) found.push(`the right option id of ${key}`);
      if (text.includes(right.text.en!)) found.push(`the right option text of ${key}`);
      if (text.includes(q.explanation.en!)) found.push(`the explanation of ${key}`);
    }
  }
  return found;
}

describe("review rules decide every reply", () => {
  it("after-pass: no reply of a failed attempt holds a right answer or an explanation; the person learns which answers were wrong and the feedback on their choice", async () => {
    const e = await learner();
    const { submitted, replies, keys, started } = await attempt(e, content, () => false);
    expect(submitted.ok && submitted.result.passed).toBe(false);
    expect(leaks(content, keys, replies)).toEqual([]);
    // the question lists carry nothing but the texts of the options
    if (!started.ok) throw new Error();
    for (const q of started.questions) for (const o of q.options) expect(Object.keys(o).sort()).toEqual(["key", "text"]);
    if (!submitted.ok) throw new Error();
    expect(submitted.result.answersShown).toBe(false);
    expect(submitted.result.review.every((item) => item.correct === false && item.notes[0] === "Not quite: think about who the service is for.")).toBe(true);
  });

  it("after-pass: a passed attempt shows the right answers and explanations", async () => {
    const e = await learner();
    const { submitted } = await attempt(e, content, (i) => i !== 0);
    if (!submitted.ok) throw new Error();
    expect(submitted.result.passed).toBe(true);
    expect(submitted.result.answersShown).toBe(true);
    const wrong = submitted.result.review.find((item) => !item.correct)!;
    expect(wrong.rightAnswer?.length).toBe(1);
    expect(wrong.explanation).toMatch(/^Explanation: /);
  });

  it("immediately: each answer's feedback has the right answer and the explanation", async () => {
    const e = await learner();
    const c = withQuiz({ review: "immediately" });
    const { replies } = await attempt(e, c, () => false);
    const feedback = replies.filter((r): r is { ok: true; feedback: { rightAnswer?: string[]; explanation?: string } } => Boolean(r && typeof r === "object" && "feedback" in r));
    expect(feedback).toHaveLength(3);
    for (const f of feedback) {
      expect(f.feedback.rightAnswer).toEqual(["r"]);
      expect(f.feedback.explanation).toMatch(/^Explanation: /);
    }
  });

  it("after-last-attempt: hidden while an attempt is left, shown when none is", async () => {
    const e = await learner();
    const c = withQuiz({ review: "after-last-attempt" });
    const first = await attempt(e, c, () => false);
    expect(leaks(c, first.keys, first.replies)).toEqual([]);
    const second = await attempt(e, c, () => false);
    if (!second.submitted.ok) throw new Error();
    expect(second.submitted.result.attemptsLeft).toBe(0);
    expect(second.submitted.result.answersShown).toBe(true);
    expect(second.submitted.result.review.every((item) => item.rightAnswer?.length === 1 && item.explanation)).toBe(true);
  });

  it("never: not after the last failure, not even after a pass", async () => {
    const c = withQuiz({ review: "never" as ReviewRule });
    const failing = await learner();
    const a = await attempt(failing, c, () => false);
    const b = await attempt(failing, c, () => false);
    expect(leaks(c, [...a.keys, ...b.keys], [...a.replies, ...b.replies])).toEqual([]);
    const passing = await learner();
    const p = await attempt(passing, c, () => true);
    if (!p.submitted.ok) throw new Error();
    expect(p.submitted.result.passed).toBe(true);
    // the person's own (right) answers are in the replies, of course; no key and no explanation is
    expect(leaks(c, p.keys, p.replies).filter((l) => !l.startsWith("the right option"))).toEqual([]);
  });

  it("an old version without a review rule is read as after-pass", async () => {
    const e = await learner();
    const c = withQuiz({ review: undefined });
    const { replies, keys } = await attempt(e, c, () => false);
    expect(leaks(c, keys, replies)).toEqual([]);
  });
});

describe("pools, limits, waits and overrides", () => {
  it("a retake asks questions the person has not seen; after the last failure no attempt starts; a Riverside manager grants one, a Lakeside manager cannot", async () => {
    const e = await learner();
    const first = await attempt(e, content, () => false);
    const second = await attempt(e, content, () => false);
    expect(second.keys.filter((k) => first.keys.includes(k))).toEqual([]);
    const refused = await startAttempt(e, content, MODULE, "en");
    expect(refused).toEqual(quizRefusal("noAttemptsLeft"));

    const form = { quizKey: "pool-quiz", action: "extra" as const, extraAttempts: 1, reason: "Was ill during the first two attempts" };
    // another municipality's manager: not found, and nothing written
    expect(await overrideAsManager(lakeside, lakesideManager, e.userId, courseId, form)).toBeNull();
    expect(await db.quizOverride.count({ where: { enrolmentId: e.id } })).toBe(0);
    // a quiz the course does not have: refused, nothing written
    expect(await overrideAsManager(riverside, riversideManager, e.userId, courseId, { ...form, quizKey: "no-such-quiz" })).toEqual({ ok: false, errors: [{ key: "learning:overrides.errors.unknownQuiz" }] });
    expect(await db.quizOverride.count({ where: { enrolmentId: e.id } })).toBe(0);

    expect(await overrideAsManager(riverside, riversideManager, e.userId, courseId, form)).toMatchObject({ ok: true });
    const audit = await db.auditLog.findFirstOrThrow({ where: { organizationId: riverside, action: "quiz.attemptsGranted", targetId: e.id } });
    expect(audit.actorId).toBe(riversideManager);
    expect((audit.details as Record<string, unknown>).reason).toBe(form.reason);
    const notice = await db.notification.findFirstOrThrow({ where: { userId: e.userId, kind: "QUIZ_OVERRIDE" } });
    expect((notice.params as Record<string, unknown>).extraAttempts).toBe(1);

    const state = (await quizState(e, content, MODULE, "en"))!;
    expect(state.attemptsLeft).toBe(1);
    expect(state.canStart).toBe(true);
    const third = await attempt(e, content, () => true);
    // the pool had two unseen questions left: both are asked
    expect(third.keys.filter((k) => ![...first.keys, ...second.keys].includes(k))).toHaveLength(2);
    if (!third.submitted.ok) throw new Error();
    expect(third.submitted.result.passed).toBe(true);
    // passed: no further override
    expect(await overrideAsManager(riverside, riversideManager, e.userId, courseId, form)).toEqual({ ok: false, errors: [{ key: "learning:overrides.errors.alreadyPassed" }] });
  });

  it("an author of the owning academy resets the quiz by the learner's email; an unknown email is refused", async () => {
    const e = await learner("ar");
    await attempt(e, content, () => false);
    await attempt(e, content, () => false);
    const email = (await db.user.findUniqueOrThrow({ where: { id: e.userId } })).email;
    const form = { quizKey: "pool-quiz", action: "reset" as const, extraAttempts: 1, reason: "Course material was corrected" };
    expect(await overrideAsAuthor(academy, author, courseId, "nobody@example.org", form)).toEqual({ ok: false, errors: [{ key: "learning:overrides.errors.notEnrolled" }] });
    // another organization's "academy": the course is not its own
    expect(await overrideAsAuthor(riverside, riversideManager, courseId, email, form)).toBeNull();
    expect(await overrideAsAuthor(academy, author, courseId, email.toUpperCase(), form)).toMatchObject({ ok: true });
    expect(await db.auditLog.count({ where: { organizationId: academy, action: "quiz.reset", targetId: e.id } })).toBe(1);
    const notice = await db.notification.findFirstOrThrow({ where: { userId: e.userId, kind: "QUIZ_OVERRIDE" } });
    expect(notice.locale).toBe("ar");
    const state = (await quizState(e, content, MODULE, "en"))!;
    expect(state.attemptsLeft).toBe(2);
    expect((await startAttempt(e, content, MODULE, "en")).ok).toBe(true);
  });

  it("a wait after failures refuses an early start and says when; the start works once the wait is over", async () => {
    const e = await learner();
    const c = withQuiz({ attemptsAllowed: 5, retakeWait: { afterFailedAttempts: 2, minutes: 60 } });
    await attempt(e, c, () => false);
    const { submitted } = await attempt(e, c, () => false);
    if (!submitted.ok) throw new Error();
    expect(submitted.result.nextAttemptAt).not.toBeNull();
    const early = await startAttempt(e, c, MODULE, "en");
    expect(early).toMatchObject(quizRefusal("waitBeforeRetake"));
    if (early.ok) throw new Error();
    const until = new Date(String(early.errors[0].values?.nextAttemptAt));
    expect(until.getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(await db.quizAttempt.count({ where: { enrolmentId: e.id } })).toBe(2); // nothing written
    expect((await startAttempt(e, c, MODULE, "en", new Date(until.getTime() + 1000))).ok).toBe(true);
  });
});
