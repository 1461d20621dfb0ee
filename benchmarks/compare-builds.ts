// Benchmark (not a test): the server CPU per page of two builds, measured alternately in ONE run, so
// that the load of a shared machine falls on both alike. Use it to compare a change with its base:
//   git archive <base> | tar -x -C /tmp/base && ln -s "$PWD/node_modules" /tmp/base/ && cp -r generated /tmp/base/
//   (cd /tmp/base && npx remix build) && npx remix build
//   npx tsx benchmarks/compare-builds.ts --base /tmp/base [--rounds 4] [--requests 60] [--load 10]
// Per round (the order of the builds alternates), each page is requested --requests times one at a
// time, with gzip as a browser asks for it: server CPU per page (from /proc), median latency and
// bytes on the wire. --load N then runs N seconds at 50 concurrent lesson pages against the base
// (server.mjs), this build with WEB_CONCURRENCY=1 and with 2 (scripts/serve.mjs): requests/s, p95,
// and CPU per page summed over every process of the server. The load average is printed per round.
// The database is prepared afresh (or BENCH_DATABASE_URL=file:/tmp/…/bench.db reuses one), shared by both builds.
import { spawn, type ChildProcess } from "node:child_process";
import { Agent, request } from "node:http";
import { loadavg } from "node:os";
import path from "node:path";
import { arg, BENCH_PORT, benchDatabase, createLearners, openDb, processCpuMs, serverEnv, treeCpuMs, waitForHealthz } from "./lib.ts";

const baseIndex = process.argv.indexOf("--base");
const BASE = baseIndex > 0 ? path.resolve(process.argv[baseIndex + 1]) : process.cwd();
const ROUNDS = arg("rounds", 4);
const REQUESTS = arg("requests", 60);
const LOAD_SECONDS = arg("load", 0);
const LESSON = "/courses/human-rights-based-planning/foundations/core-principles";
const COURSE = "/courses/human-rights-based-planning";
const QUIZ = "/courses/short-course/essentials/quiz";

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

type Server = { name: string; port: number; child: ChildProcess };

async function start(name: string, cwd: string, script: string, port: number, url: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [script], {
    cwd,
    env: serverEnv(url, port, { NOTIFICATIONS_INTERVAL_SECONDS: "0", ...env }),
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  await waitForHealthz(port);
  return { name, port, child };
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function get(port: number, pathname: string, cookie: string): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "localhost", port, path: pathname, agent, headers: { Cookie: cookie, "Accept-Encoding": "gzip, br" } }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => (bytes += chunk.length));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
    });
    req.on("error", reject);
    req.end();
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => loadavg()[0].toFixed(1);

// BENCH_DATABASE_URL: reuse a database prepared by an earlier run (learners are added afresh)
const url = process.env.BENCH_DATABASE_URL ?? (await benchDatabase());
const db = await openDb(url);
const [lessonLearner] = await createLearners(db, 1, "human-rights-based-planning");
const [quizLearner] = await createLearners(db, 1, "short-course");
await db.$disconnect();
const pages = [
  { name: "lesson page", path: LESSON, cookie: lessonLearner.cookie },
  { name: "course page", path: COURSE, cookie: lessonLearner.cookie },
  { name: "quiz page", path: QUIZ, cookie: quizLearner.cookie },
];

const base = await start("base", BASE, "server.mjs", BENCH_PORT + 10, url);
const head = await start("this build", process.cwd(), "server.mjs", BENCH_PORT + 11, url);
for (const server of [base, head]) for (const page of pages) for (let i = 0; i < 10; i++) await get(server.port, page.path, page.cookie);

const results = new Map<string, { cpu: number[]; ms: number[]; bytes: number; loads: string[] }>();
for (let round = 0; round < ROUNDS; round++) {
  for (const server of round % 2 ? [head, base] : [base, head]) {
    for (const page of pages) {
      const key = `${page.name}|${server.name}`;
      const entry = results.get(key) ?? { cpu: [], ms: [], bytes: 0, loads: [] };
      const before = processCpuMs(server.child.pid!);
      const times: number[] = [];
      for (let i = 0; i < REQUESTS; i++) {
        const t = performance.now();
        const r = await get(server.port, page.path, page.cookie);
        times.push(performance.now() - t);
        if (r.status !== 200) throw new Error(`${server.name} ${page.path}: HTTP ${r.status}`);
        entry.bytes = r.bytes;
      }
      entry.cpu.push((processCpuMs(server.child.pid!) - before) / REQUESTS);
      entry.ms.push(median(times));
      entry.loads.push(load());
      results.set(key, entry);
    }
  }
}
console.log(`| page | build | server CPU ms per page (median of ${ROUNDS} rounds × ${REQUESTS}) | per round | median latency ms | bytes (gzip) | load average per round |`);
console.log("| --- | --- | ---: | --- | ---: | ---: | --- |");
for (const [key, e] of results) {
  const [page, build] = key.split("|");
  console.log(`| ${page} | ${build} | ${median(e.cpu).toFixed(2)} | ${e.cpu.map((x) => x.toFixed(1)).join(", ")} | ${median(e.ms).toFixed(1)} | ${e.bytes} | ${e.loads.join(", ")} |`);
}
base.child.kill();
head.child.kill();

if (LOAD_SECONDS > 0) {
  const concurrency = 50;
  console.log(`\n| lesson page, ${concurrency} concurrent, ${LOAD_SECONDS} s | requests/s | p50 ms | p95 ms | CPU ms per page (all processes) | load average before / after |`);
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  const setups: Array<[string, string, string, Record<string, string>]> = [
    ["base, server.mjs", BASE, "server.mjs", {}],
    ["this build, WEB_CONCURRENCY=1", process.cwd(), "scripts/serve.mjs", { WEB_CONCURRENCY: "1" }],
    ["this build, WEB_CONCURRENCY=2", process.cwd(), "scripts/serve.mjs", { WEB_CONCURRENCY: "2" }],
  ];
  for (const [name, cwd, script, env] of setups) {
    const server = await start(name, cwd, script, BENCH_PORT + 12, url, env);
    for (let i = 0; i < 100; i++) await get(server.port, LESSON, lessonLearner.cookie); // warm every worker
    const loadBefore = load();
    const latencies: number[] = [];
    const cpuBefore = treeCpuMs(server.child.pid!);
    const deadline = performance.now() + LOAD_SECONDS * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const t = performance.now();
          const r = await get(server.port, LESSON, lessonLearner.cookie);
          if (r.status !== 200) throw new Error(`${name}: HTTP ${r.status}`);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = (treeCpuMs(server.child.pid!) - cpuBefore) / latencies.length;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.floor(p * (latencies.length - 1))].toFixed(0);
    console.log(`| ${name} | ${(latencies.length / elapsed).toFixed(0)} | ${q(0.5)} | ${q(0.95)} | ${cpu.toFixed(2)} | ${loadBefore} / ${load()} |`);
    server.child.kill("SIGTERM");
    await new Promise((r) => server.child.once("exit", r));
  }
}
process.exit(0);
