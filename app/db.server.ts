// One Prisma client per process. Provider picked at runtime from DATABASE_URL:
//   file:...        -> generated/sqlite client + better-sqlite3
//   postgresql://.. -> generated/postgres client + @prisma/adapter-pg
import type { Prisma, PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import { ColumnTypeEnum, type ArgType, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { Decimal, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { sqliteCacheMbSchema } from "./env.server";

export type Db = SqliteClient; // the PostgreSQL client has the same model API for this schema
export type { Prisma } from "../generated/sqlite/client.ts";
/**
 * What an area function that can run inside another's transaction accepts: the client, or the `tx` of
 * an interactive transaction. The convention (docs/architecture.md): area functions get the client
 * themselves (`getDb()`) and take an optional last `db` argument only where a caller needs to pass a
 * transaction (or a test its own database).
 */
export type DbClient = Prisma.TransactionClient;

export const databaseUrl = () => process.env.DATABASE_URL ?? "file:./platform.db";
export const isPostgres = () => /^postgres(ql)?:\/\//.test(databaseUrl());

/** The engine of a client itself (tests hand the app a database that DATABASE_URL does not name). */
export const onPostgres = (db: Db) => (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";

/**
 * PostgreSQL: waits for the advisory lock named `key`, then holds it until the transaction `tx` ends
 * (commit or rollback), across connections and processes. Transactions taking the same key run that
 * part one at a time; other keys do not wait. (The function returns void, which Prisma cannot read:
 * hence the constant selected around it.) SQLite needs no such lock: its write transactions already
 * run one at a time (BEGIN IMMEDIATE, below).
 */
export async function lockUntilCommit(tx: Pick<DbClient, "$queryRaw">, key: string): Promise<void> {
  await tx.$queryRaw(sql`SELECT 1 AS "locked" FROM (SELECT pg_advisory_xact_lock(hashtext(${key}))) AS l`);
}

/**
 * Filters for "the field contains `q`, whatever the case", the same on both engines; use as
 * `{ OR: containsIgnoringCase(db, q).map((f) => ({ name: f })) }`. PostgreSQL's `contains` is
 * case-sensitive (LIKE), so it gets ILIKE (`mode: "insensitive"`). SQLite's LIKE ignores case for
 * ASCII letters only, and PostgreSQL's ILIKE depends on the database's locale, so on both the query is
 * also tried lower-cased, upper-cased and with each word capitalised: that finds "Élodie" for
 * "élodie" and "Мария" for "мария", as names are written.
 */
export function containsIgnoringCase(db: Db, q: string): { contains: string }[] {
  const capitalised = q.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
  const variants = [...new Set([q, q.toLowerCase(), q.toUpperCase(), capitalised])];
  return variants.map((contains) => (onPostgres(db) ? ({ contains, mode: "insensitive" } as { contains: string }) : { contains }));
}

// Prisma's default interactive transaction bound is 5 s of wall clock. On a loaded two-core machine
// a legitimate transaction (a draft copying a six-language course) passed it by 150 ms and the
// author's click failed; the bound is for runaway transactions, so it is set well above any real one.
const transactionOptions = { maxWait: 15_000, timeout: 30_000 };

async function createDb(url: string): Promise<Db> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../generated/postgres/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    const connection: Connection = {};
    // JIT compilation made the large-municipality dashboard 3x slower (docs/performance.md)
    const factory = new PrismaPg({ connectionString: url, options: "-c jit=off" });
    const client = new PrismaClient({ adapter: keepingConnection(factory, connection), transactionOptions }) as unknown as Db;
    connections.set(client, connection);
    return client;
  }
  const { PrismaClient } = await import("../generated/sqlite/client.ts");
  const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
  const connection: Connection = {};
  const factory = withImmediateTransactions(new PrismaBetterSQLite3({ url }));
  const client = new PrismaClient({ adapter: keepingConnection(factory, connection), transactionOptions });
  connections.set(client, connection);
  // WAL: readers never wait for the writer and a commit costs one append, not a full journal
  // fsync; synchronous=NORMAL is durable across process crashes in WAL mode (only an OS crash
  // can lose the last commits). busy_timeout lets concurrent writers queue instead of failing.
  await sqlitePragmas(client);
  return client;
}

/** The connection settings of a SQLite client (also applied by scripts/bench-reports.ts). */
export async function sqlitePragmas(client: Pick<Db, "$queryRawUnsafe">): Promise<void> {
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  await client.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
  // A 128 MiB page cache (SQLite's default: 2 MiB) for the long-lived connection, taken only as pages
  // are read: the largest municipality's dashboard reads ~60,000 summary rows plus members' enrolments
  // and certificates, ~90 MiB of pages, because index entries keyed by random user ids are spread
  // over the whole index. With less, those pages are read again from the OS at every request (issue
  // 19, docs/performance.md: that dashboard at 100,000 learners ~250–340 ms with 64 MiB, ~155–175 ms
  // with 128 MiB). SQLITE_CACHE_MB sets another size (docs/deployment.md).
  // (the variable's bounds and default are env.server's; scripts that open a client read it here)
  await client.$queryRawUnsafe(`PRAGMA cache_size = ${-1024 * sqliteCacheMbSchema.parse(process.env.SQLITE_CACHE_MB)}`);
}

/**
 * Transactions on SQLite begin IMMEDIATE (they take the write lock at BEGIN) instead of the
 * adapter's plain, DEFERRED `BEGIN`. A deferred transaction reads first and asks for the write
 * lock only at its first write; when another process (`npm run jobs:run`, `courses:import`, a
 * second server) has written in between, SQLite refuses that upgrade at once with "database is
 * locked" (SQLITE_BUSY_SNAPSHOT) without consulting busy_timeout, because waiting could not make
 * the stale snapshot current. Taken at BEGIN, the lock is simply waited for (busy_timeout).
 * Inside one process the adapter already runs one transaction at a time on its single
 * connection, so the only cost is that a read-only transaction also queues behind another
 * process's writer, for the milliseconds that writer holds the lock.
 *
 * @prisma/adapter-better-sqlite3 6.19 has no option for this: its startTransaction runs exactly
 * `client.prepare("BEGIN")` on the better-sqlite3 connection (after its own mutex), and no other
 * code sends that statement, so that one statement is rewritten on each connection it opens.
 *
 * And statements outside a transaction wait until the open one ends. The adapter has one connection
 * and runs them on it at once, even while another request's interactive transaction is open there:
 * such a write became part of that transaction — acknowledged, then undone by its rollback — and such
 * a read saw its uncommitted rows (tests/unit/sqlite-transactions.test.ts). The transaction is marked
 * open the moment its BEGIN runs, and closed when Prisma commits or rolls it back.
 */
function withImmediateTransactions(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const beginImmediately = (adapter: SqlDriverAdapter) => {
    const connection = (adapter as unknown as { client?: { prepare?: (sql: string) => unknown } }).client;
    // fail loudly if an adapter upgrade moves the connection, rather than silently losing the fix
    if (typeof connection?.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`: review withImmediateTransactions in app/db.server.ts");
    const prepare = reusingStatements(connection.prepare.bind(connection) as (sql: string) => Statement);
    let open: { ended: Promise<void>; end: () => void } | null = null;
    const begin = (statement: Statement): Statement => ({
      ...statement,
      run: () => {
        const result = statement.run();
        let end!: () => void;
        const ended = new Promise<void>((resolve) => (end = resolve));
        open = { ended, end };
        return result;
      },
    });
    connection.prepare = (sql: string) => (sql === "BEGIN" ? begin(prepare("BEGIN IMMEDIATE")) : prepare(sql));
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (isolationLevel) => {
      const transaction = await startTransaction(isolationLevel);
      const mine = open;
      const close = () => {
        if (open === mine) open = null;
        mine?.end();
      };
      const commit = transaction.commit.bind(transaction);
      const rollback = transaction.rollback.bind(transaction);
      transaction.commit = () => (close(), commit());
      transaction.rollback = () => (close(), rollback());
      return transaction;
    };
    // The statement is called in the same synchronous step as the check that no transaction is open (it
    // runs on the connection at once), so that no BEGIN can come between them: the next queued
    // transaction begins in a microtask of its own the moment the open one ends.
    const whenNoTransaction = async <T>(run: () => Promise<T>): Promise<T> => {
      while (open) await open.ended;
      return run();
    };
    const queryRaw = adapter.queryRaw.bind(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.queryRaw = (query) => (open ? whenNoTransaction(() => queryRaw(query)) : queryRaw(query));
    adapter.executeRaw = (query) => (open ? whenNoTransaction(() => executeRaw(query)) : executeRaw(query));
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => beginImmediately(await factory.connect()),
    connectToShadowDb: async () => beginImmediately(await factory.connectToShadowDb()),
  };
}

/** What the adapter uses of a better-sqlite3 statement (6.19: prepare(sql).bind(args), then `reader`,
 * run(), columns(), raw().all(); and prepare("BEGIN").run()). */
type Statement = {
  readonly reader: boolean;
  bind(args: unknown[]): Statement;
  run(args?: unknown[]): unknown;
  columns(): unknown[];
  raw(on?: boolean): { all(args?: unknown[]): unknown[] };
};

const STATEMENTS_KEPT = 500;

/**
 * The adapter compiles every query's SQL anew (`prepare`) and binds it once — a bound better-sqlite3
 * statement cannot be bound again, so it cannot keep them. Compiling is most of what a small read
 * costs on SQLite (~0.4 ms of a course page's queries; docs/performance.md). Compiled statements are
 * kept here per SQL text (the least recently used dropped beyond STATEMENTS_KEPT: `IN (?, …)` lists
 * make texts of every length), and the adapter gets a one-use view that passes the arguments at
 * execution instead of binding them. A statement runs to completion synchronously (`run`, `all`), so
 * two queries never use one statement at the same time. SQLite recompiles a kept statement itself
 * when a migration changes the schema.
 */
export function reusingStatements(prepare: (sql: string) => Statement): (sql: string) => Statement {
  const kept = new Map<string, Statement>();
  const view = (statement: Statement, args?: unknown[]): Statement => ({
    get reader() {
      return statement.reader;
    },
    bind: (bound) => view(statement, bound),
    run: () => (args ? statement.run(args) : statement.run()),
    columns: () => statement.columns(),
    // the adapter reads rows as arrays (raw) only, so the raw mode can stay on once set
    raw: () => ({ all: () => (args ? statement.raw(true).all(args) : statement.raw(true).all()) }),
  });
  return (sql) => {
    let statement = kept.get(sql);
    if (statement) kept.delete(sql);
    else {
      statement = prepare(sql);
      if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(sql, statement);
    return view(statement);
  };
}

// ---- the reads of every page, straight to the driver adapter ----

/** The driver adapter a client is connected through, while it is (Prisma connects at the first query). */
type Connection = { adapter?: SqlDriverAdapter };
const connections = new WeakMap<object, Connection>();

/** Notes in `connection` the adapter the client connects through, and forgets it when it is closed. */
function keepingConnection(factory: SqlMigrationAwareDriverAdapterFactory, connection: Connection): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = () => {
        if (connection.adapter === adapter) connection.adapter = undefined;
        return dispose();
      };
      connection.adapter = adapter;
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
}

/**
 * `db.$queryRaw(query)` for the reads every page makes (docs/decisions/0007), without the client's
 * per-call work: Prisma plans even a raw statement with its WebAssembly query compiler and runs the
 * plan through its interpreter, ~0.1 ms of CPU per read against ~0.02 ms for the driver adapter that
 * then runs it (docs/performance.md). The statement goes to that same adapter — Prisma's, on the
 * client's connection or pool, with SQLite's kept statements — and its rows come back as $queryRaw
 * gives them (the same types per column; tests/unit/read-rows.test.ts compares the two on both
 * engines). Like $queryRaw outside a transaction, it runs outside any transaction: given a
 * transaction's client, an unconnected client or a parameter other than a scalar, it is $queryRaw.
 */
export async function readRows<T>(db: Pick<DbClient, "$queryRaw">, query: Sql): Promise<T[]> {
  const direct = toAdapter(db, query);
  if (!direct) return db.$queryRaw<T[]>(query);
  return rowObjects<T>(await direct.adapter.queryRaw(direct.query));
}

/**
 * `db.$executeRaw(query)` the same way, for the one write of a quiz storm (the quiz's start,
 * docs/decisions/0007): the number of rows written.
 */
export async function writeRows(db: Pick<DbClient, "$executeRaw">, query: Sql): Promise<number> {
  const direct = toAdapter(db, query);
  if (!direct) return db.$executeRaw(query);
  return direct.adapter.executeRaw(direct.query);
}

/** The client's connected adapter and the query in its terms; null when the client's own path must take it. */
function toAdapter(db: object, query: Sql) {
  const adapter = connections.get(db)?.adapter;
  if (!adapter) return null;
  const argTypes = query.values.map(argTypeOf);
  if (argTypes.includes(null)) return null;
  return {
    adapter,
    query: {
      sql: adapter.provider === "postgres" ? query.text : query.sql,
      args: query.values.map((value) => (typeof value === "bigint" ? value.toString() : value)),
      argTypes: argTypes as ArgType[],
    },
  };
}

/** How Prisma describes a parameter to the adapter; null for what it would serialise first (objects, lists). */
function argTypeOf(value: unknown): ArgType | null {
  const scalar = (scalarType: ArgType["scalarType"]): ArgType => ({ scalarType, arity: "scalar" });
  if (value === null) return scalar("unknown");
  if (typeof value === "string") return scalar("string");
  if (typeof value === "boolean") return scalar("boolean");
  if (typeof value === "number") return scalar(Number.isInteger(value) ? "int" : "float");
  if (typeof value === "bigint") return scalar("bigint");
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : scalar("datetime");
  return null;
}

/** The adapter's rows as objects, each column's value converted as Prisma's client converts a raw result's. */
function rowObjects<T>(result: SqlResultSet): T[] {
  const { columnNames, columnTypes } = result;
  return result.rows.map((row) => {
    const object: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) object[columnNames[i]!] = rawValue(row[i], columnTypes[i]!);
    return object as T;
  });
}

function rawValue(value: unknown, type: number): unknown {
  if (value === null || value === undefined) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(value));
    case ColumnTypeEnum.Int64:
      return typeof value === "number" ? BigInt(Math.trunc(value)) : BigInt(value as string | bigint);
    case ColumnTypeEnum.Numeric:
      return new Decimal(value as string);
    case ColumnTypeEnum.Boolean:
      return typeof value === "boolean" ? value : typeof value === "number" ? value === 1 : value === "true" || value === "1";
    case ColumnTypeEnum.Date:
    case ColumnTypeEnum.DateTime:
      return new Date(value as string);
    case ColumnTypeEnum.Time:
      return new Date(`1970-01-01T${value as string}Z`);
    case ColumnTypeEnum.Json:
      return typeof value === "string" ? JSON.parse(value) : value;
    case ColumnTypeEnum.Bytes:
      return Array.isArray(value) ? new Uint8Array(value) : new Uint8Array(value as ArrayBufferLike);
    default:
      if (type >= ColumnTypeEnum.Int32Array && type <= ColumnTypeEnum.UuidArray && Array.isArray(value)) {
        return value.map((item) => rawValue(item, type - ColumnTypeEnum.Int32Array));
      }
      return value;
  }
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

/**
 * A write refused by a unique constraint (Prisma's P2002): the way the app detects that someone else
 * created the same row first (two clicks, two processes). Both engines' clients report it so.
 */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}


// ---- values of raw reads ($queryRaw) ----
// Raw rows come as each driver gives them: SQLite's JSON as text, its booleans as 0/1 and a computed
// date as ISO text; PostgreSQL's as values. These read either into the model's types.

/** A date: a Date, or ISO text (with an offset from SQLite; without one it is UTC). */
export function rawDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** A JSON column's value. */
export const rawJson = (value: unknown): unknown => (typeof value === "string" ? JSON.parse(value) : value);

/** A boolean column's value (null stays null). */
export const rawBool = (value: unknown): boolean | null => (value === null || value === undefined ? null : value === true || Number(value) === 1);
