import { databaseUrl, openDb } from "../app/db.server.ts";
import { dashboard } from "../app/organizations/reports.server.ts";
import { emptyFilters } from "../app/organizations/filters.ts";
const db = await openDb(databaseUrl());
(globalThis as { __db?: unknown }).__db = Promise.resolve(db);
const org = await db.organization.findFirstOrThrow({ where: { slug: "bench-001" } });
const times: number[] = [];
for (let i = 0; i < Number(process.argv[2] ?? 20); i++) {
  const t = performance.now();
  await dashboard(org.id, emptyFilters);
  times.push(Math.round(performance.now() - t));
}
console.log(times.join(" "));
await db.$disconnect();
