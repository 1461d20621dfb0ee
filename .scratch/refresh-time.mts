import { databaseUrl, openDb } from "../app/db.server.ts";
import { refreshReportPairs } from "../app/organizations/summary.server.ts";
const db = await openDb(databaseUrl());
const enrolments = await db.enrolment.findMany({ where: { completedAt: { not: null } }, select: { userId: true, courseId: true }, take: 60, skip: 5000 });
const times: number[] = [];
for (const e of enrolments) {
  const t = performance.now();
  await db.$transaction((tx) => refreshReportPairs(tx, e, { pairsOnly: process.argv.includes("--pairs") }));
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
console.log(`refresh {userId, courseId} in a transaction: median ${times[30].toFixed(2)} ms, p95 ${times[57].toFixed(2)} ms`);
await db.$disconnect();
