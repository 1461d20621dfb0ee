import Database from "better-sqlite3";
import { refreshReportPairs } from "../app/organizations/summary.server.ts";
const file = "/tmp/bench100k/bench.db";
const raw = new Database(file, { readonly: true });
const e = raw.prepare(`SELECT "userId", "courseId" FROM "Enrolment" WHERE "completedAt" IS NOT NULL LIMIT 1 OFFSET 5000`).get() as { userId: string; courseId: string };
const captured: { sql: string; values: unknown[] }[] = [];
const fake = {
  $executeRaw: async (q: { sql: string; values: unknown[] }) => { captured.push(q); return 0; },
  $queryRaw: async () => [],
  _activeProvider: "sqlite",
};
await refreshReportPairs(fake as never, e);
for (const q of captured) {
  const values = q.values.map((v) => (v instanceof Date ? v.getTime() : v));
  const t = performance.now();
  const plan = raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(values as never[]));
  // time the SELECT part alone (read-only): the statement after INSERT INTO … (columns)
  let ms = "";
  const m = q.sql.match(/^\s*INSERT INTO "\w+" \([^)]*\)\s*([\s\S]*)$/);
  if (m) { const t0 = performance.now(); for (let i = 0; i < 10; i++) raw.prepare(m[1]).all(...(values as never[])); ms = ((performance.now() - t0) / 10).toFixed(2) + " ms"; }
  console.log("----", q.sql.replace(/\s+/g, " ").slice(0, 90), ms);
  for (const p of plan as { detail: string }[]) console.log("   ", p.detail);
}
