// CPU of scheduler passes (docs/notifications.md, docs/performance.md). On a database filled by
// scripts/seed-large.ts:
//   DATABASE_URL=file:/tmp/bench.db npx tsx benchmarks/notify-pass.ts [--passes 3] [--full]
// The first pass brings the notices up to date (on a fresh database it writes them all); the next
// ones run a minute apart each and find nothing due: that is the cost every pass pays.
// --full measures the full scan (scheduleAll) instead of the incremental pass; --module <file> takes
// scheduleDue from another file (e.g. an older version of scheduler.server.ts, for a before/after).
import { readFileSync } from "node:fs";
import path from "node:path";
import { databaseUrl, openDb } from "../app/db.server.ts";

const moduleArg = process.argv.indexOf("--module");
const scheduler = (await import(moduleArg >= 0 ? path.resolve(process.argv[moduleArg + 1]) : "../app/notifications/scheduler.server.ts")) as Record<string, unknown>;

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const passes = arg("passes", 3);
const full = process.argv.includes("--full");
const load = () => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
const pass = (db: Awaited<ReturnType<typeof openDb>>, now: Date): Promise<number> => {
  const s = scheduler as Record<string, (db: unknown, now: Date) => Promise<number>>;
  return full && s.scheduleAll ? s.scheduleAll(db, now) : s.scheduleDue(db, now);
};

const db = await openDb(databaseUrl());
try {
  // after the last pass's watermark (an earlier run's passes are a minute apart, ahead of the clock):
  // a pass before it would be a full scan
  const watermark = typeof scheduler.readWatermark === "function" ? ((await (scheduler.readWatermark as (db: unknown) => Promise<Date | null>)(db)) ?? null) : null;
  const start = Math.max(Date.now(), (watermark?.getTime() ?? 0) + 60_000);
  for (let i = 0; i < passes; i++) {
    const now = new Date(start + i * 60_000);
    const loadBefore = load();
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    const created = await pass(db, now);
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    console.log(
      `pass ${i + 1}${full ? " (full)" : ""}: created ${created}, CPU ${Math.round((used.user + used.system) / 1000)} ms (user ${Math.round(used.user / 1000)}, system ${Math.round(used.system / 1000)}), wall ${Math.round(wall)} ms, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB, loadavg before ${loadBefore} / after ${load()}`,
    );
  }
} finally {
  await db.$disconnect();
}
