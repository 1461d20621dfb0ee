// Crash safety: the production server is killed with SIGKILL while quiz answers and submissions
// are in flight, then restarted on the same database. Every acknowledged answer and submission must
// be stored exactly once, nothing may be stored half (a submitted attempt without its score…), the
// database must pass its integrity checks, and the learners whose requests were cut off can finish.
// Runs on SQLite (npm test) and on PostgreSQL (E2E_DATABASE_URL=postgresql://… in CI's second pass).
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import pg from "pg";
import { openDb, type Db } from "~/db.server";
import { ensureUser, DEMO_PASSWORD } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { ownDatabaseUrl, ports, postForm, prepareDatabase, rightAnswers, signInOverHttp, startApp, type AppProcess } from "./processes";

const LEARNERS = 40;
const QUIZ = "/courses/short-course/essentials/quiz.data";
const databaseUrl = ownDatabaseUrl("crash");

test.describe.configure({ mode: "serial" });
test.setTimeout(360_000); // generous: CI machines may be busy

let app: AppProcess | undefined;
let db: Db | undefined;

test.afterAll(async () => {
  await app?.kill("SIGKILL");
  await db?.$disconnect();
});

type Learner = { email: string; userId: string; enrolmentId: string; cookie: string; attemptId: string; questionKeys: string[]; key: string };

async function integrityProblems(): Promise<string[]> {
  if (databaseUrl.startsWith("file:")) {
    const sqlite = new Database(databaseUrl.slice("file:".length), { fileMustExist: true });
    try {
      const problems: string[] = [];
      const check = sqlite.pragma("integrity_check", { simple: true });
      if (check !== "ok") problems.push(`integrity_check: ${String(check)}`);
      const orphans = sqlite.prepare("PRAGMA foreign_key_check").all();
      if (orphans.length) problems.push(`foreign_key_check: ${JSON.stringify(orphans.slice(0, 5))}`);
      return problems;
    } finally {
      sqlite.close();
    }
  }
  // PostgreSQL survives the app's crash by design (it is another process); check its indexes
  // against their tables with amcheck, and that no constraint was left unvalidated.
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("CREATE EXTENSION IF NOT EXISTS amcheck");
    const { rows: indexes } = await client.query<{ name: string }>(
      `SELECT c.oid::regclass::text AS name FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE am.amname = 'btree' AND n.nspname = current_schema()`,
    );
    for (const index of indexes) await client.query("SELECT bt_index_check($1::regclass, true)", [index.name]);
    const { rows: invalid } = await client.query<{ conname: string }>(
      "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND NOT convalidated",
    );
    return invalid.map((c) => `constraint not validated: ${c.conname}`);
  } finally {
    await client.end();
  }
}

