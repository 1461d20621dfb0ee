// Operations on the whole database, for either engine, from its URL: backup, restore, and a
// fingerprint of every table (row count + checksum) to prove that a restore is a faithful copy.
//
// These talk to the drivers directly (better-sqlite3, pg, pg_dump/pg_restore), not to Prisma:
// they work on tables as the database's catalogue lists them, so a table added by a later
// migration is covered without changing this file.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";

export type Engine = "sqlite" | "postgresql";
export type TableFingerprint = { rows: number; checksum: string };
export type Fingerprints = Record<string, TableFingerprint>;

export const engineOf = (url: string): Engine => (/^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite");

/** The file of a `file:` URL, as the Prisma adapter resolves it (relative to the working directory). */
export function sqlitePath(url: string): string {
  if (!url.startsWith("file:")) throw new Error(`Not a SQLite URL: ${url}`);
  return path.resolve(url.slice("file:".length).replace(/\?.*$/, ""));
}

// Prisma accepts query parameters of its own (schema, connection_limit, …) that libpq, and so
// pg_dump/pg_restore, refuse.
const PRISMA_ONLY_PARAMS = ["schema", "connection_limit", "pool_timeout", "pgbouncer", "statement_cache_size", "socket_timeout"];
export function libpqUrl(url: string): string {
  const u = new URL(url);
  for (const name of PRISMA_ONLY_PARAMS) u.searchParams.delete(name);
  return u.toString();
}

function quoteIdent(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}

// ---------------------------------------------------------------- fingerprints

function sqliteFingerprints(file: string, checksums = true): Fingerprints {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
      .all()
      .map((r) => String(r.name));
    const result: Fingerprints = {};
    for (const table of tables) {
      if (!checksums) {
        result[table] = { rows: Number(db.prepare(`SELECT count(*) AS n FROM ${quoteIdent(table)}`).get()!.n), checksum: "" };
        continue;
      }
      const columns = db.prepare(`PRAGMA table_info(${quoteIdent(table)})`).all() as { name: string; pk: number }[];
      const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const order = (pk.length ? pk : columns).map((c) => quoteIdent(c.name)).join(", ");
      const hash = createHash("sha256");
      let rows = 0;
      for (const row of db.prepare(`SELECT * FROM ${quoteIdent(table)} ORDER BY ${order}`).raw().iterate()) {
        hash.update(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : v)) + "\n");
        rows++;
      }
      result[table] = { rows, checksum: hash.digest("hex") };
    }
    return result;
  } finally {
    db.close();
  }
}

