// Benchmark (not a test): 100 parallel submissions of one quiz attempt.
//   npx tsx benchmarks/quiz-submit-race.ts [--parallel 100] [--rounds 5] [--no-build]
//   DATABASE_URL=postgresql://…/rights_academy_bench npx tsx benchmarks/quiz-submit-race.ts   (database DROPPED and recreated)
// Per round, one learner reads both lessons of the short course, answers every question, then
// sends `parallel` submissions of the attempt at once (half with one idempotency key, as a browser
// retrying; half with keys of their own, as several tabs). Exactly one submission must be stored,
// every response must carry that same result, and the completed course one certificate.
import { arg, BENCH_PORT, benchDatabase, build, createLearners, openDb, percentiles, post, record, startServer, engine } from "./lib.ts";

const PARALLEL = arg("parallel", 100);
const ROUNDS = arg("rounds", 5);
const QUIZ = "/courses/short-course/essentials/quiz";
const RIGHT: Record<string, string[]> = {
  "who-holds-rights": ["everyone"],
  duties: ["respect", "protect", "fulfil"],
  "local-role": ["true"],
  steps: ["analyse", "plan", "budget", "monitor"],
};

const url = await benchDatabase();
build();
const server = await startServer(url, BENCH_PORT + 1);
const db = await openDb(url);
const learners = await createLearners(db, ROUNDS, "short-course");
console.log(`${engine(url)}: ${ROUNDS} rounds of ${PARALLEL} parallel submissions…`);

const latencies: number[] = [];
let submitCpuMs = 0;
const rounds: { submittedAttempts: number; attempts: number; distinctResults: number; certificates: number; non200: number }[] = [];
for (const [round, learner] of learners.entries()) {
  for (const lesson of ["rights-holders", "duty-bearers"]) await post(server.origin, `/courses/short-course/essentials/${lesson}`, learner.cookie, { seconds: "90" });
  await (await post(server.origin, `${QUIZ}.data`, learner.cookie, { intent: "start" })).text();
  const attempt = await db.quizAttempt.findFirstOrThrow({ where: { enrolmentId: learner.enrolmentId }, select: { id: true, questionKeys: true } });
  for (const q of attempt.questionKeys as string[]) {
    await (await post(server.origin, `${QUIZ}.data`, learner.cookie, { intent: "answer", attemptId: attempt.id, questionKey: q, answer: JSON.stringify(RIGHT[q]) })).text();
  }
  const cpuBefore = server.cpuMs();
  const bodies = await Promise.all(
    Array.from({ length: PARALLEL }, async (_, i) => {
      const t = performance.now();
      const key = i % 2 === 0 ? `retry-key-${round}-shared` : `tab-key-${round}-${i}`;
      const response = await post(server.origin, `${QUIZ}.data`, learner.cookie, { intent: "submit", attemptId: attempt.id, idempotencyKey: key });
      const body = await response.text();
      latencies.push(performance.now() - t);
      // every response must carry the stored result (same score, review…): identical bodies
      return { status: response.status, body: body.includes('"score"') ? body : null };
    }),
  );
  submitCpuMs += server.cpuMs() - cpuBefore;
  rounds.push({
    attempts: await db.quizAttempt.count({ where: { enrolmentId: learner.enrolmentId } }),
    submittedAttempts: await db.quizAttempt.count({ where: { enrolmentId: learner.enrolmentId, submittedAt: { not: null } } }),
    distinctResults: new Set(bodies.map((b) => b.body)).size,
    certificates: await db.certificate.count({ where: { enrolmentId: learner.enrolmentId } }),
    non200: bodies.filter((b) => b.status !== 200).length,
  });
}
await db.$disconnect();
server.stop();

const ok = rounds.every((r) => r.attempts === 1 && r.submittedAttempts === 1 && r.distinctResults === 1 && r.certificates === 1 && r.non200 === 0);
record("quiz-submit-race", url, {
  parallel: PARALLEL,
  rounds: ROUNDS,
  submitMs: percentiles(latencies),
  serverCpuMsPerSubmission: Number((submitCpuMs / (PARALLEL * ROUNDS)).toFixed(1)),
  perRound: rounds,
  goals: { exactlyOneSubmissionStored: ok },
});
process.exit(ok ? 0 : 1);
