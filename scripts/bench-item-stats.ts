// Measures the item statistics (app/authoring/item-stats.server.ts, read from the summary tables;
// and once per quiz the former statement over every answer, tests/item-stats-reference.ts, whose
// figures the summary's must equal) of one course version taken by
// many learners: every learner takes the version's four quizzes (a quarter of them fail once and
// retake), answering each question with a probability that rises with their ability, so that the
// figures (facility, discrimination, option shares) look like real ones. See docs/performance.md.
//
//   DATABASE_URL=file:./bench-items.db npx prisma migrate deploy
//   DATABASE_URL=file:./bench-items.db npx tsx scripts/bench-item-stats.ts [--learners 100000] [--runs 10]
//
// The data are added once (a course "item-stats-bench", a copy of the shipped course
// human-rights-based-planning, with its learners); later runs only measure. The database may also hold
// scripts/seed-large.ts's platform: the statistics read one version's attempts through their index,
// whatever else the tables hold. Never run it on a database you care about.
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, isPostgres, openDb, type Db } from "../app/db.server.ts";
import { seedDemo } from "../app/demo/demo-data.server.ts";
import { loadCourse } from "../app/courses/files.server.ts";
import { importCourse } from "../app/courses/import.server.ts";
import { isCorrect } from "../app/learning/quiz-rules.ts";
import type { CompiledQuestion, CourseContent } from "../app/courses/schema.ts";
import { newId } from "../app/ids.ts";
import { quizItemStats } from "../app/authoring/item-stats.server.ts";
import { referenceQuizItemStats } from "../tests/item-stats-reference.ts";
import { backfillStatements, SUMMARY_TABLES } from "../tests/item-summary-backfill.ts";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const LEARNERS = arg("learners", 100_000);
const RUNS = arg("runs", 10);
const SLUG = "item-stats-bench";
const LOCALES = ["en", "fr", "es", "ar", "ru", "zh"];
const CHUNK = 2_000; // learners per batch of inserts

let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const normal = () => Math.sqrt(-2 * Math.log(random() || 1e-9)) * Math.cos(2 * Math.PI * random());

// Bulk rows straight to the driver, written as Prisma writes them (as in scripts/seed-large.ts).
type Row = Record<string, unknown>;
const url = databaseUrl();
type SqliteDriver = { prepare(sql: string): { run(...values: unknown[]): void }; transaction(fn: () => void): () => void; pragma(p: string): void; close(): void };
const sqlite = isPostgres() ? null : (new Database(url.replace(/^file:/, "")) as unknown as SqliteDriver);
const pool = isPostgres() ? new pg.Pool({ connectionString: url, max: 1 }) : null;

function sqlValue(value: unknown): unknown {
  if (value instanceof Date) return sqlite ? value.toISOString().replace("Z", "+00:00") : value.toISOString().slice(0, 23);
  if (typeof value === "boolean") return sqlite ? (value ? 1 : 0) : value;
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value ?? null;
}

async function insert(table: string, rows: Row[]) {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const names = columns.map((c) => `"${c}"`).join(", ");
  if (sqlite) {
    const statement = sqlite.prepare(`INSERT INTO "${table}" (${names}) VALUES (${columns.map(() => "?").join(", ")})`);
    sqlite.transaction(() => {
      for (const row of rows) statement.run(...columns.map((c) => sqlValue(row[c])));
    })();
    return;
  }
  const per = Math.floor(60_000 / columns.length);
  for (let i = 0; i < rows.length; i += per) {
    const chunk = rows.slice(i, i + per);
    let n = 0;
    const values = chunk.map(() => `(${columns.map(() => `$${++n}`).join(", ")})`).join(", ");
    await pool!.query(`INSERT INTO "${table}" (${names}) VALUES ${values}`, chunk.flatMap((row) => columns.map((c) => sqlValue(row[c]))));
  }
}

