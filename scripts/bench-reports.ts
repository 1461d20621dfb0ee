// Measures the municipal reports on a large dataset (scripts/seed-large.ts): the dashboard and a
// 50-row page of the staff report, for the largest, a middle-sized and the smallest municipality.
//
//   npx remix build
//   DATABASE_URL=file:./bench.db npx tsx scripts/bench-reports.ts [--runs 30] [--http]
//
// In-process, the production build's root and page loaders run together on one Request, as Remix
// runs them for a page, and every SQL statement Prisma sends is counted. With --http the production
// server is started too and whole pages (HTML rendered) are timed over HTTP.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { databaseUrl, isPostgres, sqlitePragmas, type Db } from "../app/db.server.ts";

const RUNS = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 30;
const HTTP = process.argv.includes("--http");
process.env.NODE_ENV = "production";
process.env.SESSION_SECRET ??= "benchmark-session-secret-of-at-least-32-chars";
process.env.COOKIE_SECURE = "false";

// One Prisma client that counts statements, installed where app/db.server.ts looks for its client.
let statements = 0;
async function countingDb(url: string): Promise<Db> {
  const options = { log: [{ emit: "event" as const, level: "query" as const }] };
  let client: Db;
  if (isPostgres()) {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([import("../generated/postgres/client.ts"), import("@prisma/adapter-pg")]);
    // the same connection options as the application's (app/db.server.ts: JIT off)
    client = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }), ...options }) as unknown as Db;
  } else {
    const [{ PrismaClient }, { PrismaBetterSQLite3 }] = await Promise.all([import("../generated/sqlite/client.ts"), import("@prisma/adapter-better-sqlite3")]);
    client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }), ...options }) as unknown as Db;
    // the same connection settings as the application's (page cache size, WAL)
    await sqlitePragmas(client);
  }
  (client as unknown as { $on(event: "query", cb: (e: { query: string; duration: number }) => void): void }).$on("query", (e) => {
    statements++;
    if (process.env.BENCH_LOG) console.error(`  [${e.duration} ms] ${e.query.replace(/\s+/g, " ").slice(0, 160)}`);
  });
  return client;
}

const url = databaseUrl();
const db = await countingDb(url);
(globalThis as { __db?: Promise<Db> }).__db = Promise.resolve(db);
// @ts-expect-error the production build has no type declarations
const build = (await import("../build/index.js")) as { routes: Record<string, { module: { loader: (args: unknown) => Promise<unknown> } }> };

type Case = { name: string; route: string; path: (slug: string, extra: { departmentId: string; courseId: string }) => string };
const cases: Case[] = [
  { name: "dashboard", route: "routes/manage.$org._index", path: (s) => `/manage/${s}` },
  { name: "dashboard, filtered by department and course", route: "routes/manage.$org._index", path: (s, x) => `/manage/${s}?department=${x.departmentId}&course=${x.courseId}` },
  { name: "staff report, page 1 (50 rows)", route: "routes/manage.$org.staff._index", path: (s) => `/manage/${s}/staff` },
  { name: "staff report, page 10", route: "routes/manage.$org.staff._index", path: (s) => `/manage/${s}/staff?page=10` },
  { name: "staff report, overdue only", route: "routes/manage.$org.staff._index", path: (s) => `/manage/${s}/staff?status=overdue` },
];

const orgs = await db.organization.findMany({
  where: { slug: { startsWith: "bench-" } },
  select: { id: true, slug: true, _count: { select: { memberships: true } } },
  orderBy: { slug: "asc" },
});
if (orgs.length === 0) throw new Error("No benchmark municipalities: run scripts/seed-large.ts on this database first.");
const bySize = [...orgs].sort((a, b) => b._count.memberships - a._count.memberships);
const chosen = [bySize[0], bySize[Math.floor(bySize.length / 2)], bySize[bySize.length - 1]];
const totals = {
  users: await db.user.count(),
  enrolments: await db.enrolment.count(),
  lessons: await db.lessonProgress.count(),
  certificates: await db.certificate.count(),
};

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((values.length * p) / 100))];
const results: string[] = [];
const sessions: Record<string, string> = {};

