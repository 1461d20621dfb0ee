// npm run db:restore -- <file> [--force]
// Restores a backup made by db:backup into the database in DATABASE_URL. Refuses to replace a
// database that holds data unless --force is given. Stop the application processes first.
import { databaseUrl } from "../../app/db.server.ts";
import { engineOf, restoreDatabase } from "../../app/ops/database.server.ts";

const args = process.argv.slice(2).filter((a) => a !== "--");
const force = args.includes("--force");
const files = args.filter((a) => !a.startsWith("--"));
if (args.some((a) => a === "--help" || a === "-h") || files.length !== 1 || args.some((a) => a.startsWith("--") && a !== "--force")) {
  console.log("usage: npm run db:restore -- <backup file> [--force]");
  process.exit(args.includes("--help") || args.includes("-h") ? 0 : 2);
}
const url = databaseUrl();
try {
  const done = await restoreDatabase(url, files[0], { force });
  const what = done.created ? "a new database" : done.replaced.length ? `the database (its previous contents in ${done.replaced.length} tables were replaced)` : "the empty database";
  console.log(`Restored ${files[0]} into ${what} at ${done.target} (${engineOf(url)}): ${done.tables} tables, ${done.rows} rows.`);
  console.log("Start the application processes again; `npx prisma migrate deploy` applies any migration newer than the backup.");
} catch (error) {
  console.error(`Restore failed: ${(error as Error).message}`);
  process.exit(1);
}
