// The municipal reports' summaries (issue 19): ReportPair holds one row per ACTIVE member × course
// assigned to them in an organization, with what the assignment rules (rules.ts) need — the earliest
// due date per requirement level, the enrolment's completion, the newest certificate not revoked. The
// dashboard and the staff report read these rows (reports.server.ts) instead of evaluating assignments
// × members × enrolments × certificates at every request. ReportCompletion (each active member's
// completed enrolments) and ReportExpiry (each active member's certificates that set when they must
// renew) give the dashboard's progress over time and expiring certificates as ranges of one index.
//
// Nothing stored depends on the current time: "done" and "overdue" are computed at read time from these
// dates and now, so the rows change only when their sources change. Every write that changes a source
// calls refreshReportSummaries in its own transaction, for the narrowest scope it touched: the rows of
// that scope are deleted and recomputed from the source tables (per table one DELETE, one INSERT …
// SELECT, the same portable SQL as the full rebuild — so a maintained row cannot differ from a rebuilt
// one).
// summary.test.ts drives random operations through the area functions and compares with a rebuild.
import { empty, join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { getDb, lockUntilCommit, onPostgres, type Db, type DbClient } from "~/db.server";
import { RECERTIFY_CHOICES } from "~/training/rules";

/** The requirement level of an assignment "complete once": weaker than every renewal period. */
export const ONCE = 100_000;

/** The stored per-level due columns: level 0 (a period outside the choices), each choice, once. */
export const LEVELS: { level: number; column: string }[] = [
  { level: 0, column: "due0" },
  ...RECERTIFY_CHOICES.map((months) => ({ level: months as number, column: `due${months}` })),
  { level: ONCE, column: "dueOnce" },
];

/** An assignment's requirement level (a period outside the allowed choices can never be satisfied). */
export const needSql = (a: Sql) => sql`CASE WHEN ${a}."recertifyMonths" IS NULL THEN ${raw(String(ONCE))}
    WHEN ${a}."recertifyMonths" IN (${raw(RECERTIFY_CHOICES.join(", "))}) THEN ${a}."recertifyMonths" ELSE 0 END`;

/**
 * What a write touched. Rows are recomputed for active members matching every given field:
 * organizationId, userId, courseId, and departmentId (a department's members, by their membership).
 */
export type PairScope = { organizationId?: string; userId?: string; courseId?: string; departmentId?: string };

type Executor = Pick<DbClient, "$executeRaw" | "$queryRaw">;

function scopeOf(scope: PairScope, columns: { org: Sql; user: Sql; course: Sql; dep: Sql }): Sql {
  const parts: Sql[] = [];
  if (scope.organizationId) parts.push(sql`${columns.org} = ${scope.organizationId}`);
  if (scope.userId) parts.push(sql`${columns.user} = ${scope.userId}`);
  if (scope.courseId) parts.push(sql`${columns.course} = ${scope.courseId}`);
  if (scope.departmentId) parts.push(sql`${columns.dep} = ${scope.departmentId}`);
  return parts.length ? sql`AND ${join(parts, " AND ")}` : empty;
}

/**
 * Recomputes the summary rows of a scope from the source tables (in the caller's transaction): the
 * pairs, and unless `pairsOnly` (assignments change neither), the completions and certificate expiries.
 */
export async function refreshReportSummaries(db: Executor, scope: PairScope, options: { pairsOnly?: boolean } = {}): Promise<void> {
  // One refresh at a time, until the transaction ends. In READ COMMITTED two refreshes of overlapping
  // rows each delete what they see and insert what they compute: the second insert failed on the
  // primary key, or a row computed before the other's change outlived it (summary.test.ts, "at the
  // same moment"). Held to the commit, the lock makes each refresh read the sources as every earlier
  // refresh's transaction left them.
  if (onPostgres(db as Db)) await lockUntilCommit(db, "reports:summaries");
  if (!options.pairsOnly) {
    await refreshCompletions(db, scope);
    await refreshExpiries(db, scope);
  }
  await db.$executeRaw(sql`DELETE FROM "ReportPair" WHERE 1 = 1 ${summaryScope(scope)}`);
  const where = sql`m."organizationId" = a."organizationId" AND m."status" = 'ACTIVE'
    ${scopeOf(scope, { org: raw('a."organizationId"'), user: raw('m."userId"'), course: raw('a."courseId"'), dep: raw('m."departmentId"') })}`;
  const columns = sql`a."organizationId" AS org, m."userId" AS uid, m."departmentId" AS dep, a."courseId" AS cid, a."dueAt" AS due, ${needSql(raw("a"))} AS need`;
  const perLevel = join(
    LEVELS.map(({ level, column }) => sql`MIN(CASE WHEN need = ${raw(String(level))} THEN due END) AS ${raw(`"${column}"`)}`),
    ", ",
  );
  const levelColumns = raw(LEVELS.map(({ column }) => `"${column}"`).join(", "));
  const levelValues = raw(LEVELS.map(({ column }) => `p."${column}"`).join(", "));
  await db.$executeRaw(sql`
    INSERT INTO "ReportPair" ("organizationId", "userId", "courseId", "departmentId", "dueAt", "need", ${levelColumns},
      "completedAt", "certIssuedAt", "certExpiresAt", "certOutlived")
    WITH reached AS (
      SELECT ${columns} FROM "Assignment" a JOIN "Membership" m ON m."departmentId" = a."departmentId" WHERE ${where}
      UNION ALL
      SELECT ${columns} FROM "Assignment" a JOIN "Membership" m ON m."userId" = a."userId" WHERE ${where}
    ),
    pairs AS (
      SELECT org, uid, dep, cid, MIN(due) AS due, MIN(need) AS need, ${perLevel}
      FROM reached GROUP BY org, uid, dep, cid
    )
    SELECT p.org, p.uid, p.cid, p.dep, p.due, p.need, ${levelValues},
      e."completedAt", n."issuedAt", n."expiresAt",
      CASE WHEN n."expiresAt" IS NOT NULL AND ${outlived(raw("p.uid"), raw("p.cid"), raw('n."expiresAt"'))} THEN 1 ELSE 0 END
    FROM pairs p
    LEFT JOIN "Enrolment" e ON e."userId" = p.uid AND e."courseId" = p.cid
    -- the newest certificate not revoked, found per pair on the person's certificate index (ranking
    -- the certificates of every pair's person with a window function read the whole Certificate index
    -- at every refresh: ~70-100 ms per completion on the 100,000-learner SQLite database)
    LEFT JOIN "Certificate" n ON n."id" = (
      SELECT c."id" FROM "Certificate" c
      WHERE c."userId" = p.uid AND c."courseId" = p.cid AND c."revokedAt" IS NULL
      ORDER BY c."issuedAt" DESC, c."id"
      LIMIT 1)`);
}

/**
 * SQL, true when the person has a certificate of the course, not revoked, that outlives an expiry
 * (a certificate without expiry outlives every one). A certificate never outlives itself, so it can be
 * asked of one of the person's own certificates: ReportPair's `certOutlived`, ReportExpiry's rows.
 */
function outlived(user: Sql, course: Sql, expires: Sql): Sql {
  return sql`EXISTS (
    SELECT 1 FROM "Certificate" o
    WHERE o."userId" = ${user} AND o."courseId" = ${course} AND o."revokedAt" IS NULL AND (o."expiresAt" IS NULL OR o."expiresAt" > ${expires}))`;
}

/** A scope's restriction of a summary table's rows (every summary names its columns alike). */
function summaryScope(scope: PairScope): Sql {
  return scopeOf(scope, { org: raw('"organizationId"'), user: raw('"userId"'), course: raw('"courseId"'), dep: raw('"departmentId"') });
}

/** A scope's restriction of the members (Membership m) and of the course's column in their source rows. */
function memberScope(scope: PairScope, course: Sql): Sql {
  return scopeOf(scope, { org: raw('m."organizationId"'), user: raw('m."userId"'), course, dep: raw('m."departmentId"') });
}

/** ReportCompletion of a scope: every active member's completed enrolments. */
async function refreshCompletions(db: Executor, scope: PairScope): Promise<void> {
  await db.$executeRaw(sql`DELETE FROM "ReportCompletion" WHERE 1 = 1 ${summaryScope(scope)}`);
  await db.$executeRaw(sql`
    INSERT INTO "ReportCompletion" ("organizationId", "userId", "courseId", "departmentId", "completedAt")
    SELECT m."organizationId", m."userId", e."courseId", m."departmentId", e."completedAt"
    FROM "Membership" m JOIN "Enrolment" e ON e."userId" = m."userId"
    WHERE m."status" = 'ACTIVE' AND e."completedAt" IS NOT NULL ${memberScope(scope, raw('e."courseId"'))}`);
}

/**
 * ReportExpiry of a scope: every active member's certificates that set when they must renew — not
 * revoked, with an expiry, and outlived by no other certificate of theirs for the course that is not
 * revoked (one without expiry outlives them all). The dashboard's "expiring" counted exactly these
 * before it read them from here (reports.test.ts compares it with the certificates).
 */
async function refreshExpiries(db: Executor, scope: PairScope): Promise<void> {
  await db.$executeRaw(sql`DELETE FROM "ReportExpiry" WHERE 1 = 1 ${summaryScope(scope)}`);
  await db.$executeRaw(sql`
    INSERT INTO "ReportExpiry" ("organizationId", "certificateId", "userId", "courseId", "departmentId", "expiresAt")
    SELECT m."organizationId", c."id", m."userId", c."courseId", m."departmentId", c."expiresAt"
    FROM "Membership" m JOIN "Certificate" c ON c."userId" = m."userId"
    WHERE m."status" = 'ACTIVE' AND c."revokedAt" IS NULL AND c."expiresAt" IS NOT NULL ${memberScope(scope, raw('c."courseId"'))}
      AND NOT ${outlived(raw('c."userId"'), raw('c."courseId"'), raw('c."expiresAt"'))}`);
}

/** Recomputes the whole summary from the source tables (`npm run reports:rebuild`, setup, seeds). */
export async function rebuildReportSummaries(db?: Db | DbClient): Promise<void> {
  const client = db ?? (await getDb());
  await refreshReportSummaries(client, {});
}

/** The summary rows of a scope, for tests and checks (a maintained summary must equal a rebuilt one). */
export async function readReportPairs(db: Pick<DbClient, "$queryRaw">, organizationId?: string) {
  return db.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM "ReportPair"
    ${organizationId ? sql`WHERE "organizationId" = ${organizationId}` : empty}
    ORDER BY "organizationId", "userId", "courseId"`);
}

/** Every summary's rows (pairs, completions, expiries), in a stable order: a maintained state to compare with a rebuilt one. */
export async function readReportSummaries(db: Pick<DbClient, "$queryRaw">) {
  return {
    pairs: await readReportPairs(db),
    completions: await db.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM "ReportCompletion" ORDER BY "organizationId", "userId", "courseId"`),
    expiries: await db.$queryRaw<Record<string, unknown>[]>(sql`SELECT * FROM "ReportExpiry" ORDER BY "organizationId", "certificateId"`),
  };
}
