// npm run db:backup -- [file]
// Backs up the database in DATABASE_URL (default file:./platform.db) while the platform keeps
// running: SQLite's online backup, or pg_dump's custom format for PostgreSQL. See docs/deployment.md.
import { databaseUrl } from "../../app/db.server.ts";
import { backupDatabase, defaultBackupFile, engineOf } from "../../app/ops/database.server.ts";

const args = process.argv.slice(2).filter((a) => a !== "--");
if (args.some((a) => a === "--help" || a === "-h") || args.length > 1) {
  console.log("usage: npm run db:backup -- [file]   (default: backups/rights-academy-<date>-<time>.sqlite|.pgdump)");
  process.exit(args.length > 1 ? 2 : 0);
}
const url = databaseUrl();
try {
  const done = await backupDatabase(url, args[0] ?? defaultBackupFile(url));
  console.log(
    `Backed up the ${engineOf(url)} database to ${done.file} (${(done.bytes / 1024).toFixed(0)} KiB; ${done.tables} tables, ${done.rows} rows).`,
  );
  console.log(`Restore with: npm run db:restore -- ${done.file}`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
