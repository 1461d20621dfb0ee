// The compiled statements kept for the SQLite adapter (app/db.server.ts, reusingStatements): the same
// SQL text is compiled once, each use gets its own arguments, a failed statement can run again, the
// least recently used are dropped beyond the limit, and a kept statement follows a schema change.
// Then the whole data layer on top of it: Prisma's model queries, raw reads and a transaction.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../db";
import { reusingStatements } from "~/db.server";

type Prepare = Parameters<typeof reusingStatements>[0];
const onPostgres = /^postgres/.test(process.env.TEST_DATABASE_URL ?? "");

function counted(db: InstanceType<typeof Database>) {
  const compiled: string[] = [];
  const prepare = reusingStatements(((sql: string) => {
    compiled.push(sql);
    return db.prepare(sql);
  }) as unknown as Prepare);
  // the adapter's two ways of reading and writing (@prisma/adapter-better-sqlite3 6.19, performIO/executeIO)
  const read = (sql: string, args: unknown[]) => prepare(sql).bind(args).raw().all();
  const write = (sql: string, args: unknown[]) => prepare(sql).bind(args).run();
  return { compiled, prepare, read, write };
}

describe("kept SQLite statements", () => {
  let db: InstanceType<typeof Database>;
  beforeAll(() => {
    db = new Database(":memory:");
    db.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)");
  });
  afterAll(() => db.close());

  it("compiles a text once and runs it with each use's own arguments", () => {
    const { compiled, read, write } = counted(db);
    for (const [id, name] of [[1, "a"], [2, "b"], [3, "c"]] as const) write("INSERT INTO t (id, name) VALUES (?, ?)", [id, name]);
    expect(read("SELECT name FROM t WHERE id = ?", [2])).toEqual([["b"]]);
    expect(read("SELECT name FROM t WHERE id = ?", [3])).toEqual([["c"]]);
    expect(read("SELECT name FROM t WHERE id = ?", [9])).toEqual([]);
    expect(compiled).toEqual(["INSERT INTO t (id, name) VALUES (?, ?)", "SELECT name FROM t WHERE id = ?"]);
  });

  it("tells readers from writers, gives the columns, and runs a statement without arguments", () => {
    const { prepare } = counted(db);
    const select = prepare("SELECT id, name FROM t ORDER BY id").bind([]);
    expect(select.reader).toBe(true);
    expect(select.columns()).toMatchObject([{ name: "id" }, { name: "name" }]);
    expect(prepare("DELETE FROM t WHERE id = ?").bind([0]).reader).toBe(false);
    expect(prepare("SELECT count(*) FROM t").raw().all()).toEqual([[3]]);
  });

  it("a statement that failed runs again", () => {
    const { compiled, write, read } = counted(db);
    expect(() => write("INSERT INTO t (id, name) VALUES (?, ?)", [4, "a"])).toThrow(/UNIQUE/);
    write("INSERT INTO t (id, name) VALUES (?, ?)", [4, "d"]);
    expect(read("SELECT name FROM t WHERE id = ?", [4])).toEqual([["d"]]);
    expect(compiled.filter((sql) => sql.startsWith("INSERT"))).toHaveLength(1);
  });

  it("keeps the 500 most recently used texts", () => {
    const { compiled, read } = counted(db);
    const text = (n: number) => `SELECT ${n} FROM t WHERE id = ?`;
    for (let n = 0; n < 500; n++) read(text(n), [1]);
    read(text(0), [1]); // used again: now the most recent
    read(text(500), [1]); // the 501st: text(1), the least recently used, is dropped
    expect(compiled).toHaveLength(501);
    read(text(0), [1]);
    expect(compiled).toHaveLength(501);
    read(text(1), [1]);
    expect(compiled).toHaveLength(502);
  });

  it("a kept statement follows a change of the schema", () => {
    const { read } = counted(db);
    expect(read("SELECT * FROM t WHERE id = ?", [1])).toEqual([[1, "a"]]);
    db.exec("ALTER TABLE t ADD COLUMN note TEXT DEFAULT 'n'");
    expect(read("SELECT * FROM t WHERE id = ?", [1])).toEqual([[1, "a", "n"]]);
  });
});

describe.skipIf(onPostgres)("the data layer on kept statements", () => {
  let cleanup: () => Promise<void>;
  let client: Awaited<ReturnType<typeof createTestDb>>["db"];
  beforeAll(async () => {
    ({ db: client, cleanup } = await createTestDb());
  });
  afterAll(() => cleanup());

  it("model queries, raw reads and a rolled-back transaction read what was written", async () => {
    for (const n of [1, 2, 3]) await client.user.create({ data: { id: `u${n}`, email: `u${n}@example.org`, name: `User ${n}`, passwordHash: "x" } });
    for (const n of [1, 2, 3]) expect((await client.user.findUnique({ where: { id: `u${n}` } }))?.name).toBe(`User ${n}`);
    const rows = await client.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id IN (${"u1"}, ${"u3"}) ORDER BY id`;
    expect(rows.map((r) => r.id)).toEqual(["u1", "u3"]);
    await expect(
      client.$transaction(async (tx) => {
        await tx.user.update({ where: { id: "u2" }, data: { name: "changed" } });
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect((await client.user.findUnique({ where: { id: "u2" } }))?.name).toBe("User 2");
    await expect(client.user.create({ data: { id: "u4", email: "u1@example.org", name: "dup", passwordHash: "x" } })).rejects.toThrow();
    expect(await client.user.count()).toBe(3);
  });
});