test("SIGKILL during quiz submissions loses no acknowledged submission and stores none twice", async () => {
  await prepareDatabase(databaseUrl, { quiet: true });
  db = await openDb(databaseUrl);
  const riverside = await db.organization.findUniqueOrThrow({ where: { slug: "riverside" }, select: { id: true } });
  const version = await db.courseVersion.findFirstOrThrow({ where: { course: { slug: "short-course" }, status: "PUBLISHED" }, select: { id: true, courseId: true } });

  // 40 enrolled learners of the demo municipality
  const run = Date.now();
  const learners: Learner[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const email = `crash-${run}-${i}@example.org`;
    const user = await ensureUser(db, { email, name: `Crash Learner ${i}`, locale: "en", password: DEMO_PASSWORD });
    await db.membership.create({ data: { id: newId(), userId: user.id, organizationId: riverside.id, role: "LEARNER" } });
    const enrolmentId = newId();
    await db.enrolment.create({ data: { id: enrolmentId, userId: user.id, courseId: version.courseId, courseVersionId: version.id } });
    learners.push({ email, userId: user.id, enrolmentId, cookie: "", attemptId: "", questionKeys: [], key: `crash-${i}-${run}` });
  }

  app = await startApp(ports.crash, databaseUrl, { PUBLIC_URL: `http://localhost:${ports.crash}` });
  const origin = app.origin;
  for (const l of learners) l.cookie = await signInOverHttp(origin, l.email, DEMO_PASSWORD);
  for (const l of learners) {
    // both lessons read, so that passing the quiz completes the course
    for (const lesson of ["rights-holders", "duty-bearers"]) {
      expect((await postForm(origin, `/courses/short-course/essentials/${lesson}`, l.cookie, { seconds: "90" })).status).toBe(302);
    }
    expect((await postForm(origin, QUIZ, l.cookie, { intent: "start" })).status).toBe(200);
    const attempt = await db.quizAttempt.findFirstOrThrow({ where: { enrolmentId: l.enrolmentId }, select: { id: true, questionKeys: true } });
    l.attemptId = attempt.id;
    l.questionKeys = attempt.questionKeys as string[];
  }
  // Half of them have answered everything before the storm; the others answer during it.
  const ready = learners.slice(0, LEARNERS / 2);
  const late = learners.slice(LEARNERS / 2);
  const answer = (l: Learner, q: string) =>
    postForm(origin, QUIZ, l.cookie, { intent: "answer", attemptId: l.attemptId, questionKey: q, answer: JSON.stringify(rightAnswers[q]) });
  await Promise.all(ready.map(async (l) => { for (const q of l.questionKeys) expect((await answer(l, q)).status).toBe(200); }));

  // The storm: submissions of the ready half, answers then submissions of the other half; the
  // server is killed as soon as the first submission is acknowledged.
  const ackedSubmits = new Set<Learner>();
  const ackedAnswers: { learner: Learner; questionKey: string }[] = [];
  let failures = 0;
  let killed: Promise<void> | undefined;
  const killNow = () => (killed ??= app!.kill("SIGKILL"));
  const submit = async (l: Learner) => {
    const response = await postForm(origin, QUIZ, l.cookie, { intent: "submit", attemptId: l.attemptId, idempotencyKey: l.key });
    const body = await response.text();
    if (response.status === 200 && body.includes('"score"')) {
      ackedSubmits.add(l);
      void killNow();
    }
  };
  const guarded = (work: () => Promise<void>) => work().catch(() => void failures++); // connection reset by the kill
  await Promise.all([
    ...ready.map((l) => guarded(() => submit(l))),
    ...late.map((l) =>
      guarded(async () => {
        for (const q of l.questionKeys) {
          const response = await answer(l, q);
          await response.text();
          if (response.status === 200) ackedAnswers.push({ learner: l, questionKey: q });
        }
        await submit(l);
      }),
    ),
  ]);
  await killNow();
  console.log(
    `crash test (${databaseUrl.startsWith("file:") ? "SQLite" : "PostgreSQL"}): ${ackedSubmits.size} submissions and ${ackedAnswers.length} answers acknowledged before SIGKILL, ${failures} learners' requests cut off`,
  );
  // the kill really cut requests off: otherwise this test proves nothing
  expect(failures, "requests cut off by SIGKILL").toBeGreaterThan(0);
  expect(ackedSubmits.size, "submissions acknowledged before the kill").toBeGreaterThan(0);
  expect(ackedSubmits.size).toBeLessThan(LEARNERS);

  // The database, as the crash left it (SQLite: opening it replays the WAL), passes its checks.
  await db.$disconnect();
  expect(await integrityProblems()).toEqual([]);
  db = await openDb(databaseUrl);

  const attempts = await db.quizAttempt.findMany({
    where: { enrolmentId: { in: learners.map((l) => l.enrolmentId) } },
    include: { responses: true },
  });
  // one attempt per learner: nothing created twice
  expect(attempts.length).toBe(LEARNERS);
  for (const attempt of attempts) {
    const submitted = attempt.submittedAt !== null;
    // never half-stored: a submission writes its time, score, result and key together
    expect([attempt.score !== null, attempt.passed !== null, attempt.idempotencyKey !== null]).toEqual([submitted, submitted, submitted]);
    // one response per question at most (the unique key), each with the answer that was sent
    expect(new Set(attempt.responses.map((r) => r.questionKey)).size).toBe(attempt.responses.length);
    for (const r of attempt.responses) expect(r.answer).toEqual(rightAnswers[r.questionKey]);
  }
  for (const l of ackedSubmits) {
    const attempt = attempts.find((a) => a.id === l.attemptId)!;
    expect(attempt.submittedAt).not.toBeNull();
    expect([attempt.score, attempt.passed, attempt.idempotencyKey]).toEqual([100, true, l.key]);
    // acknowledged after completion was recorded: the course is complete with one certificate
    const enrolment = await db.enrolment.findUniqueOrThrow({ where: { id: l.enrolmentId }, select: { completedAt: true } });
    expect(enrolment.completedAt).not.toBeNull();
    expect(await db.certificate.count({ where: { enrolmentId: l.enrolmentId } })).toBe(1);
  }
  for (const { learner, questionKey } of ackedAnswers) {
    expect(await db.quizResponse.count({ where: { attemptId: learner.attemptId, questionKey } })).toBe(1);
  }

  // Restarted on the same database, the platform lets everyone finish; retried submissions with
  // the same idempotency key are stored once.
  app = await startApp(ports.crash, databaseUrl, { PUBLIC_URL: `http://localhost:${ports.crash}` });
  await Promise.all(
    learners.map(async (l) => {
      for (const q of l.questionKeys) expect([200, 400]).toContain((await answer(l, q)).status); // 400: already answered in a finished attempt
      const response = await postForm(origin, QUIZ, l.cookie, { intent: "submit", attemptId: l.attemptId, idempotencyKey: l.key });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('"score"');
    }),
  );
  const final = await db.quizAttempt.findMany({ where: { enrolmentId: { in: learners.map((l) => l.enrolmentId) } } });
  expect(final.length).toBe(LEARNERS);
  expect(final.every((a) => a.submittedAt && a.score === 100 && a.passed)).toBe(true);
  for (const l of learners) {
    expect(await db.certificate.count({ where: { enrolmentId: l.enrolmentId } })).toBe(1);
    expect((await db.enrolment.findUniqueOrThrow({ where: { id: l.enrolmentId } })).completedAt).not.toBeNull();
  }
  await app.kill();
  expect(await integrityProblems()).toEqual([]);
});
