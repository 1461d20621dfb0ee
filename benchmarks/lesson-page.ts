// Benchmark (not a test): the lesson page's server throughput and latency against a bare node:http
// server in the same run, and the JavaScript the lesson page ships (gzip).
//   npx tsx benchmarks/lesson-page.ts [--seconds 10] [--concurrency 50] [--no-build]
// Uses its own SQLite database in a temporary folder; DATABASE_URL=postgresql://… benchmarks PostgreSQL
// (the database named there is DROPPED and recreated).
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { processCpuMs, record } from "./lib.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const SECONDS = arg("seconds", 10);
const CONCURRENCY = arg("concurrency", 50);
const APP_PORT = Number(process.env.BENCH_PORT ?? 3145) + 2;
const BARE_PORT = APP_PORT + 1;
const LESSON = "/courses/human-rights-based-planning/foundations/core-principles";

async function prepareDatabase(): Promise<string> {
  const url = process.env.DATABASE_URL?.startsWith("postgres") ? process.env.DATABASE_URL : `file:${path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "bench.db")}`;
  if (url.startsWith("postgres")) {
    const admin = new URL(url);
    const name = admin.pathname.slice(1);
    admin.pathname = "/postgres";
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
    await client.end();
  }
  const env = { ...process.env, DATABASE_URL: url };
  for (const cmd of ["npx prisma migrate deploy", "npx tsx scripts/seed.ts", "npx tsx scripts/courses-import.ts"]) execSync(cmd, { env, stdio: "ignore" });
  return url;
}

async function waitFor(url: string) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not come up`);
}

async function signInAndEnrol(): Promise<string> {
  const origin = `http://localhost:${APP_PORT}`;
  const login = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "learner@demo.test", password: "demo-password-2026", redirectTo: "/" }),
    redirect: "manual",
  });
  // the sign-in also sets a device cookie (docs/security.md): keep the session's
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("session=")) ?? "";
  await fetch(`${origin}/courses/human-rights-based-planning?index`, {
    method: "POST",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "enrol" }),
    redirect: "manual",
  });
  return cookie;
}

async function load(url: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        if (res.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - t0);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return { rps: latencies.length / elapsed, p50: q(0.5), p95: q(0.95), p99: q(0.99), requests: latencies.length, errors };
}

async function shippedJavaScript(html: string, origin: string) {
  const srcs = new Set<string>();
  for (const m of html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="([^"]+)"/g)) srcs.add(m[1]);
  for (const m of html.matchAll(/import\("([^"]+\.js)"\)|import "([^"]+\.js)"/g)) srcs.add(m[1] ?? m[2]);
  let raw = 0;
  let gz = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src, origin))).arrayBuffer());
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  return { files: srcs.size, raw, gz };
}

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill()));

const url = await prepareDatabase();
if (!process.argv.includes("--no-build")) execSync("npx remix build", { stdio: "ignore" });
const app = spawn("node", ["server.mjs"], {
  env: { ...process.env, DATABASE_URL: url, PORT: String(APP_PORT), NODE_ENV: "production", SESSION_SECRET: "bench-secret-bench-secret-bench-secret!!" },
  stdio: "ignore",
});
children.push(app);
await waitFor(`http://localhost:${APP_PORT}/healthz`);
const cookie = await signInAndEnrol();
const lessonUrl = `http://localhost:${APP_PORT}${LESSON}`;
const html = await (await fetch(lessonUrl, { headers: { Cookie: cookie } })).text();
if (!html.includes("block--key-points")) throw new Error("the lesson page did not render (not signed in or not enrolled?)");

// The baseline: node:http answering the same HTML from memory, in its own process like the app.
const bare = spawn(process.execPath, ["-e", `require("http").createServer((q,s)=>{s.writeHead(200,{"content-type":"text/html"});s.end(process.env.BODY)}).listen(${BARE_PORT})`], {
  env: { ...process.env, BODY: html },
  stdio: "ignore",
});
children.push(bare);
await waitFor(`http://localhost:${BARE_PORT}/`);
void createServer; // (kept for readers: the baseline is a plain node:http server)

await load(lessonUrl, { Cookie: cookie }); // warm-up pass is not reported
// Server CPU per page: unlike latencies, it hardly depends on what else runs on the machine.
const cpuBefore = processCpuMs(app.pid!);
const appRun = await load(lessonUrl, { Cookie: cookie });
const serverCpuMsPerPage = (processCpuMs(app.pid!) - cpuBefore) / appRun.requests;
const ONE_AT_A_TIME = 300;
const cpuBeforeSequential = processCpuMs(app.pid!);
for (let i = 0; i < ONE_AT_A_TIME; i++) await (await fetch(lessonUrl, { headers: { Cookie: cookie } })).arrayBuffer();
const serverCpuMsOneAtATime = (processCpuMs(app.pid!) - cpuBeforeSequential) / ONE_AT_A_TIME;
const bareRun = await load(`http://localhost:${BARE_PORT}/`, {});
const js = await shippedJavaScript(html, `http://localhost:${APP_PORT}`);

const fmt = (n: number) => n.toFixed(1);
console.log(`database: ${url.startsWith("postgres") ? "PostgreSQL" : "SQLite"}; ${SECONDS} s at ${CONCURRENCY} concurrent requests; page ${html.length} bytes`);
console.log(`| server | requests/s | p50 ms | p95 ms | p99 ms | requests | errors |`);
console.log(`| --- | --- | --- | --- | --- | --- | --- |`);
console.log(`| lesson page (Remix + Prisma, signed in) | ${fmt(appRun.rps)} | ${fmt(appRun.p50)} | ${fmt(appRun.p95)} | ${fmt(appRun.p99)} | ${appRun.requests} | ${appRun.errors} |`);
console.log(`| bare node:http, same HTML | ${fmt(bareRun.rps)} | ${fmt(bareRun.p50)} | ${fmt(bareRun.p95)} | ${fmt(bareRun.p99)} | ${bareRun.requests} | ${bareRun.errors} |`);
console.log(`lesson page throughput = ${fmt((appRun.rps * 100) / bareRun.rps)} % of bare node:http (goal ≥ 5 %), p95 ${fmt(appRun.p95)} ms (goal ≤ 100 ms)`);
console.log(`server CPU per lesson page: ${serverCpuMsPerPage.toFixed(2)} ms under load, ${serverCpuMsOneAtATime.toFixed(2)} ms one at a time`);
console.log(`JavaScript shipped by the lesson page: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, ${(js.gz / 1024).toFixed(1)} KB gzip (goal ≤ 90 KB gzip)`);
record("lesson-page", url, {
  seconds: SECONDS,
  concurrency: CONCURRENCY,
  pageBytes: html.length,
  lessonPage: appRun,
  bareNodeHttp: bareRun,
  serverCpuMsPerPage: Number(serverCpuMsPerPage.toFixed(2)),
  serverCpuMsOneAtATime: Number(serverCpuMsOneAtATime.toFixed(2)),
  throughputPercentOfBare: Number(((appRun.rps * 100) / bareRun.rps).toFixed(2)),
  javascript: js,
  goals: { throughputAtLeast5Percent: appRun.rps / bareRun.rps >= 0.05, p95AtMost100ms: appRun.p95 <= 100, javascriptAtMost90KBGzip: js.gz <= 90 * 1024 },
});
process.exit(0);
