// One Prisma client per process. Provider picked at runtime from DATABASE_URL:
//   file:...        -> generated/sqlite client + better-sqlite3
//   postgresql://.. -> generated/postgres client + @prisma/adapter-pg
import type { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";

export type Db = SqliteClient; // the PostgreSQL client has the same model API for this schema
export type { Prisma } from "../generated/sqlite/client.ts";

export const databaseUrl = () => process.env.DATABASE_URL ?? "file:./platform.db";
export const isPostgres = () => /^postgres(ql)?:\/\//.test(databaseUrl());

async function createDb(url: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../generated/postgres/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    // JIT compilation made the large-municipality dashboard 3x slower (docs/performance.md)
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, options: "-c jit=off" }) }) as unknown as Db;
  }
  const { PrismaClient } = await import("../generated/sqlite/client.ts");
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
  // WAL: readers never wait for the writer and a commit costs one append, not a full journal
  // fsync; synchronous=NORMAL is durable across process crashes in WAL mode (only an OS crash
  // can lose the last commits). busy_timeout lets concurrent writers queue instead of failing.
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  return client;
}

// globalThis cache survives `remix dev` rebuilds
const g = globalThis as unknown as { __db?: Promise<Db> };
export function getDb(): Promise<Db> {
  return (g.__db ??= createDb(databaseUrl()));
}

/** For scripts and tests that manage their own database. */
export function openDb(url: string): Promise<Db> {
  return createDb(url);
}
