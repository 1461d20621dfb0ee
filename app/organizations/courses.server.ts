import { sqltag as sql } from "@prisma/client/runtime/client";
import { getDb } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { pick } from "~/courses/localize";
import type { LocalizedText } from "~/courses/schema";

export type CourseOption = { id: string; slug: string; title: string; published: boolean };

/**
 * Every course that has been published, with its title in `locale`, sorted by title — for filters,
 * report rows and the assignment form. One statement (a join; Prisma would load the relation apart).
 */
export async function courseOptions(locale: Locale): Promise<CourseOption[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ id: string; slug: string; sourceLocale: string; title: unknown; version: number; status: string }[]>(sql`
    SELECT c."id", c."slug", c."sourceLocale", v."title", v."version", v."status"
    FROM "Course" c JOIN "CourseVersion" v ON v."courseId" = c."id"
    WHERE v."status" IN ('PUBLISHED', 'ARCHIVED')`);
  const best = new Map<string, (typeof rows)[number]>();
  for (const row of rows) {
    const current = best.get(row.id);
    const rank = (r: (typeof rows)[number]) => (r.status === "PUBLISHED" ? 1_000_000 : 0) + Number(r.version);
    if (!current || rank(row) > rank(current)) best.set(row.id, row);
  }
  const collator = new Intl.Collator(locale, { numeric: true }); // "Course 2" before "Course 10"
  return [...best.values()]
    .map((r) => {
      // JSON columns come back as text from SQLite and parsed from PostgreSQL
      const title = (typeof r.title === "string" ? JSON.parse(r.title) : r.title) as LocalizedText;
      return { id: r.id, slug: r.slug, title: pick(title, locale, r.sourceLocale as Locale).value, published: r.status === "PUBLISHED" };
    })
    .sort((a, b) => collator.compare(a.title, b.title));
}
