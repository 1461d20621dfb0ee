// Backup and restore on the engine of the test databases (SQLite by default, PostgreSQL when
// TEST_DATABASE_URL is set): a restored copy has the same rows, column for column, in every table
// that the database's catalogue lists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { useTestDbAsAppDb } from "../db";
import type { Db } from "~/db.server";
import { Prisma } from "../../generated/sqlite/client.ts";
import { seedDemo } from "~/demo/demo-data.server";
import { loadCourse } from "~/courses/files.server";
import { importCourse } from "~/courses/import.server";
import { completeLesson, enrol } from "~/learning/enrolment.server";
import { getVersionContent } from "~/courses/versions.server";
import { answerQuestion, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { backupDatabase, engineOf, nonEmptyTables, restoreDatabase, tableFingerprints } from "~/ops/database.server";

let db: Db;
let url: string;
let cleanup: () => Promise<void>;
const dir = mkdtempSync(path.join(tmpdir(), "rights-academy-backup-"));
const extraDatabases: string[] = [];

/** A database URL that does not exist yet, beside the test database. */
function freshUrl(): string {
  if (engineOf(url) === "sqlite") return `file:${path.join(dir, `restored-${randomBytes(4).toString("hex")}.db`)}`;
  const u = new URL(url);
  u.pathname = `/test_restore_${randomBytes(6).toString("hex")}`;
  extraDatabases.push(u.toString());
  return u.toString();
}

const right: Record<string, string[]> = {
  "who-holds-rights": ["everyone"],
  duties: ["respect", "protect", "fulfil"],
  "local-role": ["true"],
  steps: ["analyse", "plan", "budget", "monitor"],
};

beforeAll(async () => {
  process.env.CERT_KEYS_FILE = path.join(dir, "keys.json");
  ({ db, url, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
  if (!loaded.ok) throw new Error("fixture course invalid");
  await importCourse(loaded.content, loaded.hash, db);
  // learning activity: two learners read, one passes the quiz (certificate), one fails it
  for (const [email, pass] of [["learner@demo.test", true], ["manager@demo.test", false]] as const) {
    const userId = (await db.user.findUniqueOrThrow({ where: { email } })).id;
    const e = (await enrol(userId, "short-course"))!;
    const content = await getVersionContent(e.courseVersionId);
    await completeLesson(e.id, "essentials", "rights-holders", 30);
    await completeLesson(e.id, "essentials", "duty-bearers", 45);
    const enrolled = { id: e.id, courseVersionId: e.courseVersionId, userId };
    const started = await startAttempt(enrolled, content, "essentials", "en");
    if (!started.ok) throw new Error(started.errors[0]?.key);
    for (const q of started.questions) {
      await answerQuestion(enrolled, content, "essentials", { attemptId: started.attemptId, questionKey: q.key, answer: pass ? right[q.key] : [q.options[0].key === right[q.key][0] ? q.options[1].key : q.options[0].key] }, "en");
    }
    const submitted = await submitAttempt(enrolled, content, "essentials", { attemptId: started.attemptId, idempotencyKey: `backup-test-${email}` }, "en");
    expect(submitted.ok && submitted.result.passed).toBe(pass);
  }
});

afterAll(async () => {
  await cleanup();
  if (engineOf(url) === "postgresql") {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    for (const u of extraDatabases) await admin.query(`DROP DATABASE IF EXISTS "${new URL(u).pathname.slice(1)}" WITH (FORCE)`);
    await admin.end();
  }
  rmSync(dir, { recursive: true, force: true });
});

describe(`backup and restore (${process.env.TEST_DATABASE_URL?.startsWith("postgres") ? "PostgreSQL" : "SQLite"})`, () => {
  it("a backup restored into a fresh database has the same rows in every table", async () => {
    const before = await tableFingerprints(url);
    // the catalogue's tables, not a hand-kept list: every model of the schema is there
    expect(Object.keys(before)).toEqual(expect.arrayContaining(Object.values(Prisma.ModelName)));
    for (const table of ["User", "Enrolment", "LessonProgress", "QuizAttempt", "QuizResponse", "Certificate"]) {
      expect(before[table]?.rows, table).toBeGreaterThan(0);
    }

    const file = path.join(dir, `backup.${engineOf(url) === "sqlite" ? "sqlite" : "pgdump"}`);
    const backup = await backupDatabase(url, file);
    expect(backup.tables).toBe(Object.keys(before).length);
    await expect(backupDatabase(url, file)).rejects.toThrow(/already exists/);

    // the live database keeps changing after the backup; the copy must not
    await db.user.update({ where: { email: "learner@demo.test" }, data: { name: "Changed After Backup" } });

    const target = freshUrl();
    const restored = await restoreDatabase(target, file);
    expect(restored.created).toBe(true);
    expect(await tableFingerprints(target)).toEqual(before);
  });

  it("refuses to overwrite a database that holds data, unless forced", async () => {
    const file = path.join(dir, `second.${engineOf(url) === "sqlite" ? "sqlite" : "pgdump"}`);
    await backupDatabase(url, file);
    const target = freshUrl();
    await restoreDatabase(target, file);
    const restoredOnce = await tableFingerprints(target);
    expect(await nonEmptyTables(target)).toContain("User");
    await expect(restoreDatabase(target, file)).rejects.toThrow(/not empty.*Nothing was changed.*--force/s);
    expect(await tableFingerprints(target)).toEqual(restoredOnce);
    const forced = await restoreDatabase(target, file, { force: true });
    expect(forced.replaced).toContain("User");
    expect(await tableFingerprints(target)).toEqual(restoredOnce);
  });

  it("refuses a file that is not a backup and changes nothing", async () => {
    const target = freshUrl();
    await expect(restoreDatabase(target, path.join(dir, "missing.backup"))).rejects.toThrow(/no backup/);
    await expect(restoreDatabase(target, path.resolve("package.json"))).rejects.toThrow();
    expect(await nonEmptyTables(target)).toEqual([]);
  });
});
