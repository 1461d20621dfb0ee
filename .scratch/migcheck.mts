import { databaseUrl, openDb } from "../app/db.server.ts";
import { readReportSummaries, rebuildReportPairs } from "../app/organizations/summary.server.ts";
const db = await openDb(databaseUrl());
const filled = await readReportSummaries(db);
await rebuildReportPairs(db);
const rebuilt = await readReportSummaries(db);
console.log(filled.completions.length, filled.expiries.length, JSON.stringify(filled.completions) === JSON.stringify(rebuilt.completions), JSON.stringify(filled.expiries) === JSON.stringify(rebuilt.expiries));
await db.$disconnect();