/** An answer of a learner of ability `theta` to `q` of difficulty `b` (item response theory, 2PL). */
function answerFor(q: CompiledQuestion, theta: number, b: number): string[] {
  const right = random() < 1 / (1 + Math.exp(-1.4 * (theta - b)));
  if (right) return q.answer;
  const keys = q.options.map((o) => o.key);
  if (q.type === "ordering") {
    const order = [...q.answer];
    const i = Math.floor(random() * (order.length - 1));
    [order[i], order[i + 1]] = [order[i + 1], order[i]];
    return order;
  }
  const wrong = keys.filter((k) => !q.answer.includes(k));
  if (q.type === "multiple") {
    // most wrong answers miss one right option or add a wrong one
    const chosen = q.answer.slice(0, Math.max(1, q.answer.length - 1));
    return wrong.length && random() < 0.5 ? [...chosen, wrong[Math.floor(random() * wrong.length)]] : chosen;
  }
  // the last distractor is one "no one picks", as real quizzes have
  const plausible = wrong.length > 1 ? wrong.slice(0, -1) : wrong;
  return [plausible[Math.floor(random() * plausible.length)]];
}

async function prepare(db: Db): Promise<{ versionId: string; content: CourseContent }> {
  const existing = await db.course.findUnique({ where: { slug: SLUG }, select: { versions: { select: { id: true, content: true } } } });
  if (existing?.versions[0]) {
    console.log(`${SLUG} is already there: measuring only.`);
    return { versionId: existing.versions[0].id, content: existing.versions[0].content as CourseContent };
  }
  if (!(await db.organization.findFirst({ where: { kind: "ACADEMY" } }))) await seedDemo(db);
  const loaded = loadCourse("human-rights-based-planning");
  if (!loaded.ok) throw new Error("the shipped course does not load");
  const outcome = await importCourse({ ...loaded.content, slug: SLUG }, `${loaded.hash}-bench`, db);
  if (outcome.status === "error") throw new Error(outcome.message);
  const course = await db.course.findUniqueOrThrow({ where: { slug: SLUG }, select: { id: true, versions: { select: { id: true, content: true } } } });
  const versionId = course.versions[0].id;
  const content = course.versions[0].content as CourseContent;
  sqlite?.pragma("journal_mode = WAL");
  sqlite?.pragma("synchronous = OFF");
  const difficulty = new Map(content.modules.flatMap((m) => m.quiz.questions.map((q) => [q.key, normal() * 1.2 - 0.8] as const)));
  const started = Date.now();
  const now = Date.now();
  let rows = 0;
  for (let from = 0; from < LEARNERS; from += CHUNK) {
    const users: Row[] = [];
    const enrolments: Row[] = [];
    const attempts: Row[] = [];
    const responses: Row[] = [];
    for (let i = from; i < Math.min(LEARNERS, from + CHUNK); i++) {
      const userId = newId();
      const enrolmentId = newId();
      const theta = normal();
      const locale = LOCALES[Math.floor(random() * LOCALES.length)];
      const at = new Date(now - Math.floor(random() * 300) * 86_400_000);
      users.push({ id: userId, email: `item-stats-${i}@example.org`, name: `Learner ${i}`, locale, passwordHash: "-", createdAt: at, updatedAt: at });
      enrolments.push({ id: enrolmentId, userId, courseId: course.id, courseVersionId: versionId, enrolledAt: at, lastActivityAt: at, cycleStartedAt: at });
      for (const m of content.modules) {
        const quiz = m.quiz;
        const tries = random() < 0.25 ? 2 : 1;
        for (let a = 1; a <= tries; a++) {
          const attemptId = newId();
          const questions = quiz.draw ? [...quiz.questions].sort(() => random() - 0.5).slice(0, quiz.draw) : quiz.questions;
          const answers: Record<string, string[]> = {};
          let right = 0;
          for (const q of questions) {
            const answer = answerFor(q, theta + (a - 1) * 0.5, difficulty.get(q.key)!);
            const correct = isCorrect(q.type, q.answer, answer);
            right += correct ? 1 : 0;
            answers[q.key] = answer;
            responses.push({ id: newId(), attemptId, questionKey: q.key, answer, correct, answeredAt: at });
          }
          const score = Math.round((right * 100) / questions.length);
          attempts.push({
            id: attemptId,
            enrolmentId,
            userId,
            moduleKey: m.key,
            quizKey: quiz.key,
            attemptNumber: a,
            questionKeys: questions.map((q) => q.key),
            optionOrder: {},
            answers,
            score,
            passed: score >= quiz.passMark,
            startedAt: at,
            submittedAt: at,
            courseVersionId: versionId,
            // a twentieth from before the language was recorded
            locale: random() < 0.05 ? null : locale,
          });
        }
      }
    }
    await insert("User", users);
    await insert("Enrolment", enrolments);
    await insert("QuizAttempt", attempts);
    await insert("QuizResponse", responses);
    rows += attempts.length + responses.length;
    if ((from / CHUNK) % 10 === 0) console.log(`${Math.min(LEARNERS, from + CHUNK)} learners, ${rows} attempt and response rows, ${Math.round((Date.now() - started) / 1000)} s`);
  }
  // the attempts were written without submitting them: their summary is built as the migration does
  const b0 = Date.now();
  for (const table of SUMMARY_TABLES) await db.$executeRawUnsafe(`DELETE FROM "${table}"`);
  for (const statement of backfillStatements(isPostgres())) await db.$executeRawUnsafe(statement);
  console.log(`Summary rebuilt by the migration's backfill in ${Math.round((Date.now() - b0) / 1000)} s.`);
  await db.$executeRawUnsafe(isPostgres() ? "VACUUM ANALYZE" : "ANALYZE");
  console.log(`Seeded ${LEARNERS} learners in ${Math.round((Date.now() - started) / 1000)} s.`);
  return { versionId, content };
}

