// Reports for a municipality: completion per course and department, overdue staff, expiring
// certificates, progress over time, the staff report and the exports.
//
// Why raw SQL: the numbers must be computed by the database (a municipality may have thousands of
// staff; loading their rows would grow with them), and Prisma's groupBy cannot group enrolments by the
// department of the person's membership. The SQL is portable (the same text runs on SQLite and
// PostgreSQL: double-quoted identifiers, CASE, CTEs, window functions, parameters only where a column
// gives them a type). It implements the rules of rules.ts; reports.test.ts checks that both agree.
// See docs/decisions/municipal-reports-sql.md.
import { empty, join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { getDb } from "~/db.server";
import { NO_DEPARTMENT, type ReportFilters, type TrainingStatus } from "./filters";
import { expiryWindowBounds, monthStarts, RECERTIFY_CHOICES, recertifyCutoff } from "./rules";

export const STAFF_PAGE_SIZE = 50;
export const TIMELINE_MONTHS = 12;

const n = (value: unknown) => Number(value ?? 0);

/** Dates from raw queries: SQLite gives ISO text with an offset, PostgreSQL a timestamp in UTC. */
export function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

/** Restricts a query on Membership m to the department filter. */
function departmentClause(filters: Pick<ReportFilters, "department">): Sql {
  if (!filters.department) return empty;
  if (filters.department === NO_DEPARTMENT) return sql`AND m."departmentId" IS NULL`;
  return sql`AND m."departmentId" = ${filters.department}`;
}

/**
 * The CTEs `assigned` (one row per assignment reaching an active member) and `pairs` (one row per
 * person and assigned course: done when every assignment of it is satisfied, overdue when one of them
 * is past due and unsatisfied, due = the earliest due date).
 */
function pairsCte(organizationId: string, filters: Pick<ReportFilters, "department" | "course">, now: Date): Sql {
  // "Renew every N months": satisfied by a completion, or a valid certificate, newer than now − N months.
  // The cut-off for each allowed N is computed by rules.ts and passed in, so no date arithmetic in SQL.
  const renewed = RECERTIFY_CHOICES.map((months) => {
    const cutoff = recertifyCutoff(now, months);
    return sql`(a."recertifyMonths" = ${months} AND (e."completedAt" >= ${cutoff} OR EXISTS (
      SELECT 1 FROM "Certificate" c
      WHERE c."userId" = m."userId" AND c."courseId" = a."courseId" AND c."revokedAt" IS NULL
        AND (c."expiresAt" IS NULL OR c."expiresAt" > ${now}) AND c."issuedAt" >= ${cutoff})))`;
  });
  const courseClause = filters.course ? sql`AND a."courseId" = ${filters.course}` : empty;
  return sql`
    WITH assigned AS (
      SELECT a."id" AS aid, m."userId" AS uid, m."departmentId" AS dep, a."courseId" AS cid, a."dueAt" AS due,
        CASE WHEN (a."recertifyMonths" IS NULL AND e."completedAt" IS NOT NULL) OR ${join(renewed, " OR ")}
          THEN 1 ELSE 0 END AS done,
        CASE WHEN a."dueAt" < ${now} THEN 1 ELSE 0 END AS past
      FROM "Assignment" a
      JOIN "Membership" m ON m."organizationId" = a."organizationId" AND m."status" = 'ACTIVE'
        AND (m."userId" = a."userId" OR m."departmentId" = a."departmentId")
      LEFT JOIN "Enrolment" e ON e."userId" = m."userId" AND e."courseId" = a."courseId"
      WHERE a."organizationId" = ${organizationId} ${courseClause} ${departmentClause(filters)}
    ),
    pairs AS (
      SELECT uid, dep, cid, MIN(done) AS done, MAX(CASE WHEN done = 0 AND past = 1 THEN 1 ELSE 0 END) AS overdue, MIN(due) AS due
      FROM assigned GROUP BY uid, dep, cid
    )`;
}

export type Completion = { assigned: number; completed: number; overdue: number };

/** Per (department, course): assigned people, completed, overdue. Departments null = no department. */
async function completionGrid(organizationId: string, filters: ReportFilters, now: Date) {
  const db = await getDb();
  const rows = await db.$queryRaw<{ dep: string | null; cid: string; assigned: unknown; completed: unknown; overdue: unknown }[]>(sql`
    ${pairsCte(organizationId, filters, now)}
    SELECT dep, cid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(overdue) AS overdue
    FROM pairs GROUP BY dep, cid`);
  return rows.map((r) => ({ department: r.dep, courseId: r.cid, assigned: n(r.assigned), completed: n(r.completed), overdue: n(r.overdue) }));
}

/** Course completions of active members per month, oldest first (the progress-over-time chart). */
async function completionsPerMonth(organizationId: string, filters: ReportFilters, now: Date) {
  const db = await getDb();
  const months = monthStarts(now, TIMELINE_MONTHS);
  const columns = months.slice(0, -1).map((start, i) => sql`SUM(CASE WHEN e."completedAt" >= ${start} AND e."completedAt" < ${months[i + 1]} THEN 1 ELSE 0 END) AS ${sqlAlias(`m${i}`)}`);
  const [row] = await db.$queryRaw<Record<string, unknown>[]>(sql`
    SELECT ${join(columns, ", ")}
    FROM "Membership" m JOIN "Enrolment" e ON e."userId" = m."userId"
    WHERE m."organizationId" = ${organizationId} AND m."status" = 'ACTIVE'
      AND e."completedAt" >= ${months[0]} AND e."completedAt" < ${months[months.length - 1]}
      ${filters.course ? sql`AND e."courseId" = ${filters.course}` : empty} ${departmentClause(filters)}`);
  return months.slice(0, -1).map((start, i) => ({ month: start.toISOString().slice(0, 7), completions: n(row?.[`m${i}`]) }));
}

// Aliases are fixed identifiers chosen here, never input.
function sqlAlias(name: string): Sql {
  if (!/^[a-z][a-z0-9]*$/.test(name)) throw new Error(`bad alias ${name}`);
  return raw(name);
}

export const EXPIRING_LIST_SIZE = 10;

/**
 * Valid certificates of active members that expire within 90 days and have not been renewed by a newer
 * one: counts within 30 / 60 / 90 days (cumulative) and the soonest few, in one statement.
 */
async function expiringCertificates(organizationId: string, filters: ReportFilters, now: Date) {
  const db = await getDb();
  const { to30, to60, to90 } = expiryWindowBounds(now);
  const rows = await db.$queryRaw<
    { id: string; uid: string; name: string; email: string; cid: string; expires: unknown; total: unknown; w30: unknown; w60: unknown }[]
  >(sql`
    SELECT c."id" AS id, u."id" AS uid, u."name" AS name, u."email" AS email, c."courseId" AS cid, c."expiresAt" AS expires,
      COUNT(*) OVER () AS total,
      SUM(CASE WHEN c."expiresAt" <= ${to30} THEN 1 ELSE 0 END) OVER () AS w30,
      SUM(CASE WHEN c."expiresAt" <= ${to60} THEN 1 ELSE 0 END) OVER () AS w60
    FROM "Membership" m
    JOIN "Certificate" c ON c."userId" = m."userId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."organizationId" = ${organizationId} AND m."status" = 'ACTIVE'
      AND c."revokedAt" IS NULL AND c."expiresAt" > ${now} AND c."expiresAt" <= ${to90}
      ${filters.course ? sql`AND c."courseId" = ${filters.course}` : empty} ${departmentClause(filters)}
      AND NOT EXISTS (
        SELECT 1 FROM "Certificate" r
        WHERE r."userId" = c."userId" AND r."courseId" = c."courseId" AND r."id" <> c."id" AND r."revokedAt" IS NULL
          AND (r."expiresAt" IS NULL OR r."expiresAt" > c."expiresAt"))
    ORDER BY c."expiresAt", c."id"
    LIMIT ${EXPIRING_LIST_SIZE}`);
  const first = rows[0];
  return {
    within30: n(first?.w30),
    within60: n(first?.w60),
    within90: n(first?.total),
    soonest: rows.map((r) => ({ certificateId: r.id, userId: r.uid, name: r.name, email: r.email, courseId: r.cid, expiresAt: toDate(r.expires)!.toISOString() })),
  };
}

export type StaffRow = {
  userId: string;
  name: string;
  email: string;
  role: string;
  status: "ACTIVE" | "DEACTIVATED";
  departmentId: string | null;
  assigned: number;
  completed: number;
  overdue: number;
};

function trainingClause(status: TrainingStatus | null): Sql {
  switch (status) {
    case "overdue":
      return sql`AND p.overdue > 0`;
    case "due":
      return sql`AND p.assigned > p.completed AND p.overdue = 0`;
    case "completed":
      return sql`AND p.assigned > 0 AND p.assigned = p.completed`;
    case "unassigned":
      return sql`AND p.uid IS NULL`;
    default:
      return empty;
  }
}

/**
 * One page of the staff report: members (any status unless filtered) with their assigned, completed
 * and overdue courses, filtered and sorted in the database; the total comes with the page (window count).
 */
export async function staffReport(
  organizationId: string,
  filters: ReportFilters,
  options: { page: number; pageSize?: number; order?: "name" | "overdue"; now?: Date },
): Promise<{ rows: StaffRow[]; total: number }> {
  const db = await getDb();
  const now = options.now ?? new Date();
  const pageSize = options.pageSize ?? STAFF_PAGE_SIZE;
  const search = filters.q ? `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const order = options.order === "overdue" ? sql`p.overdue DESC, u."name", u."id"` : sql`u."name", u."id"`;
  const rows = await db.$queryRaw<
    { uid: string; name: string; email: string; role: string; status: string; dep: string | null; assigned: unknown; completed: unknown; overdue: unknown; total: unknown }[]
  >(sql`
    ${pairsCte(organizationId, filters, now)},
    per_user AS (SELECT uid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(overdue) AS overdue FROM pairs GROUP BY uid)
    SELECT u."id" AS uid, u."name" AS name, u."email" AS email, m."role" AS role, m."status" AS status, m."departmentId" AS dep,
      COALESCE(p.assigned, 0) AS assigned, COALESCE(p.completed, 0) AS completed, COALESCE(p.overdue, 0) AS overdue,
      COUNT(*) OVER () AS total
    FROM "Membership" m
    JOIN "User" u ON u."id" = m."userId"
    LEFT JOIN per_user p ON p.uid = m."userId"
    WHERE m."organizationId" = ${organizationId} ${departmentClause(filters)}
      ${filters.member === "ACTIVE" ? sql`AND m."status" = 'ACTIVE'` : filters.member === "DEACTIVATED" ? sql`AND m."status" = 'DEACTIVATED'` : empty}
      ${trainingClause(filters.status)}
      ${search ? sql`AND (LOWER(u."name") LIKE ${search} ESCAPE '\\' OR LOWER(u."email") LIKE ${search} ESCAPE '\\')` : empty}
    ORDER BY ${order}
    LIMIT ${pageSize} OFFSET ${(options.page - 1) * pageSize}`);
  return {
    total: n(rows[0]?.total),
    rows: rows.map((r) => ({
      userId: r.uid,
      name: r.name,
      email: r.email,
      role: r.role,
      status: r.status as StaffRow["status"],
      departmentId: r.dep,
      assigned: n(r.assigned),
      completed: n(r.completed),
      overdue: n(r.overdue),
    })),
  };
}

/** Per assignment: the people it reaches now, how many are done, how many overdue. */
export async function assignmentProgress(organizationId: string, now = new Date()) {
  const db = await getDb();
  const rows = await db.$queryRaw<{ aid: string; assigned: unknown; completed: unknown; overdue: unknown }[]>(sql`
    ${pairsCte(organizationId, { department: null, course: null }, now)}
    SELECT aid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(CASE WHEN done = 0 AND past = 1 THEN 1 ELSE 0 END) AS overdue
    FROM assigned GROUP BY aid`);
  return new Map(rows.map((r) => [r.aid, { assigned: n(r.assigned), completed: n(r.completed), overdue: n(r.overdue) }]));
}

export const DASHBOARD_PEOPLE = 10;

/** Everything the dashboard shows, in four statements whatever the number of staff. */
export async function dashboard(organizationId: string, filters: ReportFilters, now = new Date()) {
  const [grid, timeline, expiring, people] = await Promise.all([
    completionGrid(organizationId, filters, now),
    completionsPerMonth(organizationId, filters, now),
    expiringCertificates(organizationId, filters, now),
    staffReport(
      organizationId,
      { ...filters, status: filters.status ?? "overdue", member: "ACTIVE", q: "" },
      { page: 1, pageSize: DASHBOARD_PEOPLE, order: "overdue", now },
    ),
  ]);
  const sum = (rows: Completion[]) =>
    rows.reduce((t, r) => ({ assigned: t.assigned + r.assigned, completed: t.completed + r.completed, overdue: t.overdue + r.overdue }), {
      assigned: 0,
      completed: 0,
      overdue: 0,
    });
  const group = (key: (r: (typeof grid)[number]) => string) => {
    const map = new Map<string, Completion>();
    for (const row of grid) map.set(key(row), sum([map.get(key(row)) ?? { assigned: 0, completed: 0, overdue: 0 }, row]));
    return map;
  };
  return {
    totals: sum(grid),
    byCourse: group((r) => r.courseId),
    byDepartment: group((r) => r.department ?? NO_DEPARTMENT),
    timeline,
    expiring,
    people,
  };
}

// ---------------------------------------------------------------------------------------------
// Exports: every matching row (not bounded like the pages), for the current filters.

export type CompletionExportRow = {
  name: string;
  email: string;
  departmentId: string | null;
  courseId: string;
  assigned: boolean;
  dueAt: Date | null;
  state: "completed" | "due" | "overdue";
  completedAt: Date | null;
};

/** Assigned courses of active members with their state, plus completed courses nobody assigned. */
export async function completionExport(organizationId: string, filters: ReportFilters, now = new Date()): Promise<CompletionExportRow[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<
    { name: string; email: string; dep: string | null; cid: string; assigned: unknown; due: unknown; done: unknown; overdue: unknown; completed: unknown }[]
  >(sql`
    ${pairsCte(organizationId, filters, now)},
    lines AS (
      SELECT uid, dep, cid, 1 AS assigned, due, done, overdue FROM pairs
      UNION ALL
      SELECT m."userId", m."departmentId", e."courseId", 0, NULL, 1, 0
      FROM "Membership" m JOIN "Enrolment" e ON e."userId" = m."userId"
      WHERE m."organizationId" = ${organizationId} AND m."status" = 'ACTIVE' AND e."completedAt" IS NOT NULL
        ${filters.course ? sql`AND e."courseId" = ${filters.course}` : empty} ${departmentClause(filters)}
        AND NOT EXISTS (SELECT 1 FROM pairs p WHERE p.uid = m."userId" AND p.cid = e."courseId")
    )
    SELECT u."name" AS name, u."email" AS email, l.dep AS dep, l.cid AS cid, l.assigned AS assigned, l.due AS due,
      l.done AS done, l.overdue AS overdue, e."completedAt" AS completed
    FROM lines l
    JOIN "User" u ON u."id" = l.uid
    LEFT JOIN "Enrolment" e ON e."userId" = l.uid AND e."courseId" = l.cid
    ORDER BY u."name", u."id", l.cid`);
  const result = rows.map((r) => ({
    name: r.name,
    email: r.email,
    departmentId: r.dep,
    courseId: r.cid,
    assigned: n(r.assigned) === 1,
    dueAt: toDate(r.due),
    state: (n(r.done) === 1 ? "completed" : n(r.overdue) === 1 ? "overdue" : "due") as CompletionExportRow["state"],
    completedAt: toDate(r.completed),
  }));
  if (filters.status === "unassigned") return result.filter((r) => !r.assigned);
  if (filters.status) return result.filter((r) => r.state === filters.status);
  return result;
}

export type CertificateExportRow = {
  certificateId: string;
  name: string;
  email: string;
  departmentId: string | null;
  courseId: string;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
};

/** Certificates held by active members, for the department and course filters. */
export async function certificateExport(organizationId: string, filters: ReportFilters): Promise<CertificateExportRow[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<
    { id: string; name: string; email: string; dep: string | null; cid: string; issued: unknown; expires: unknown; revoked: unknown }[]
  >(sql`
    SELECT c."id" AS id, u."name" AS name, u."email" AS email, m."departmentId" AS dep, c."courseId" AS cid,
      c."issuedAt" AS issued, c."expiresAt" AS expires, c."revokedAt" AS revoked
    FROM "Membership" m
    JOIN "Certificate" c ON c."userId" = m."userId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."organizationId" = ${organizationId} AND m."status" = 'ACTIVE'
      ${filters.course ? sql`AND c."courseId" = ${filters.course}` : empty} ${departmentClause(filters)}
    ORDER BY u."name", u."id", c."issuedAt"`);
  return rows.map((r) => ({
    certificateId: r.id,
    name: r.name,
    email: r.email,
    departmentId: r.dep,
    courseId: r.cid,
    issuedAt: toDate(r.issued)!,
    expiresAt: toDate(r.expires),
    revokedAt: toDate(r.revoked),
  }));
}
