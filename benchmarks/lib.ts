// Shared by the benchmark scripts: a throwaway database, the production server as a child
// process, learners with sessions, timing and the JSON record in benchmarks/out/.
import { execSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { request, type Agent } from "node:http";
import path from "node:path";
import { openDb, type Db } from "../app/db.server.ts";
import { hashPassword } from "../app/auth/hash.server.ts";
import { newId } from "../app/ids.ts";
import { prepareDatabase } from "../scripts/e2e-prepare.mjs";

export const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** Port base for the benchmark servers (BENCH_PORT, default 3145). */
export const BENCH_PORT = Number(process.env.BENCH_PORT ?? 3145);

/**
 * The database under test: a fresh SQLite file in a temporary folder, or, with
 * DATABASE_URL=postgresql://…, that PostgreSQL database DROPPED and recreated. Demo data, the
 * courses and the short test course are loaded.
 */
export async function benchDatabase(): Promise<string> {
  const url = process.env.DATABASE_URL?.startsWith("postgres")
    ? process.env.DATABASE_URL
    : `file:${path.join(mkdtempSync(path.join(tmpdir(), "bench-")), "bench.db")}`;
  await prepareDatabase(url, { quiet: true });
  return url;
}

export const engine = (url: string) => (url.startsWith("file:") ? "SQLite" : "PostgreSQL");

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));

/** `npx remix build` unless --no-build, once per run. */
export function build() {
  if (!process.argv.includes("--no-build")) execSync("npx remix build", { stdio: "ignore" });
}

/** The environment the production server runs with in a benchmark, on `url` and `port` (plus `extra`). */
export function serverEnv(url: string, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: url,
    PORT: String(port),
    NODE_ENV: "production",
    SESSION_SECRET: "bench-secret-bench-secret-bench-secret!!",
    PUBLIC_URL: `http://localhost:${port}`,
    ...extra,
  };
}

/**
 * The production server on `port`, once /healthz answers: one process (server.mjs), or with `workers`
 * as `npm start` runs it (scripts/serve.mjs, WEB_CONCURRENCY=workers), its CPU summed over every process.
 */
export async function startServer(url: string, port: number, options: { workers?: number } = {}): Promise<{ origin: string; stop: () => void; cpuMs: () => number }> {
  const cluster = options.workers !== undefined;
  const child = spawn(process.execPath, [cluster ? "scripts/serve.mjs" : "server.mjs"], {
    env: serverEnv(url, port, cluster ? { WEB_CONCURRENCY: String(options.workers) } : {}),
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  await waitForHealthz(port, 30);
  if (cluster) {
    // every worker up (the primary answers nothing itself; /healthz reports the workers listening)
    for (let i = 0; i < 100 && childPids(child.pid!).length < options.workers!; i++) await new Promise((r) => setTimeout(r, 100));
  }
  return { origin: `http://localhost:${port}`, stop: () => child.kill(), cpuMs: () => (cluster ? treeCpuMs(child.pid!) : processCpuMs(child.pid!)) };
}

/** The pids of a process's children, from /proc (Linux): the workers of scripts/serve.mjs. */
export function childPids(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      if (Number(stat[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

/** CPU time of a process and its children (the primary and workers of scripts/serve.mjs). */
export function treeCpuMs(pid: number): number {
  return [pid, ...childPids(pid)].reduce((total, p) => {
    try {
      return total + processCpuMs(p);
    } catch {
      return total; // gone meanwhile
    }
  }, 0);
}

/** A GET as a browser sends it (gzip accepted) over `agent`; the status once the body has been read. */
export function getStatus(agent: Agent, port: number, pathname: string, cookie = ""): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathname, agent, headers: { Cookie: cookie, "Accept-Encoding": "gzip" } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Resolves once the server on `port` answers /healthz with 200 (throws after `seconds`). */
export async function waitForHealthz(port: number, seconds = 60): Promise<void> {
  for (let i = 0; i < seconds * 10; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server on port ${port} did not come up`);
}

/** CPU time (user + system) a process has used so far, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
}

export type BenchLearner = { userId: string; enrolmentId: string; cookie: string };

/**
 * `count` learners of the demo municipality enrolled in `courseSlug`, each with a signed-in session
 * (rows written directly: the benchmarks measure the quiz, not password hashing at sign-in).
 */
export async function createLearners(db: Db, count: number, courseSlug: string): Promise<BenchLearner[]> {
  const riverside = await db.organization.findUniqueOrThrow({ where: { slug: "riverside" }, select: { id: true } });
  const version = await db.courseVersion.findFirstOrThrow({ where: { course: { slug: courseSlug }, status: "PUBLISHED" }, select: { id: true, courseId: true } });
  const passwordHash = await hashPassword("bench-password-2026");
  const run = randomBytes(3).toString("hex");
  const learners = Array.from({ length: count }, (_, i) => ({
    userId: newId(),
    enrolmentId: newId(),
    sessionId: randomBytes(20).toString("hex"),
    email: `bench-${run}-${i}@example.org`,
  }));
  const chunk = 200;
  for (let i = 0; i < learners.length; i += chunk) {
    const part = learners.slice(i, i + chunk);
    await db.user.createMany({ data: part.map((l, j) => ({ id: l.userId, email: l.email, name: `Bench Learner ${i + j}`, passwordHash, locale: "en" })) });
    await db.membership.createMany({ data: part.map((l) => ({ id: newId(), userId: l.userId, organizationId: riverside.id, role: "LEARNER" })) });
    await db.enrolment.createMany({ data: part.map((l) => ({ id: l.enrolmentId, userId: l.userId, courseId: version.courseId, courseVersionId: version.id })) });
    // 30 days, as lucia creates a session at sign-in (app/auth/lucia.server.ts): a shorter one would
    // be extended — a write — on each learner's first request, which a signed-in learner does once
    // in 15 days, not on every quiz start.
    await db.session.createMany({ data: part.map((l) => ({ id: l.sessionId, userId: l.userId, expiresAt: new Date(Date.now() + 30 * 86_400_000) })) });
  }
  return learners.map((l) => ({ userId: l.userId, enrolmentId: l.enrolmentId, cookie: `session=${l.sessionId}` }));
}

export function post(origin: string, path: string, cookie: string, form: Record<string, string>) {
  return fetch(`${origin}${path}`, {
    method: "POST",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}

export function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const q = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0);
  return { count: sorted.length, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: Math.round(sorted.at(-1) ?? 0) };
}

/** The machine, so that figures can be read in context (the load average especially). */
export function machine() {
  const [one, five, fifteen] = loadavg();
  return {
    date: new Date().toISOString(),
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage: [one, five, fifteen].map((x) => Number(x.toFixed(2))),
  };
}

/** Prints and writes benchmarks/out/<name>-<engine>-<date>.json. */
export function record(name: string, url: string, result: Record<string, unknown>) {
  const data = { benchmark: name, engine: engine(url), machine: machine(), ...result };
  mkdirSync("benchmarks/out", { recursive: true });
  const file = path.join("benchmarks/out", `${name}-${engine(url).toLowerCase()}-${data.machine.date.replace(/[:.]/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  console.log(JSON.stringify(data, null, 2));
  console.log(`written to ${file}`);
}

export { openDb };
