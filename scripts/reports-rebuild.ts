// Recomputes the municipal reports' summaries (ReportPair, ReportCompletion, ReportExpiry) from the
// source tables: assignments, memberships, enrolments, certificates. The app keeps them up to date in
// the transactions that change those (app/organizations/summary.server.ts); this is for databases from
// before the summaries, data loaded around the app (bulk imports, seed-large), or a check.
// Idempotent; one transaction.
//   npm run reports:rebuild            (DATABASE_URL as for the app)
import { databaseUrl, openDb } from "../app/db.server.ts";
import { rebuildReportSummaries } from "../app/organizations/summary.server.ts";

const db = await openDb(databaseUrl());
try {
  const started = Date.now();
  await db.$transaction((tx) => rebuildReportSummaries(tx), { timeout: 30 * 60_000, maxWait: 60_000 });
  const [pairs, completions, expiries] = await Promise.all([db.reportPair.count(), db.reportCompletion.count(), db.reportExpiry.count()]);
  console.log(
    `Reports summaries rebuilt in ${Math.round((Date.now() - started) / 100) / 10} s: ${pairs} assigned person × course rows, ${completions} completions, ${expiries} certificate expiries.`,
  );
} finally {
  await db.$disconnect();
}
