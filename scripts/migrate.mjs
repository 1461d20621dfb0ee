// `npm run db:deploy`: applies the migrations of the database in DATABASE_URL with `prisma migrate deploy`,
// with three things a person starting the platform should not have to decipher:
// 1. Prisma 6.19 prints a WARNING on every run because schema.prisma keeps `url = env("DATABASE_URL")`
//    beside the driver adapter of prisma.config.ts. Prisma 6.19's schema validation still requires that
//    line (docs/architecture.md), so the warning is expected: it is dropped from the output here.
// 2. On SQLite, a database that already has every migration is left alone (no schema engine started):
//    a second `npm start` of the same checkout beside a running server then just starts.
// 3. When migrations are pending but another process holds the SQLite database, the WASM schema engine
//    fails with "unknown variant `SocketTimeout`"; we check for that first and say it in one sentence.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const url = process.env.DATABASE_URL ?? "file:./platform.db";
const isSqlite = url.startsWith("file:");

/** The SQLite file of a `file:` URL, relative to the working directory as Prisma resolves it here. */
function sqliteFile(databaseUrl) {
  return path.resolve(databaseUrl.slice("file:".length).replace(/\?.*$/, ""));
}

function migrationNames() {
  return readdirSync("prisma/migrations", { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d/.test(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** "current" | "pending" | "busy" for an existing SQLite database; "new" when there is no file yet. */
async function sqliteState(file) {
  if (!existsSync(file)) return "new";
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(file, { timeout: 3000 });
  try {
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (hasTable) {
      const applied = new Set(
        db
          .prepare("SELECT migration_name AS name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL")
          .all()
          .map((row) => row.name),
      );
      if (migrationNames().every((name) => applied.has(name))) return "current";
    }
    // Pending migrations need the write lock: find out now whether another process holds it.
    try {
      db.exec("BEGIN IMMEDIATE");
      db.exec("ROLLBACK");
      return "pending";
    } catch (error) {
      if (error && typeof error === "object" && "code" in error && String(error.code).startsWith("SQLITE_BUSY")) return "busy";
      throw error;
    }
  } finally {
    db.close();
  }
}

function busyMessage(file) {
  return `The database ${path.relative(process.cwd(), file) || file} is in use by another process (probably a platform server already running from this folder): stop it, or set DATABASE_URL to another file, and try again.`;
}

if (isSqlite) {
  const file = sqliteFile(url);
  const state = await sqliteState(file);
  if (state === "current") {
    console.log(`Database ${path.relative(process.cwd(), file)} is up to date (${migrationNames().length} migrations).`);
    process.exit(0);
  }
  if (state === "busy") {
    console.error(busyMessage(file));
    process.exit(1);
  }
}

// Drop Prisma's known adapter warning block (from "WARNING: Your schema specifies" to its last line).
let skipping = false;
function filterLine(line) {
  if (line.startsWith("WARNING: Your schema specifies the following datasource properties")) skipping = true;
  if (skipping) {
    if (line.startsWith("We recommend you to remove those properties")) skipping = false;
    return null;
  }
  return line;
}

const child = spawn("npx", ["prisma", "migrate", "deploy"], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
let sawSocketTimeout = false;
for (const [stream, out] of [
  [child.stdout, process.stdout],
  [child.stderr, process.stderr],
]) {
  let rest = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk) => {
    rest += chunk;
    const lines = rest.split("\n");
    rest = lines.pop() ?? "";
    for (const line of lines) {
      if (line.includes("SocketTimeout")) sawSocketTimeout = true;
      const kept = filterLine(line);
      if (kept !== null) out.write(kept + "\n");
    }
  });
  stream.on("end", () => {
    if (rest && filterLine(rest) !== null) out.write(rest + "\n");
  });
}
const code = await new Promise((resolve) => child.on("close", resolve));
if (code !== 0 && sawSocketTimeout && isSqlite) console.error(busyMessage(sqliteFile(url)));
process.exit(code ?? 1);
