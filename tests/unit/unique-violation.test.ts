// isUniqueViolation (app/db.server.ts) recognises the error a real unique constraint raises on the
// engine under test (SQLite, or PostgreSQL with TEST_DATABASE_URL), and nothing else.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../db";
import { isUniqueViolation, type Db } from "~/db.server";

let db: Db;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
});
afterAll(() => cleanup());

async function errorOf(write: () => Promise<unknown>): Promise<unknown> {
  try {
    await write();
  } catch (error) {
    return error;
  }
  throw new Error("the write was expected to fail");
}

describe("isUniqueViolation", () => {
  it("is true for a write refused by a unique constraint, inside a transaction too", async () => {
    const user = { email: "twice@example.org", name: "Twice", passwordHash: "not-used" };
    await db.user.create({ data: { id: "first", ...user } });
    expect(isUniqueViolation(await errorOf(() => db.user.create({ data: { id: "second", ...user } })))).toBe(true);
    const inTransaction = await errorOf(() => db.$transaction(async (tx) => tx.user.create({ data: { id: "third", ...user } })));
    expect(isUniqueViolation(inTransaction)).toBe(true);
  });

  it("is false for other failures and for values that are not errors", async () => {
    const missing = await errorOf(() => db.user.update({ where: { id: "nobody" }, data: { name: "x" } }));
    expect(isUniqueViolation(missing)).toBe(false);
    for (const value of [new Error("P2002"), { code: "P2025" }, "P2002", null, undefined, 42]) expect(isUniqueViolation(value)).toBe(false);
    expect(isUniqueViolation({ code: "P2002" })).toBe(true);
  });
});
