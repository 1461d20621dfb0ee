import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { useTestDbAsAppDb } from "../../tests/db";
import { isPostgres, type Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { loadCourse } from "~/courses/files.server";
import { importCourse } from "~/courses/import.server";
import type { CourseContent } from "~/courses/schema";
import { enrol, completeLesson, findEnrolment, startRecertification, progressFacts } from "./enrolment.server";
import { checkCompletion } from "./completion.server";
import { getVersionContent } from "~/courses/versions.server";
import { answerQuestion, quizRefusal, startAttempt, submitAttempt, quizState, type Enrolled } from "./quiz.server";

// Each test makes its own learner and everything it needs (a passed quiz, completed lessons): none
// relies on what another test did, so they pass in any order (`--sequence.shuffle`) or alone (`-t`).

let db: Db;
let cleanup: () => Promise<void>;
let content: CourseContent;

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
  if (!loaded.ok) throw new Error("fixture course invalid");
  await importCourse(loaded.content, loaded.hash, db);
});
afterAll(() => cleanup());

let people = 0;

/** A new person, enrolled in the fixture course, with nothing done yet. */
async function newLearner(): Promise<Enrolled & { userId: string }> {
  const userId = newId();
  await db.user.create({ data: { id: userId, email: `quiz-${++people}-${userId}@example.org`, name: `Learner ${people}`, passwordHash: "x" } });
  const e = (await enrol(userId, "short-course"))!;
  content = await getVersionContent(e.courseVersionId);
  return { id: e.id, courseVersionId: e.courseVersionId, userId };
}

const right: Record<string, string[]> = {
  "who-holds-rights": ["everyone"],
  duties: ["respect", "protect", "fulfil"],
  "local-role": ["true"],
  steps: ["analyse", "plan", "budget", "monitor"],
};

/** Starts, answers every question right and submits: a passed quiz. Returns the attempt's id. */
async function passQuiz(e: Enrolled): Promise<string> {
  const a = await startAttempt(e, content, "essentials", "en");
  if (!a.ok) throw new Error(`could not start: ${a.errors[0]?.key}`);
  for (const [key, answer] of Object.entries(right)) {
    const r = await answerQuestion(e, content, "essentials", { attemptId: a.attemptId, questionKey: key, answer }, "en");
    if (!r.ok) throw new Error(`could not answer ${key}: ${r.errors[0]?.key}`);
  }
  const s = await submitAttempt(e, content, "essentials", { attemptId: a.attemptId, idempotencyKey: `pass-${a.attemptId}` }, "en");
  if (!s.ok || !s.result.passed) throw new Error("the quiz was not passed");
  return a.attemptId;
}

async function completeLessons(e: Enrolled, seconds: [number, number]) {
  await completeLesson(e.id, "essentials", "rights-holders", seconds[0]);
  await completeLesson(e.id, "essentials", "duty-bearers", seconds[1]);
}

