import { openDb } from "../app/db.server.ts";
const db = await openDb("file:/tmp/scratch/bench.db");
(globalThis as any).__db = Promise.resolve(db);
const { dashboard } = await import("../app/organizations/reports.server.ts");
const { emptyFilters } = await import("../app/organizations/filters.ts");
const org = await db.organization.findUniqueOrThrow({ where: { slug: process.env.SLUG ?? "bench-001" } });
const orig = db.$queryRaw.bind(db);
(db as any).$queryRaw = (q: any) => { 
  let i = 0; const text = q.sql.replace(/\?/g, () => { const v = q.values[i++]; return v instanceof Date ? `'${v.toISOString().replace("Z", "+00:00")}'` : typeof v === "number" ? String(v) : `'${v}'`; });
  console.log("-----\n" + text + ";");
  return orig(q);
};
await dashboard(org.id, emptyFilters);
await db.$disconnect();
