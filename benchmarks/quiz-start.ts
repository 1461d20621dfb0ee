// Benchmark (not a test): 500 learners start the same quiz within 10 seconds.
//   npx tsx benchmarks/quiz-start.ts [--learners 500] [--seconds 10] [--no-build] [--workers N] [--revalidate-root | --revalidate-all]
//   DATABASE_URL=postgresql://…/rights_academy_bench npx tsx benchmarks/quiz-start.ts   (database DROPPED and recreated)
// Each learner arrives at an even pace over the period, opens the quiz page and presses "Start"
// (one in ten presses it twice at once, like a double click). Goal: p95 of "Start" ≤ 500 ms, and
// exactly one attempt stored per learner.
// "Start" is timed as the learner waits for it: the POST, then any loaders the browser runs again
// after an action (Remix revalidation) — the player shows the first question only once both are
// done. Neither the quiz route nor the root reloads after "start" (their shouldRevalidate,
// learning/quiz-view.ts), so the browser sends nothing more. To measure older code:
// --revalidate-root asks for the root loader after it (`?_routes=root`, as Remix's single fetch
// sends it; the code of 2026-12-06), --revalidate-all for every loader (before that).
// One server process (server.mjs) by default; --workers N runs it as `npm start` does
// (scripts/serve.mjs with WEB_CONCURRENCY=N), the CPU summed over its processes.
import { arg, BENCH_PORT, benchDatabase, build, createLearners, openDb, percentiles, post, record, startServer, engine } from "./lib.ts";

const LEARNERS = arg("learners", 500);
const SECONDS = arg("seconds", 10);
const QUIZ = "/courses/short-course/essentials/quiz";
const REVALIDATION = process.argv.includes("--revalidate-all")
  ? `${QUIZ}.data`
  : process.argv.includes("--revalidate-root")
    ? `${QUIZ}.data?_routes=root`
    : null;

const url = await benchDatabase();
build();
const WORKERS = process.argv.includes("--workers") ? arg("workers", 2) : undefined;
const server = await startServer(url, BENCH_PORT, { workers: WORKERS });
const db = await openDb(url);
const learners = await createLearners(db, LEARNERS, "short-course");
const probes = await createLearners(db, 40, "short-course"); // for the CPU split, after the run
console.log(`${engine(url)}: ${LEARNERS} learners ready; starting the quiz over ${SECONDS} s…`);

// warm-up: the first requests compile templates and fill the course-content cache
for (let i = 0; i < 5; i++) await (await fetch(`${server.origin}${QUIZ}`, { headers: { Cookie: learners[i].cookie } })).text();

const page: number[] = [];
const start: number[] = [];
const startPost: number[] = [];
let errors = 0;
const cpuBefore = server.cpuMs();
const began = performance.now();
await Promise.all(
  learners.map(async (learner, i) => {
    await new Promise((r) => setTimeout(r, (i * SECONDS * 1000) / LEARNERS));
    try {
      let t = performance.now();
      const view = await fetch(`${server.origin}${QUIZ}`, { headers: { Cookie: learner.cookie } });
      await view.text();
      page.push(performance.now() - t);
      if (view.status !== 200) errors++;
      t = performance.now();
      const presses = i % 10 === 0 ? 2 : 1;
      const responses = await Promise.all(Array.from({ length: presses }, () => post(server.origin, `${QUIZ}.data`, learner.cookie, { intent: "start" })));
      await Promise.all(responses.map((r) => r.text()));
      startPost.push(performance.now() - t);
      errors += responses.filter((r) => r.status !== 200).length;
      if (REVALIDATION) {
        const revalidation = await fetch(`${server.origin}${REVALIDATION}`, { headers: { Cookie: learner.cookie } });
        await revalidation.text();
        if (revalidation.status !== 200) errors++;
      }
      start.push(performance.now() - t);
    } catch {
      errors++;
    }
  }),
);
const elapsed = (performance.now() - began) / 1000;
const serverCpuMs = server.cpuMs() - cpuBefore;
// Where the CPU goes, one request at a time (no queueing): the quiz page, "Start", and for
// comparison the revalidations the browser sent after it in older code (the root's; every loader).
const cpuPer = async (work: (l: (typeof probes)[number]) => Promise<Response>) => {
  const before = server.cpuMs();
  for (const probe of probes) await (await work(probe)).text();
  return Number(((server.cpuMs() - before) / probes.length).toFixed(1));
};
const cpuSplit = {
  quizPageMs: await cpuPer((l) => fetch(`${server.origin}${QUIZ}`, { headers: { Cookie: l.cookie } })),
  startMs: await cpuPer((l) => post(server.origin, `${QUIZ}.data`, l.cookie, { intent: "start" })),
  // what the browser sent after "start" before the root skipped it, for comparison
  rootRevalidationMs: await cpuPer((l) => fetch(`${server.origin}${QUIZ}.data?_routes=root`, { headers: { Cookie: l.cookie } })),
  fullRevalidationMs: await cpuPer((l) => fetch(`${server.origin}${QUIZ}.data`, { headers: { Cookie: l.cookie } })),
};
const stored = await db.quizAttempt.count({ where: { enrolmentId: { in: learners.map((l) => l.enrolmentId) } } });
const perLearner = await db.quizAttempt.groupBy({ by: ["enrolmentId"], where: { enrolmentId: { in: learners.map((l) => l.enrolmentId) } }, _count: true });
await db.$disconnect();
server.stop();

const startStats = percentiles(start);
record("quiz-start", url, {
  learners: LEARNERS,
  server: WORKERS === undefined ? "one process (server.mjs)" : `scripts/serve.mjs, WEB_CONCURRENCY=${WORKERS}`,
  revalidation: REVALIDATION ?? "none (the browser sends none after start)",
  periodSeconds: SECONDS,
  elapsedSeconds: Number(elapsed.toFixed(1)),
  doubleClicks: Math.ceil(LEARNERS / 10),
  errors,
  // load-independent: the server's CPU per learner (page + start [+ the revalidation asked for]), and the cores the goal needs
  serverCpuMsPerLearner: Number((serverCpuMs / LEARNERS).toFixed(1)),
  coresNeededForThePeriod: Number((serverCpuMs / (SECONDS * 1000)).toFixed(2)),
  serverCpuMsOneAtATime: cpuSplit,
  quizPageMs: percentiles(page),
  startMs: startStats,
  startPostOnlyMs: percentiles(startPost),
  attemptsStored: stored,
  learnersWithMoreThanOneAttempt: perLearner.filter((p) => p._count > 1).length,
  goals: { startP95AtMost500ms: startStats.p95 <= 500, exactlyOneAttemptPerLearner: stored === LEARNERS && perLearner.every((p) => p._count === 1) },
});
process.exit(stored === LEARNERS ? 0 : 1);
