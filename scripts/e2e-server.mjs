// Starts the production server on a fresh throwaway database for the end-to-end tests:
// drop/recreate the database, migrate, seed, import the courses (and the test fixtures), serve.
import { execSync } from "node:child_process";
import { rmSync } from "node:fs";

const url = process.env.DATABASE_URL;
const run = (cmd) => execSync(cmd, { stdio: "inherit", env: process.env });

if (url.startsWith("file:")) {
  const file = url.slice("file:".length);
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
} else {
  // PostgreSQL: recreate the database named in the URL from the maintenance database.
  const target = new URL(url);
  const name = target.pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
}
// emails of this run go to their own outbox folder (read on /admin/outbox), emptied at each start
process.env.MAIL_OUTBOX_DIR ??= `.data/e2e-outbox-${process.env.PORT ?? 3000}`;
rmSync(process.env.MAIL_OUTBOX_DIR, { recursive: true, force: true });
run("npx prisma migrate deploy");
run("npx tsx scripts/seed.ts");
run("npx tsx scripts/courses-import.ts");
// plus a deliberately short course that the tests can complete quickly (only in this throwaway database)
execSync("npx tsx scripts/courses-import.ts", { stdio: "inherit", env: { ...process.env, COURSES_DIR: "tests/fixtures/courses" } });
await import("../server.mjs");
