// Write transactions on SQLite wait for another process's writer instead of failing with
// "database is locked" (app/db.server.ts, withImmediateTransactions): processes run read-then-write
// increments of one counter at the same moment; every transaction commits and none is lost.
// PostgreSQL does not need this (its transactions wait on row locks), and a plain read-then-write
// increment there is not serialized, so the test is SQLite's only.
// In one process, the adapter's single connection: a statement outside a transaction, sent while
// another request's interactive transaction is open, waits for it to end instead of joining it — a
// write is not undone by the other's rollback, a read does not see its uncommitted rows.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { createTestDb } from "../db";
import { sqltag as sql } from "@prisma/client/runtime/client";
import { readRows, type Db } from "~/db.server";

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

describe.skipIf(onPostgres)("SQLite: statements outside a transaction, while one is open in the same process", () => {
  beforeAll(async () => {
    ({ db, url, cleanup } = await createTestDb());
    await db.user.create({ data: { id: "u", email: "u@example.org", name: "before", passwordHash: "not-used" } });
  });
  afterAll(() => cleanup());

  /** An interactive transaction that renames the user, then holds until `release`, then rolls back. */
  function openTransaction() {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let renamed!: () => void;
    const didRename = new Promise<void>((resolve) => (renamed = resolve));
    const done = db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: "u" }, data: { name: "uncommitted" } });
        renamed();
        await held;
        throw new Error("rolled back");
      })
      .catch((error: Error) => error.message);
    return { release, didRename, done };
  }

  it("a write waits for the open transaction and is kept when that one rolls back", async () => {
    for (const write of [
      () => db.$executeRaw(sql`INSERT INTO "LoginFailure" ("key", "createdAt") VALUES (${"outside"}, ${new Date()})`),
      () => db.organization.create({ data: { id: "o", slug: "o", name: "Outside", kind: "MUNICIPALITY" } }),
    ]) {
      const transaction = openTransaction();
      await transaction.didRename;
      // sent now (a Prisma query runs when awaited), alone in its tick (the client batches a tick's queries)
      const written = Promise.resolve(write());
      setTimeout(transaction.release, 100);
      expect(await transaction.done).toBe("rolled back");
      await written;
    }
    expect(await db.loginFailure.count({ where: { key: "outside" } })).toBe(1);
    expect(await db.organization.count({ where: { id: "o" } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: "u" } })).name).toBe("before");
  });

  it("writes waiting for one transaction do not slip into the next ones, which roll back", async () => {
    // transactions queue on the adapter's one connection; each begins the moment the one before ends.
    // Writes sent meanwhile must run between them, never inside one.
    const first = openTransaction();
    await first.didRename;
    const rollbacks = Array.from({ length: 10 }, (_, i) =>
      db
        .$transaction(async (tx) => {
          await tx.user.update({ where: { id: "u" }, data: { name: `queued ${i}` } });
          throw new Error("rolled back");
        })
        .catch((error: Error) => error.message),
    );
    const writes = Array.from({ length: 30 }, (_, i) =>
      Promise.resolve(db.$executeRaw(sql`INSERT INTO "LoginFailure" ("key", "createdAt") VALUES (${`between-${i}`}, ${new Date()})`)),
    );
    setTimeout(first.release, 50);
    expect(await first.done).toBe("rolled back");
    expect(await Promise.all(rollbacks)).toEqual(rollbacks.map(() => "rolled back"));
    expect(await Promise.all(writes)).toEqual(writes.map(() => 1));
    expect(await db.loginFailure.count({ where: { key: { startsWith: "between-" } } })).toBe(30);
    expect((await db.user.findUniqueOrThrow({ where: { id: "u" } })).name).toBe("before");
  });

  it("a read waits for the open transaction and never sees its uncommitted rows", async () => {
    const transaction = openTransaction();
    await transaction.didRename;
    const viaModel = Promise.resolve(db.user.findUniqueOrThrow({ where: { id: "u" }, select: { name: true } }));
    const viaReadRows = readRows<{ name: string }>(db, sql`SELECT "name" FROM "User" WHERE "id" = ${"u"}`);
    setTimeout(transaction.release, 100);
    expect((await viaModel).name).toBe("before");
    expect((await viaReadRows)[0]!.name).toBe("before");
    expect(await transaction.done).toBe("rolled back");
  });

  it("transactions one after another, with reads and writes between them, all complete", async () => {
    const work = Array.from({ length: 20 }, (_, i) =>
      i % 2
        ? db.$transaction(async (tx) => {
            const { name } = await tx.user.findUniqueOrThrow({ where: { id: "u" }, select: { name: true } });
            await tx.user.update({ where: { id: "u" }, data: { name: `${name}+` } });
          })
        : db.user.findUniqueOrThrow({ where: { id: "u" } }),
    );
    await Promise.all(work);
    const { name } = await db.user.findUniqueOrThrow({ where: { id: "u" }, select: { name: true } });
    expect(name).toBe("before++++++++++");
  });
});