async function postgresTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname`,
  );
  return rows.map((r) => r.name);
}

async function postgresFingerprints(url: string, checksums = true): Promise<Fingerprints> {
  const client = new pg.Client({ connectionString: libpqUrl(url) });
  await client.connect();
  try {
    const result: Fingerprints = {};
    for (const table of await postgresTables(client)) {
      if (!checksums) {
        const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
        result[table] = { rows: Number(rows[0].n), checksum: "" };
        continue;
      }
      const { rows: pk } = await client.query<{ name: string }>(
        `SELECT a.attname AS name FROM pg_index i
         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey::int2[])
         WHERE i.indrelid = $1::regclass AND i.indisprimary
         ORDER BY array_position(i.indkey::int2[], a.attnum)`,
        [quoteIdent(table)],
      );
      // Every column, in PostgreSQL's own text form of the whole row, ordered by the primary key
      // (or by the whole row when there is none).
      const order = pk.length ? pk.map((c) => `t.${quoteIdent(c.name)}`).join(", ") : "t::text";
      const { rows } = await client.query<{ n: string; checksum: string }>(
        `SELECT count(*) AS n, encode(sha256(convert_to(coalesce(string_agg(t::text, E'\\n' ORDER BY ${order}), ''), 'UTF8')), 'hex') AS checksum
         FROM ${quoteIdent(table)} t`,
      );
      result[table] = { rows: Number(rows[0].n), checksum: rows[0].checksum };
    }
    return result;
  } finally {
    await client.end();
  }
}

/**
 * Row count and checksum (all columns, ordered by primary key) of every table in the catalogue.
 * Reads every row: for verification (tests, a restore drill), not for routine summaries.
 */
export async function tableFingerprints(url: string): Promise<Fingerprints> {
  return engineOf(url) === "sqlite" ? sqliteFingerprints(sqlitePath(url)) : postgresFingerprints(url);
}

/** Row counts of every table in the catalogue (the summaries printed by backup and restore). */
export async function tableRowCounts(url: string): Promise<Record<string, number>> {
  const counts = engineOf(url) === "sqlite" ? sqliteFingerprints(sqlitePath(url), false) : await postgresFingerprints(url, false);
  return Object.fromEntries(Object.entries(counts).map(([table, t]) => [table, t.rows]));
}

// ---------------------------------------------------------------- emptiness

// The migrations table alone does not make a database "in use": a freshly migrated database is a
// valid restore target.
const BOOKKEEPING = new Set(["_prisma_migrations"]);

/** Tables that hold rows (apart from the migrations bookkeeping); [] for a missing or empty database. */
export async function nonEmptyTables(url: string): Promise<string[]> {
  if (engineOf(url) === "sqlite") {
    const file = sqlitePath(url);
    if (!existsSync(file) || statSync(file).size === 0) return [];
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const tables = db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
        .all()
        .map((r) => String(r.name));
      return tables.filter((t) => !BOOKKEEPING.has(t) && db.prepare(`SELECT 1 FROM ${quoteIdent(t)} LIMIT 1`).get() !== undefined);
    } finally {
      db.close();
    }
  }
  if (!(await postgresDatabaseExists(url))) return [];
  const client = new pg.Client({ connectionString: libpqUrl(url) });
  await client.connect();
  try {
    const used: string[] = [];
    for (const t of await postgresTables(client)) {
      if (BOOKKEEPING.has(t)) continue;
      if ((await client.query(`SELECT 1 FROM ${quoteIdent(t)} LIMIT 1`)).rowCount) used.push(t);
    }
    return used;
  } finally {
    await client.end();
  }
}

function maintenanceUrl(url: string) {
  const admin = new URL(libpqUrl(url));
  admin.pathname = "/postgres";
  return admin.toString();
}

async function postgresDatabaseExists(url: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: maintenanceUrl(url) });
  await admin.connect();
  try {
    const name = decodeURIComponent(new URL(url).pathname.slice(1));
    return Boolean((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount);
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------- backup / restore

export const defaultBackupFile = (url: string, now = new Date()) =>
  path.join("backups", `rights-academy-${now.toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-")}.${engineOf(url) === "sqlite" ? "sqlite" : "pgdump"}`);

function runTool(tool: string, args: string[]) {
  try {
    return execFileSync(tool, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string };
    if (e.code === "ENOENT") {
      throw new Error(`${tool} was not found: install the PostgreSQL client tools of the server's major version or newer (Debian: apt-get install postgresql-client)`);
    }
    throw new Error(`${tool} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}

/**
 * Writes a consistent copy of the live database to `file` while the application keeps running:
 * SQLite's online backup API (pages copied under a read transaction, WAL included), or pg_dump's
 * custom format (one snapshot transaction). Refuses to overwrite an existing file.
 */
export async function backupDatabase(url: string, file: string): Promise<{ file: string; bytes: number; tables: number; rows: number }> {
  const target = path.resolve(file);
  if (existsSync(target)) throw new Error(`${target} already exists: choose another file name`);
  mkdirSync(path.dirname(target), { recursive: true });
  if (engineOf(url) === "sqlite") {
    const source = sqlitePath(url);
    if (!existsSync(source)) throw new Error(`There is no database at ${source}`);
    const db = new Database(source, { fileMustExist: true });
    try {
      await db.backup(target);
    } finally {
      db.close();
    }
    const copy = new Database(target, { fileMustExist: true });
    try {
      // the backup is a stand-alone file: no -wal beside it is needed to read it
      copy.pragma("journal_mode = DELETE");
      const check = copy.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`The backup failed its integrity check: ${String(check)}`);
    } finally {
      copy.close();
    }
  } else {
    runTool("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${target}`, `--dbname=${libpqUrl(url)}`]);
    runTool("pg_restore", ["--list", target]); // readable archive, or it throws
  }
  const counts = Object.values(await tableRowCounts(engineOf(url) === "sqlite" ? `file:${target}` : url));
  return { file: target, bytes: statSync(target).size, tables: counts.length, rows: counts.reduce((s, n) => s + n, 0) };
}

/**
 * Replaces the database in `url` with the backup in `file`. Refuses when the target holds data
 * (other than the migrations bookkeeping) unless `force` is set. Stop the application first.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  { force = false }: { force?: boolean } = {},
): Promise<{ target: string; replaced: string[]; created: boolean; tables: number; rows: number }> {
  const source = path.resolve(file);
  if (!existsSync(source)) throw new Error(`There is no backup at ${source}`);
  const inUse = await nonEmptyTables(url);
  if (inUse.length && !force) {
    throw new Error(
      `The target database is not empty (data in ${inUse.length} tables: ${inUse.slice(0, 5).join(", ")}${inUse.length > 5 ? ", …" : ""}). ` +
        "Nothing was changed. Restore into an empty database, or pass --force to replace its contents.",
    );
  }
  let created = false;
  let target: string;
  if (engineOf(url) === "sqlite") {
    target = sqlitePath(url);
    const backup = new Database(source, { readonly: true, fileMustExist: true });
    try {
      const check = backup.pragma("integrity_check", { simple: true });
      if (check !== "ok") throw new Error(`${source} is not a sound SQLite database (${String(check)}); nothing was changed`);
      created = !existsSync(target);
      mkdirSync(path.dirname(target), { recursive: true });
      // the online backup API writes every page of the destination in one transaction, so the
      // target (and its WAL) switches from the old contents to the backup's at once
      await backup.backup(target);
    } finally {
      backup.close();
    }
  } else {
    runTool("pg_restore", ["--list", source]); // a readable archive, before touching anything
    target = libpqUrl(url).replace(/\/\/[^@/]*@/, "//");
    if (!(await postgresDatabaseExists(url))) {
      const admin = new pg.Client({ connectionString: maintenanceUrl(url) });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${quoteIdent(decodeURIComponent(new URL(url).pathname.slice(1)))}`);
      await admin.end();
      created = true;
    }
    runTool("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", `--dbname=${libpqUrl(url)}`, source]);
  }
  const counts = Object.values(await tableRowCounts(url));
  return { target, replaced: inUse, created, tables: counts.length, rows: counts.reduce((s, n) => s + n, 0) };
}