for (const org of chosen) {
  const manager = await db.membership.findFirstOrThrow({ where: { organizationId: org.id, role: "MANAGER" }, select: { userId: true } });
  const sessionId = randomBytes(20).toString("hex");
  await db.session.create({ data: { id: sessionId, userId: manager.userId, expiresAt: new Date(Date.now() + 30 * 86_400_000) } });
  sessions[org.slug] = sessionId;
  const department = await db.department.findFirstOrThrow({ where: { organizationId: org.id }, select: { id: true } });
  const assignment = await db.assignment.findFirstOrThrow({ where: { organizationId: org.id }, select: { courseId: true } });
  for (const c of cases) {
    const path = c.path(org.slug, { departmentId: department.id, courseId: assignment.courseId });
    const times: number[] = [];
    const cpu: number[] = [];
    const counts: number[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const request = new Request(`http://localhost${path}`, { headers: { Cookie: `session=${sessionId}`, "Accept-Language": "en" } });
      const args = { request, params: { org: org.slug }, context: {} };
      statements = 0;
      const started = performance.now();
      const cpuStart = process.cpuUsage();
      await Promise.all([build.routes.root.module.loader(args), build.routes[c.route].module.loader(args)]);
      if (i >= 3) {
        times.push(performance.now() - started);
        const used = process.cpuUsage(cpuStart);
        cpu.push((used.user + used.system) / 1000);
        counts.push(statements);
      }
    }
    results.push(
      `| ${org.slug} | ${org._count.memberships} | ${c.name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${percentile(cpu, 50).toFixed(1)} | ${Math.min(...counts)}${Math.max(...counts) !== Math.min(...counts) ? `–${Math.max(...counts)}` : ""} |`,
    );
    console.error(results.at(-1));
  }
}

let httpResults: string[] = [];
if (HTTP) {
  const port = 3300 + Math.floor(Math.random() * 500);
  // without the notifications pass, which would run beside the measured pages (docs/notifications.md)
  const server = spawn("node", ["server.mjs"], { env: { ...process.env, PORT: String(port), DATABASE_URL: url, NOTIFICATIONS_INTERVAL_SECONDS: "0" }, stdio: ["ignore", "ignore", "inherit"] });
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(`http://localhost:${port}/healthz`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const org of chosen) {
      for (const c of cases.filter((x) => !x.name.includes("filtered"))) {
        const path = c.path(org.slug, { departmentId: "", courseId: "" });
        const times: number[] = [];
        for (let i = 0; i < RUNS + 3; i++) {
          const started = performance.now();
          const response = await fetch(`http://localhost:${port}${path}`, { headers: { Cookie: `session=${sessions[org.slug]}`, "Accept-Language": "en" } });
          const html = await response.text();
          if (response.status !== 200) throw new Error(`${path}: ${response.status} ${html.slice(0, 200)}`);
          if (i >= 3) times.push(performance.now() - started);
        }
        httpResults.push(`| ${org.slug} | ${org._count.memberships} | ${c.name} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`);
        console.error(httpResults.at(-1));
      }
    }
  } finally {
    server.kill("SIGTERM");
  }
}

await db.session.deleteMany({ where: { id: { in: Object.values(sessions) } } });
console.log(`\nDatabase: ${isPostgres() ? "PostgreSQL" : "SQLite"} — ${totals.users} users, ${orgs.length} benchmark municipalities, ${totals.enrolments} enrolments, ${totals.lessons} lesson progress rows, ${totals.certificates} certificates. ${RUNS} runs each.\n`);
console.log("In-process (root + page loaders, as for one page request):\n");
// CPU = this process's CPU time (median): with SQLite it includes the database work, and it is less
// disturbed than wall-clock time by other work on the machine.
console.log("| municipality | members | page | median ms | p95 ms | CPU ms | SQL statements |");
console.log("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
for (const line of results) console.log(line);
if (HTTP) {
  console.log("\nOver HTTP (production server, whole HTML page):\n");
  console.log("| municipality | members | page | median ms | p95 ms |");
  console.log("| --- | ---: | --- | ---: | ---: |");
  for (const line of httpResults) console.log(line);
}
await db.$disconnect();
