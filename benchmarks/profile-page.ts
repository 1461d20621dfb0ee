// Benchmark tool (not a test): where one page's server CPU goes, by package and by function.
//   npx tsx benchmarks/profile-page.ts [--page lesson|course|quiz|start|catalogue|learning|login] [--requests 400] [--no-build]
// Starts the production server (server.mjs, one process) under Node's sampling profiler
// (--cpu-prof), signs in one learner enrolled in the page's course, requests the page --requests
// times one at a time after 200 warm-up requests, stops the server and reads the profile: self time
// per package (node_modules/<name>, the app's build, Node's own internals, garbage collection) and the
// 25 costliest functions. The .cpuprofile is kept (its path is printed) for Chrome DevTools.
// The warm-up is in the profile too; it is small next to the measured requests at the default counts.
// --page start profiles the quiz's "Start" (the POST the quiz page's button sends, as single fetch
// sends it): one learner per request, each starting their first attempt, as in a quiz storm.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { Agent } from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import { BENCH_PORT, arg, benchDatabase, build, createLearners, getStatus, openDb, post, serverEnv, waitForHealthz } from "./lib.ts";

const PAGES: Record<string, { path: string; course: string; signedOut?: boolean; start?: boolean }> = {
  lesson: { path: "/courses/human-rights-based-planning/foundations/core-principles", course: "human-rights-based-planning" },
  course: { path: "/courses/human-rights-based-planning", course: "human-rights-based-planning" },
  quiz: { path: "/courses/short-course/essentials/quiz", course: "short-course" },
  catalogue: { path: "/courses", course: "short-course" },
  learning: { path: "/learning", course: "short-course" },
  login: { path: "/login", course: "short-course", signedOut: true }, // the sign-in page, signed out
  start: { path: "/courses/short-course/essentials/quiz.data", course: "short-course", start: true },
};
const pageIndex = process.argv.indexOf("--page");
const pageName = pageIndex > 0 ? process.argv[pageIndex + 1] : "lesson";
const page = PAGES[pageName];
if (!page) throw new Error(`--page must be one of ${Object.keys(PAGES).join(", ")}`);
const REQUESTS = arg("requests", 400);
const PORT = BENCH_PORT + 30;

build();
const url = await benchDatabase();
const db = await openDb(url);
const learners = await createLearners(db, page.start ? 200 + REQUESTS : 1, page.course);
await db.$disconnect();

const profileDir = mkdtempSync(path.join(tmpdir(), "profile-"));
const server = spawn(process.execPath, ["--cpu-prof", `--cpu-prof-dir=${profileDir}`, "server.mjs"], {
  env: serverEnv(url, PORT, { NOTIFICATIONS_INTERVAL_SECONDS: "0" }),
  stdio: ["ignore", "ignore", "inherit"],
});
// a failed run must not leave its server on the port (the next run would measure that one)
process.on("exit", () => server.kill("SIGKILL"));
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const origin = `http://localhost:${PORT}`; // the origin serverEnv configures (the Origin check)
const get = (i: number) =>
  page.start
    ? post(origin, page.path, learners[i].cookie, { intent: "start" }).then(async (r) => (await r.arrayBuffer(), r.status))
    : getStatus(agent, PORT, page.path, page.signedOut ? "" : learners[0].cookie);
await waitForHealthz(PORT);
for (let i = 0; i < 200 + REQUESTS; i++) {
  const status = await get(i);
  if (status !== 200) throw new Error(`${page.path} answered ${status}`);
}
server.kill("SIGINT"); // server.mjs exits cleanly on SIGINT, and Node writes the profile on exit
await new Promise((r) => server.once("exit", r));

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const file = path.join(profileDir, readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"))!);
const profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] } = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfMs = new Map<number, number>();
profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

const packageOf = (node: Node): string => {
  const { url: source, functionName } = node.callFrame;
  if (!source) return functionName.startsWith("(") ? functionName : "(native / V8 built-ins)";
  const modules = source.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = source.slice(modules + "node_modules/".length).split("/");
    return rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (source.startsWith("node:")) return "node: internals";
  if (source.includes("/build/")) return "app (build/index.js)";
  return path.basename(source);
};
const total = [...selfMs.values()].reduce((a, b) => a + b, 0);
const idle = [...selfMs].filter(([id]) => byId.get(id)?.callFrame.functionName === "(idle)").reduce((a, [, ms]) => a + ms, 0);
const busy = total - idle;
const group = (key: (n: Node) => string) => {
  const sums = new Map<string, number>();
  for (const [id, ms] of selfMs) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === "(idle)") continue;
    sums.set(key(node), (sums.get(key(node)) ?? 0) + ms);
  }
  return [...sums].sort((a, b) => b[1] - a[1]);
};
const requests = 200 + REQUESTS;
console.log(`\n${pageName} page (${page.path}), ${requests} requests one at a time, load average ${loadavg()[0].toFixed(2)}`);
console.log(`profiled busy time: ${busy.toFixed(0)} ms = ${(busy / requests).toFixed(2)} ms per request (the profiler itself adds some)`);
console.log("\n| package | self ms per request | share |\n| --- | ---: | ---: |");
for (const [name, ms] of group(packageOf).slice(0, 20)) console.log(`| ${name} | ${(ms / requests).toFixed(3)} | ${((100 * ms) / busy).toFixed(1)} % |`);
console.log("\n| function (package) | self ms per request | share |\n| --- | ---: | ---: |");
for (const [name, ms] of group((n) => `${n.callFrame.functionName || "(anonymous)"} (${packageOf(n)}:${n.callFrame.lineNumber + 1})`).slice(0, 25))
  console.log(`| ${name} | ${(ms / requests).toFixed(3)} | ${((100 * ms) / busy).toFixed(1)} % |`);
console.log(`\nprofile: ${file}`);
process.exit(0);
