// Prepares a fresh throwaway database for end-to-end tests and benchmarks: drop/recreate it,
// migrate, seed the demo data, import the courses and the short test course.
//   DATABASE_URL=… node scripts/e2e-prepare.mjs     (or import { prepareDatabase })
import { execSync } from "node:child_process";
import { rmSync } from "node:fs";
import { pathToFileURL } from "node:url";

export async function prepareDatabase(url, { quiet = false } = {}) {
  const env = { ...process.env, DATABASE_URL: url };
  const run = (cmd, extra = {}) => execSync(cmd, { stdio: quiet ? "ignore" : "inherit", env: { ...env, ...extra } });
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
  run("node scripts/migrate.mjs");
  run("npx tsx scripts/seed.ts");
  run("npx tsx scripts/courses-import.ts");
  // plus a deliberately short course that the tests can complete quickly (only in throwaway databases)
  run("npx tsx scripts/courses-import.ts", { COURSES_DIR: "tests/fixtures/courses" });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await prepareDatabase(process.env.DATABASE_URL);
