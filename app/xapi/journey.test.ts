// The xAPI hooks in the learning area's own code paths: a quiz submitted ten times at once (double
// clicks, retries) queues one "passed" statement, valid per xAPI 1.0.3, in the submission's transaction.
import path from "node:path";
import validateStatement from "@learninglocker/xapi-validation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { loadCourse } from "~/courses/files.server";
import { importCourse } from "~/courses/import.server";
import { enrol } from "~/learning/enrolment.server";
import { getVersionContent } from "~/courses/versions.server";
import { answerQuestion, startAttempt, submitAttempt } from "~/learning/quiz.server";

let db: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  // read by env() on first use: statements are queued only when an LRS is configured
  process.env.XAPI_ENDPOINT = "http://127.0.0.1:9/xapi/";
  process.env.PUBLIC_URL = "https://learn.example.org";
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
  if (!loaded.ok) throw new Error("fixture course invalid");
  await importCourse(loaded.content, loaded.hash, db);
});
afterAll(() => cleanup());

it("ten simultaneous submissions of one attempt queue one valid 'passed' statement with its score", async () => {
  const userId = (await db.user.findUniqueOrThrow({ where: { email: "learner@demo.test" } })).id;
  const e = (await enrol(userId, "short-course"))!;
  const enrolled = { id: e.id, courseVersionId: e.courseVersionId, userId };
  const content = await getVersionContent(e.courseVersionId);
  const start = await startAttempt(enrolled, content, "essentials", "en");
  if (!start.ok) throw new Error("no attempt");
  const right: Record<string, string[]> = {
    "who-holds-rights": ["everyone"],
    duties: ["respect", "protect", "fulfil"],
    "local-role": ["true"],
    steps: ["analyse", "plan", "budget", "monitor"],
  };
  for (const [questionKey, answer] of Object.entries(right)) {
    await answerQuestion(enrolled, content, "essentials", { attemptId: start.attemptId, questionKey, answer }, "en");
  }
  await Promise.all(Array.from({ length: 10 }, (_, i) => submitAttempt(enrolled, content, "essentials", { attemptId: start.attemptId, idempotencyKey: `xapi-retry-${i}` }, "en")));
  const rows = await db.xapiStatement.findMany({ where: { eventKey: `attempt:${start.attemptId}` } });
  expect(rows).toHaveLength(1);
  const statement = rows[0].statement as { id: string; verb: { id: string }; object: { id: string }; result: { score: { raw: number; scaled: number }; success: boolean } };
  expect(statement.id).toBe(rows[0].id);
  expect(statement.verb.id).toBe("http://adlnet.gov/expapi/verbs/passed");
  expect(statement.object.id).toBe("https://learn.example.org/courses/short-course/essentials/quiz");
  expect(statement.result.score).toMatchObject({ raw: 100, scaled: 1 });
  expect(statement.result.success).toBe(true);
  expect(validateStatement(statement)).toEqual([]);
});