const db = await openDb(url);
try {
  const { versionId, content } = await prepare(db);
  const attempts = await db.quizAttempt.count({ where: { courseVersionId: versionId } });
  const responses = await db.quizResponse.count({ where: { attempt: { courseVersionId: versionId } } });
  console.log(`${isPostgres() ? "PostgreSQL" : "SQLite"}: version with ${attempts} attempts and ${responses} responses; ${RUNS} runs per quiz.`);
  // Wall time, and this process's CPU time: on SQLite the query runs in this process, so its CPU
  // time is the query's cost whatever else runs on the machine (on PostgreSQL the work is the server's).
  const times: number[] = [];
  const cpus: number[] = [];
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  for (const m of content.modules) {
    const quizTimes: number[] = [];
    const quizCpu: number[] = [];
    // before the summary: the statement over every answer, once; the summary must give the same figures
    const r0 = process.cpuUsage();
    const rt0 = performance.now();
    const reference = await referenceQuizItemStats(db, versionId, m.quiz);
    const rc = process.cpuUsage(r0);
    console.log(`  ${m.quiz.key}: reference statement ${(performance.now() - rt0).toFixed(0)} ms (CPU ${((rc.user + rc.system) / 1000).toFixed(0)} ms)`);
    let stats = await quizItemStats(versionId, m.quiz, db); // warm-up (caches, plans)
    if (JSON.stringify(stats) !== JSON.stringify(reference)) throw new Error(`${m.quiz.key}: the summary's figures differ from the reference's`);
    for (let r = 0; r < RUNS; r++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      stats = await quizItemStats(versionId, m.quiz, db);
      quizTimes.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      quizCpu.push((c.user + c.system) / 1000);
    }
    quizTimes.sort((a, b) => a - b);
    times.push(...quizTimes);
    cpus.push(...quizCpu);
    const flagged = stats.questions.filter((q) => q.flags.length).length;
    console.log(
      `  ${m.quiz.key}: ${stats.attempts.all} attempts, median ${quizTimes[Math.floor(RUNS / 2)].toFixed(0)} ms (CPU ${median(quizCpu).toFixed(0)} ms), max ${quizTimes[RUNS - 1].toFixed(0)} ms; ` +
        `facility ${stats.questions.map((q) => q.all.facility?.toFixed(2)).join(" ")}; discrimination ${stats.questions.map((q) => q.all.discrimination?.toFixed(2)).join(" ")}; ${flagged} flagged`,
    );
  }
  times.sort((a, b) => a - b);
  console.log(
    `One quiz (a page): median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, p90 ${times[Math.floor(times.length * 0.9)].toFixed(0)} ms; ` +
      `CPU of this process median ${median(cpus).toFixed(0)} ms; load average ${(await import("node:os")).loadavg()[0].toFixed(1)}.`,
  );
} finally {
  await db.$disconnect();
  sqlite?.close();
  await pool?.end();
}