describe("quiz on the server", () => {
  it("a start stores the attempt as the model API reads it: JSON values, a date, its version and language", async () => {
    const e = await newLearner();
    const before = Date.now();
    const a = await startAttempt(e, content, "essentials", "ar");
    if (!a.ok) throw new Error("could not start");
    // read back through Prisma's model API, which would show a JSON column written as a string
    // (double-encoded) as a string, and a date written in another format as an invalid date
    const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: a.attemptId } });
    expect(row).toMatchObject({ enrolmentId: e.id, userId: e.userId, moduleKey: "essentials", attemptNumber: 1, answers: {}, courseVersionId: e.courseVersionId, locale: "ar", submittedAt: null, score: null, passed: null });
    expect(row.questionKeys).toEqual(a.questions.map((q) => q.key));
    expect(typeof row.optionOrder).toBe("object");
    expect(row.startedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(row.startedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    // and a date written by the model API on the same row compares with it as the reads expect
    await db.quizAttempt.update({ where: { id: a.attemptId }, data: { submittedAt: row.startedAt } });
    const same = await db.quizAttempt.count({ where: { id: a.attemptId, startedAt: { gte: row.startedAt, lte: row.startedAt } } });
    expect(same).toBe(1);
  });

  it("simultaneous starts make one attempt; simultaneous submits store one result", async () => {
    const e = await newLearner();
    // eight at once (double clicks, several tabs): whatever the interleaving, one attempt, all resume it
    const starts = await Promise.all(Array.from({ length: 8 }, () => startAttempt(e, content, "essentials", "en")));
    const a = starts[0];
    expect(starts.every((s) => s.ok && a.ok && s.attemptId === a.attemptId)).toBe(true);
    if (!a.ok) return;
    // the browser never receives the answer key with the questions
    expect(JSON.stringify(a.questions)).not.toContain("answer");
    for (const [key, answer] of Object.entries(right)) {
      const r = await answerQuestion(e, content, "essentials", { attemptId: a.attemptId, questionKey: key, answer }, "en");
      expect(r.ok).toBe(true);
    }
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => submitAttempt(e, content, "essentials", { attemptId: a.attemptId, idempotencyKey: `retry-key-${i}` }, "en")),
    );
    expect(results.every((r) => r.ok && r.result.passed && r.result.score === 100)).toBe(true);
    const attempts = await db.quizAttempt.findMany({ where: { enrolmentId: e.id } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0].submittedAt).not.toBeNull();
  });

  it("a locked answer cannot be changed, and a finished attempt takes no answers", async () => {
    const e = await newLearner();
    const attemptId = await passQuiz(e);
    const state = await quizState(e, content, "essentials", "en");
    expect(state?.status).toBe("passed");
    const r = await answerQuestion(e, content, "essentials", { attemptId, questionKey: "duties", answer: ["ignore"] }, "en");
    expect(r).toEqual(quizRefusal("attemptFinished"));
    const again = await startAttempt(e, content, "essentials", "en");
    expect(again).toEqual(quizRefusal("alreadyPassed"));
  });

  it("another person's attempt id is not found, and changes nothing", async () => {
    const mine = await newLearner();
    const started = await startAttempt(mine, content, "essentials", "en"); // open: only the owner may answer it
    if (!started.ok) throw new Error(started.errors[0]?.key);
    const attemptId = started.attemptId;
    const theirs = await newLearner();
    const before = await db.quizResponse.count();
    expect(await answerQuestion(theirs, content, "essentials", { attemptId, questionKey: "duties", answer: ["respect"] }, "en")).toEqual(quizRefusal("attemptNotFound"));
    expect(await submitAttempt(theirs, content, "essentials", { attemptId, idempotencyKey: "someone-else" }, "en")).toMatchObject({ ok: false });
    expect(await db.quizResponse.count()).toBe(before);
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ submittedAt: null, enrolmentId: mine.id });
  });

  it("refuses an attempt beyond the allowed number", async () => {
    const e = await newLearner();
    for (let i = 0; i < 3; i++) {
      const a = await startAttempt(e, content, "essentials", "en");
      expect(a.ok).toBe(true);
      if (!a.ok) return;
      const s = await submitAttempt(e, content, "essentials", { attemptId: a.attemptId, idempotencyKey: `attempt-${i}-key` }, "en");
      expect(s.ok && s.result.passed).toBe(false);
    }
    expect(await startAttempt(e, content, "essentials", "en")).toEqual(quizRefusal("noAttemptsLeft"));
    expect(await db.quizAttempt.count({ where: { enrolmentId: e.id } })).toBe(3);
  });

  it("records completion once, when lessons and quiz are done", async () => {
    const e = await newLearner();
    await passQuiz(e);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: e.id } })).completedAt).toBeNull(); // lessons not done yet
    await completeLessons(e, [120, 90]);
    await Promise.all([checkCompletion(e), checkCompletion(e)]);
    const row = await db.enrolment.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.completedAt).not.toBeNull();
    const progress = await db.lessonProgress.findMany({ where: { enrolmentId: e.id } });
    expect(progress.map((p) => p.timeSpentSeconds).sort()).toEqual([120, 90].sort());
  });

  it("the cycle's start counts the same in SQLite's CURRENT_TIMESTAMP text as in Prisma's dates", async () => {
    // rows written by the column's default ("2026-12-07 15:04:14") do not compare as text with
    // Prisma's ("2026-12-07T15:04:14.000+00:00"): progressFacts compares them as dates
    const e = await newLearner();
    await completeLessons(e, [60, 60]);
    const { lastCompletedAt } = await db.lessonProgress.findFirstOrThrow({ where: { enrolmentId: e.id }, select: { lastCompletedAt: true } });
    for (const [shift, counted] of [[3_600_000, 0], [-3_600_000, 2]] as const) {
      const at = new Date(lastCompletedAt!.getTime() + shift);
      if (isPostgres()) await db.$executeRaw`UPDATE "Enrolment" SET "cycleStartedAt" = ${at} WHERE "id" = ${e.id}`;
      else await db.$executeRaw`UPDATE "Enrolment" SET "cycleStartedAt" = ${at.toISOString().slice(0, 19).replace("T", " ")} WHERE "id" = ${e.id}`;
      expect((await progressFacts(e.id)).completedLessons.size, `cycle ${shift > 0 ? "after" : "before"} the lessons`).toBe(counted);
    }
  });

  it("recertification after expiry: a new cycle, then a new certificate on completing again", async () => {
    const e = await newLearner();
    await completeLessons(e, [120, 90]);
    await passQuiz(e); // the last step: completion and the first certificate
    const first = await db.certificate.findFirstOrThrow({ where: { enrolmentId: e.id } });
    // not before the certificate has expired
    expect(await startRecertification(e.userId, "short-course")).toBe(false);
    await db.certificate.update({ where: { id: first.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await startRecertification(e.userId, "short-course")).toBe(true);
    const facts = await progressFacts(e.id);
    expect(facts.completedLessons.size + facts.passedQuizzes.size).toBe(0); // earlier work no longer counts
    await completeLessons(e, [60, 60]);
    // as the quiz page reads it: the enrolment with its cycle, handed to the quiz (no second read)
    const row = (await findEnrolment(e.userId, "short-course"))!;
    const page = { ...row, userId: e.userId };
    expect((await quizState(page, content, "essentials", "en"))?.status).toBe("none"); // the earlier pass is of the old cycle
    const a = await startAttempt(page, content, "essentials", "en");
    expect(a.ok).toBe(true);
    if (!a.ok) return;
    expect(a.responses).toEqual({});
    await answerQuestion(page, content, "essentials", { attemptId: a.attemptId, questionKey: "duties", answer: right.duties }, "en");
    // a second start and a reload resume the attempt with its locked answer
    const resumed = await startAttempt(page, content, "essentials", "en");
    expect(resumed.ok && resumed.attemptId === a.attemptId && Object.keys(resumed.responses)).toEqual(["duties"]);
    const reloaded = await quizState(page, content, "essentials", "en");
    expect([reloaded?.status, reloaded?.attemptId, Object.keys(reloaded?.responses ?? {})]).toEqual(["open", a.attemptId, ["duties"]]);
    for (const [key, answer] of Object.entries(right)) {
      await answerQuestion(e, content, "essentials", { attemptId: a.attemptId, questionKey: key, answer }, "en");
    }
    const result = await submitAttempt(e, content, "essentials", { attemptId: a.attemptId, idempotencyKey: "recert-key-1" }, "en");
    expect(result.ok && result.result.passed).toBe(true);
    const certificates = await db.certificate.findMany({ where: { enrolmentId: e.id }, orderBy: { issuedAt: "asc" } });
    expect(certificates).toHaveLength(2);
    expect(certificates[1].expiresAt!.getTime()).toBeGreaterThan(Date.now());
  });
});
