// Benchmark (not a test): the memory of each app process of `npm start` after a load run.
//   npx tsx benchmarks/memory.ts [--seconds 20] [--concurrency 50] [--workers 2] [--no-build]
//   NODE_OPTIONS="--max-old-space-size=160 --max-semi-space-size=8" npx tsx benchmarks/memory.ts  (the lean setting, docs/deployment.md)
// Starts scripts/serve.mjs (WEB_CONCURRENCY=--workers; NODE_OPTIONS passes on to every process) on a
// fresh database with the demo data, then
// for --seconds sends --concurrency requests at a time, cycling through the pages learners load most
// (lesson page, course page, quiz page, catalogue, my learning (/learning)), each by its own signed-in learner.
// Prints, per process (the primary and every worker), the resident set size (VmRSS from /proc) and
// its peak (VmHWM) right after the run and again after 10 s idle. Goal (issue 19): ≤ 200 MB per process.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Agent } from "node:http";
import { loadavg } from "node:os";
import { arg, BENCH_PORT, benchDatabase, build, childPids, createLearners, getStatus, openDb, serverEnv, treeCpuMs, waitForHealthz } from "./lib.ts";

const SECONDS = arg("seconds", 20);
const CONCURRENCY = arg("concurrency", 50);
const WORKERS = arg("workers", 2);
const PORT = BENCH_PORT + 20;
// Half the learners are enrolled in the planning course (its lesson and course page), half in the
// short course (its quiz page); all load the catalogue and their own learning page.
const PLANNING = ["/courses/human-rights-based-planning/foundations/core-principles", "/courses/human-rights-based-planning", "/courses", "/learning"];
const SHORT = ["/courses/short-course/essentials/quiz", "/courses/short-course", "/courses", "/learning"];

build();
const url = await benchDatabase();
const db = await openDb(url);
const half = Math.floor(CONCURRENCY / 2);
const learners = [
  ...(await createLearners(db, half, "human-rights-based-planning")).map((l) => ({ ...l, pages: PLANNING })),
  ...(await createLearners(db, CONCURRENCY - half, "short-course")).map((l) => ({ ...l, pages: SHORT })),
];
await db.$disconnect();

const server = spawn(process.execPath, ["scripts/serve.mjs"], {
  env: serverEnv(url, PORT, { WEB_CONCURRENCY: String(WORKERS), NOTIFICATIONS_INTERVAL_SECONDS: "0" }),
  stdio: ["ignore", "ignore", "inherit"],
});
process.on("exit", () => server.kill("SIGKILL"));

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const get = (pathname: string, cookie: string) => getStatus(agent, PORT, pathname, cookie);
await waitForHealthz(PORT);

/** VmRSS and VmHWM (MB) of the server's primary and of each of its children. */
function memory(): Array<{ pid: number; role: string; rssMb: number; peakMb: number }> {
  return [server.pid!, ...childPids(server.pid!)].map((pid) => {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    return { pid, role: pid === server.pid ? "primary" : "worker", rssMb: Math.round(kb("VmRSS") / 1024), peakMb: Math.round(kb("VmHWM") / 1024) };
  });
}

console.log(`after start: ${memory().map((m) => `${m.role} ${m.rssMb} MB`).join(", ")}`);
let requests = 0;
let failures = 0;
const cpuBefore = treeCpuMs(server.pid!);
const deadline = performance.now() + SECONDS * 1000;
await Promise.all(
  learners.map(async (learner, i) => {
    for (let n = i; performance.now() < deadline; n++) {
      const status = await get(learner.pages[n % learner.pages.length], learner.cookie);
      requests++;
      if (status !== 200) failures++;
    }
  }),
);
const cpuPerRequest = (treeCpuMs(server.pid!) - cpuBefore) / requests;
const after = memory();
await new Promise((r) => setTimeout(r, 10_000));
const idle = memory();
console.log(`NODE_OPTIONS: ${process.env.NODE_OPTIONS || "(none)"}`);
console.log(`${requests} requests in ${SECONDS} s (${failures} not 200), ${CONCURRENCY} concurrent, ${WORKERS} worker(s), ${cpuPerRequest.toFixed(2)} ms CPU per request (all processes), load average ${loadavg()[0].toFixed(1)}`);
console.log("| process | RSS after the run, MB | peak RSS, MB | RSS after 10 s idle, MB |");
console.log("| --- | ---: | ---: | ---: |");
for (const m of after) {
  const later = idle.find((x) => x.pid === m.pid);
  console.log(`| ${m.role} ${m.pid} | ${m.rssMb} | ${Math.max(m.peakMb, later?.peakMb ?? 0)} | ${later?.rssMb ?? "gone"} |`);
}
const worst = Math.max(...after.map((m) => m.rssMb));
console.log(`largest process after the run: ${worst} MB — goal ≤ 200 MB per process: ${worst <= 200 ? "met" : "missed"}`);
server.kill("SIGTERM");
process.exit(failures ? 1 : 0);
