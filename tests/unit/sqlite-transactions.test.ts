// Write transactions on SQLite wait for another process's writer instead of failing with
// "database is locked" (app/db.server.ts, withImmediateTransactions): processes run read-then-write
// increments of one counter at the same moment; every transaction commits and none is lost.
// PostgreSQL does not need this (its transactions wait on row locks), and a plain read-then-write
// increment there is not serialized, so the test is SQLite's only.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { createTestDb } from "../db";
import type { Db } from "~/db.server";

const onPostgres = /^postgres/.test(process.env.TEST_DATABASE_URL ?? "");
let db: Db;
let url: string;
let cleanup: () => Promise<void>;

function incrementsInOtherProcess(count: number): Promise<{ failures: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "tests/fixtures/sqlite-counter.ts"],
      { env: { ...process.env, DATABASE_URL: url, COUNTER_USER_ID: "counter", INCREMENTS: String(count) } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ ...JSON.parse(stdout), stderr })),
    );
  });
}

describe.skipIf(onPostgres)("SQLite write transactions in several processes", () => {
  beforeAll(async () => {
    ({ db, url, cleanup } = await createTestDb());
    await db.user.create({ data: { id: "counter", email: "counter@example.org", name: "0", passwordHash: "not-used" } });
  });
  afterAll(() => cleanup());

  it("two processes, 40 read-then-write transactions each: all commit, the counter reaches 80", async () => {
    const results = await Promise.all([incrementsInOtherProcess(40), incrementsInOtherProcess(40)]);
    expect(results).toEqual(results.map((r) => ({ ...r, failures: 0 })));
    const { name } = await db.user.findUniqueOrThrow({ where: { id: "counter" }, select: { name: true } });
    expect(Number(name)).toBe(80);
  }, 60_000);
});
