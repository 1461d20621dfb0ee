// Benchmark (not a test): where a lesson page's server CPU goes, layer by layer, in ONE run.
//   npx tsx benchmarks/floor.ts [--rounds 5] [--requests 100] [--no-build]
// Each layer is a server answering one at a time, with gzip as a browser asks for it; its CPU time per
// request is read from /proc (user + system) over --requests requests, per round, the layers taking
// turns within each round so that the machine's load falls on all alike. Layers:
//   1. node:http sending the lesson page's bytes (captured from the real server), gzipped per request
//   2. Express with compression() sending the same bytes: the cost of the HTTP framework
//   3. the production server (server.mjs), /healthz: Express + the Remix adapter + route matching +
//      one database ping, no React
//   4. the production server, the sign-in page signed out: the root loader and a small React page
//   5. the production server, the lesson page signed in
// and, in this process, Prisma's cost per call against better-sqlite3's prepared statement for the
// same primary-key read (the session read every signed-in page does).
// What this answers (issue 19): how much of a page's cost is the frameworks' own floor.
import { spawn, type ChildProcess } from "node:child_process";
import { writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { arg, BENCH_PORT, benchDatabase, build, createLearners, openDb, processCpuMs, serverEnv, waitForHealthz } from "./lib.ts";

const ROUNDS = arg("rounds", 5);
const REQUESTS = arg("requests", 100);
const LESSON = "/courses/human-rights-based-planning/foundations/core-principles";
const PORT = BENCH_PORT + 40;

const children: ChildProcess[] = [];
process.on("exit", () => children.forEach((c) => c.kill("SIGKILL")));
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function get(port: number, pathname: string, cookie = ""): Promise<{ status: number; bytes: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: pathname, agent, headers: { "Accept-Encoding": "gzip", Cookie: cookie } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function start(args: string[], port: number, env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  await waitForHealthz(port);
  return child;
}

build();
const url = await benchDatabase();
const db = await openDb(url);
const [learner] = await createLearners(db, 1, "human-rights-based-planning");
await db.$disconnect();

const app = await start(["server.mjs"], PORT, serverEnv(url, PORT, { NOTIFICATIONS_INTERVAL_SECONDS: "0" }));
const lesson = await get(PORT, LESSON, learner.cookie);
if (lesson.status !== 200) throw new Error(`the lesson page answered ${lesson.status}`);
// the page as sent before compression, for the two bare servers to send
const { gunzipSync } = await import("node:zlib");
const page = gunzipSync(lesson.bytes);
const pageFile = path.join(tmpdir(), `floor-page-${process.pid}.html`);
writeFileSync(pageFile, page);

// The two bare servers: the same bytes, gzipped per request as the app's are.
const bareScript = `
  const { createServer } = require("node:http");
  const { readFileSync } = require("node:fs");
  const zlib = require("node:zlib");
  const page = readFileSync(${JSON.stringify(pageFile)});
  const port = Number(process.env.PORT);
  if (process.argv[1] === "express") {
    const express = require("express");
    const compression = require("compression");
    const app = express();
    app.use(compression());
    app.get("/healthz", (req, res) => res.json({ status: "ok" }));
    app.get("*", (req, res) => res.type("html").send(page));
    app.listen(port);
  } else {
    createServer((req, res) => {
      if (req.url === "/healthz") { res.setHeader("Content-Type", "application/json"); return res.end('{"status":"ok"}'); }
      const gz = zlib.gzipSync(page);
      res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Encoding": "gzip", "Content-Length": gz.length });
      res.end(gz);
    }).listen(port);
  }`;
const bare = await start(["-e", bareScript, "bare"], PORT + 1, { ...process.env, PORT: String(PORT + 1), NODE_ENV: "production" });
const expressOnly = await start(["-e", bareScript, "express"], PORT + 2, { ...process.env, PORT: String(PORT + 2), NODE_ENV: "production" });

type Layer = { name: string; child: ChildProcess; port: number; path: string; cookie?: string; samples: number[] };
const layers: Layer[] = [
  { name: "1. node:http, the lesson page's bytes, gzip per request", child: bare, port: PORT + 1, path: LESSON, samples: [] },
  { name: "2. Express + compression(), the same bytes", child: expressOnly, port: PORT + 2, path: LESSON, samples: [] },
  { name: "3. production server, /healthz (Remix resource route, one ping)", child: app, port: PORT, path: "/healthz", samples: [] },
  { name: "4. production server, sign-in page, signed out", child: app, port: PORT, path: "/login", samples: [] },
  { name: "5. production server, lesson page, signed in", child: app, port: PORT, path: LESSON, cookie: learner.cookie, samples: [] },
];

// warm-up: the JIT and every cache, not reported
for (const layer of layers) for (let i = 0; i < 200; i++) await get(layer.port, layer.path, layer.cookie);

const loads: string[] = [];
for (let round = 0; round < ROUNDS; round++) {
  loads.push(loadavg()[0].toFixed(2));
  for (const layer of round % 2 ? [...layers].reverse() : layers) {
    const before = processCpuMs(layer.child.pid!);
    for (let i = 0; i < REQUESTS; i++) {
      const { status } = await get(layer.port, layer.path, layer.cookie);
      if (status !== 200) throw new Error(`${layer.path} answered ${status}`);
    }
    layer.samples.push((processCpuMs(layer.child.pid!) - before) / REQUESTS);
  }
}
loads.push(loadavg()[0].toFixed(2));

// Prisma per call against a prepared statement, in this process, for the session read by id.
const sessionId = learner.cookie.replace("session=", "");
const prismaDb = await openDb(url);
const CALLS = 2000;
const timeCpu = async (fn: () => unknown) => {
  for (let i = 0; i < 200; i++) await fn();
  const start = process.cpuUsage();
  for (let i = 0; i < CALLS; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / CALLS;
};
const prismaMs = await timeCpu(() => prismaDb.session.findUnique({ where: { id: sessionId }, select: { id: true, userId: true, expiresAt: true } }));
let rawMs: number | null = null;
if (url.startsWith("file:")) {
  const raw = new Database(url.replace(/^file:/, ""), { readonly: true });
  const statement = raw.prepare('SELECT "id", "userId", "expiresAt" FROM "Session" WHERE "id" = ?');
  rawMs = await timeCpu(() => statement.get(sessionId));
  raw.close();
}
await prismaDb.$disconnect();

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`\n${ROUNDS} rounds × ${REQUESTS} requests one at a time per layer; load average at each round's start and at the end: ${loads.join(", ")}`);
console.log("| layer | server CPU ms per request, median (rounds) |");
console.log("| --- | --- |");
for (const layer of layers) console.log(`| ${layer.name} | ${median(layer.samples).toFixed(2)} (${layer.samples.map((x) => x.toFixed(2)).join(", ")}) |`);
console.log(`\nsession read by primary key, CPU per call in one process (${CALLS} calls): Prisma ${prismaMs.toFixed(3)} ms` + (rawMs === null ? "" : `, better-sqlite3 prepared statement ${rawMs.toFixed(3)} ms`));
process.exit(0);
