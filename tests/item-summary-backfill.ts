// The backfill statements of the item statistics summary's migration (the part after "-- Backfill"
// in prisma/migrations/*_item_stats_summary/migration.sql, or its PostgreSQL twin), for the test
// that checks them against the maintained summary and for scripts/bench-item-stats.ts, which seeds
// attempts without submitting them. They insert into empty summary tables.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";

export function backfillStatements(postgres: boolean): string[] {
  const dir = postgres ? "prisma/postgres/migrations" : "prisma/migrations";
  const name = readdirSync(dir).find((d) => d.endsWith("_item_stats_summary"));
  if (!name) throw new Error(`no item_stats_summary migration in ${dir}`);
  const text = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
  return text
    .slice(text.indexOf("-- Backfill"))
    .split(/;\s*\n/)
    .map((s) => s.replace(/^--.*$/gm, "").trim())
    .filter(Boolean);
}

export const SUMMARY_TABLES = ["QuizItemSummary", "QuizOptionSummary", "QuizAttemptSummary"] as const;
