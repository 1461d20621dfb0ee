// A throwaway database with the real migrations applied, for unit tests that need one.
// SQLite by default; PostgreSQL when TEST_DATABASE_URL=postgresql://… (a fresh database is created
// beside the one named there, and dropped afterwards).
import Database from "better-sqlite3";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openDb, type Db } from "~/db.server";

function migrationScripts(folder: string): string[] {
  return readdirSync(folder)
    .filter((n) => /^\d/.test(n))
    .sort()
    .map((name) => readFileSync(path.join(folder, name, "migration.sql"), "utf8"));
}

export async function createTestDb(): Promise<{ db: Db; url: string; cleanup: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (base && /^postgres(ql)?:/.test(base)) {
    const name = `test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    for (const sql of migrationScripts(path.resolve("prisma/postgres/migrations"))) await client.query(sql);
    await client.end();
    const db = await openDb(url.toString());
    return {
      db,
      url: url.toString(),
      cleanup: async () => {
        await db.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "rights-academy-test-"));
  const file = path.join(dir, "test.db");
  const sqlite = new Database(file);
  for (const sql of migrationScripts(path.resolve("prisma/migrations"))) sqlite.exec(sql);
  sqlite.close();
  const url = `file:${file}`;
  const db = await openDb(url);
  return {
    db,
    url,
    cleanup: async () => {
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A throwaway database that the app's own getDb() also returns, for tests of *.server.ts code. */
export async function useTestDbAsAppDb() {
  const test = await createTestDb();
  (globalThis as unknown as { __db?: Promise<Db> }).__db = Promise.resolve(test.db);
  return {
    ...test,
    cleanup: async () => {
      (globalThis as unknown as { __db?: Promise<Db> }).__db = undefined;
      await test.cleanup();
    },
  };
}
