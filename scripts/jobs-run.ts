// npm run jobs:run — one notification pass (schedule due notices, send pending emails), then exit.
// For cron, or to run the jobs by hand; safe beside running app processes (docs/notifications.md).
// --full: schedule from a full scan of every assignment instead of from the last pass's watermark.
import { databaseUrl, openDb } from "../app/db.server.ts";
import { runPass } from "../app/notifications/runner.server.ts";
import { mailConfigFromEnv } from "../app/notifications/mailer.server.ts";

const db = await openDb(databaseUrl());
try {
  const config = mailConfigFromEnv();
  console.log(config.kind === "smtp" ? `SMTP ${config.host}:${config.port}` : `outbox folder ${config.dir}`);
  const result = await runPass({ db, full: process.argv.includes("--full") });
  console.log(`notifications created: ${result.created}, emails sent: ${result.sent}, retrying: ${result.retrying}, failed: ${result.failed}`);
} finally {
  await db.$disconnect();
}
