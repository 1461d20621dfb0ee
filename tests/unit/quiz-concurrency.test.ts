// The correctness half of the quiz load benchmarks (benchmarks/quiz-start.ts, quiz-submit-race.ts)
// at a small scale, on the test database's engine: many learners starting one quiz at once get one
// attempt each, and many parallel submissions of one attempt store one result and one certificate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { useTestDbAsAppDb } from "../db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { loadCourse } from "~/courses/files.server";
import { importCourse } from "~/courses/import.server";
import { newId } from "~/ids";
import { completeLesson } from "~/learning/enrolment.server";
import { getVersionContent } from "~/courses/versions.server";
import { answerQuestion, startAttempt, submitAttempt } from "~/learning/quiz.server";

let db: Db;
let cleanup: () => Promise<void>;
let version: { id: string; courseId: string };

const right: Record<string, string[]> = {
  "who-holds-rights": ["everyone"],
  duties: ["respect", "protect", "fulfil"],
  "local-role": ["true"],
  steps: ["analyse", "plan", "budget", "monitor"],
};

async function enrolledLearners(count: number) {
  const people = Array.from({ length: count }, (_, i) => ({ userId: newId(), enrolmentId: newId(), email: `concurrent-${newId()}-${i}@example.org` }));
  await db.user.createMany({ data: people.map((p) => ({ id: p.userId, email: p.email, name: "Concurrent Learner", passwordHash: "not-used-here", locale: "en" })) });
  await db.enrolment.createMany({ data: people.map((p) => ({ id: p.enrolmentId, userId: p.userId, courseId: version.courseId, courseVersionId: version.id })) });
  return people.map((p) => ({ id: p.enrolmentId, courseVersionId: version.id, userId: p.userId }));
}

beforeAll(async () => {
  process.env.CERT_KEYS_FILE = path.join(mkdtempSync(path.join(tmpdir(), "quiz-concurrency-")), "keys.json");
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
  if (!loaded.ok) throw new Error("fixture course invalid");
  await importCourse(loaded.content, loaded.hash, db);
  version = await db.courseVersion.findFirstOrThrow({ where: { course: { slug: "short-course" } }, select: { id: true, courseId: true } });
});
afterAll(() => cleanup());

describe("quiz under concurrency", () => {
  it("50 learners starting the same quiz at once (some twice) store exactly 50 attempts", async () => {
    const learners = await enrolledLearners(50);
    const content = await getVersionContent(version.id);
    const starts = learners.flatMap((e, i) => Array.from({ length: i % 5 === 0 ? 3 : 1 }, () => startAttempt(e, content, "essentials", "en")));
    const results = await Promise.all(starts);
    expect(results.every((r) => r.ok)).toBe(true);
    expect(await db.quizAttempt.count({ where: { enrolmentId: { in: learners.map((e) => e.id) } } })).toBe(50);
    // a learner's repeated starts all resumed the one attempt
    const byLearner = await db.quizAttempt.groupBy({ by: ["enrolmentId"], where: { enrolmentId: { in: learners.map((e) => e.id) } }, _count: true });
    expect(byLearner.every((g) => g._count === 1)).toBe(true);
  });

  it("40 parallel submissions of one attempt store one result, answer identically, and issue one certificate", async () => {
    const [e] = await enrolledLearners(1);
    const content = await getVersionContent(version.id);
    await completeLesson(e.id, "essentials", "rights-holders", 60);
    await completeLesson(e.id, "essentials", "duty-bearers", 60);
    const started = await startAttempt(e, content, "essentials", "en");
    if (!started.ok) throw new Error(started.errors[0]?.key);
    for (const q of started.questions) await answerQuestion(e, content, "essentials", { attemptId: started.attemptId, questionKey: q.key, answer: right[q.key] }, "en");
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        submitAttempt(e, content, "essentials", { attemptId: started.attemptId, idempotencyKey: i % 2 ? `same-key-${started.attemptId}` : `own-key-${i}-${started.attemptId}` }, "en"),
      ),
    );
    expect(results.every((r) => r.ok && r.result.score === 100 && r.result.passed)).toBe(true);
    const attempts = await db.quizAttempt.findMany({ where: { enrolmentId: e.id } });
    expect(attempts.length).toBe(1);
    expect(attempts[0].submittedAt).not.toBeNull();
    expect(await db.certificate.count({ where: { enrolmentId: e.id } })).toBe(1);
  });
});
