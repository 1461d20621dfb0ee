// Reports for a municipality: completion per course and department, overdue staff, expiring
// certificates, progress over time, the staff report and the exports.
//
// Why raw SQL: the numbers must be computed by the database (a municipality may have thousands of
// staff; loading their rows would grow with them), and Prisma's groupBy cannot group enrolments by the
// department of the person's membership. The SQL is portable (the same text runs on SQLite and
// PostgreSQL: double-quoted identifiers, CASE, CTEs, window functions, parameters only where a column
// gives them a type). It implements the rules of rules.ts; reports.test.ts checks that both agree.
// See docs/decisions/0005-municipal-reports-in-portable-sql.md.
import { empty, join, raw, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { getDb, rawDate } from "~/db.server";
import { NO_DEPARTMENT, type ReportFilters, type TrainingStatus } from "./filters";
import { expiryWindowBounds, monthStarts, RECERTIFY_CHOICES, recertifyCutoff } from "~/training/rules";
import { LEVELS, ONCE } from "./summary.server";

export const STAFF_PAGE_SIZE = 50;
export const TIMELINE_MONTHS = 12;

const n = (value: unknown) => Number(value ?? 0);

/** Restricts a query on Membership m (or on a summary table's alias) to the department filter. */
function departmentClause(filters: Pick<ReportFilters, "department">, alias = "m"): Sql {
  if (!filters.department) return empty;
  if (filters.department === NO_DEPARTMENT) return sql`AND ${raw(alias)}."departmentId" IS NULL`;
  return sql`AND ${raw(alias)}."departmentId" = ${filters.department}`;
}


/**
 * The CTE `pairs` (per ACTIVE member and assigned course: done when every assignment of it is
 * satisfied now, overdue when one of them is past due and not satisfied now, due = the earliest due
 * date) and `per_user` (counts per person), read from the maintained summary ReportPair
 * (summary.server.ts): one row per pair, restricted to the organization (and filters) by its index.
 *
 * The rows hold only dates; the time-dependent judgement is made here, with the rules of reachedCte
 * below: a pair is done when its strictest requirement (`need`) is satisfied, and overdue when some
 * requirement level has a due date in the past and is not satisfied (requirements are ordered, so this
 * is "the strictest of those past due is not satisfied"). The certificate that counts for a renewal is
 * the newest one not revoked while it is valid; only when it has expired and an older one outlives it
 * (certOutlived) are the person's certificates asked which one is still valid.
 */
function pairsCte(
  organizationId: string,
  filters: Pick<ReportFilters, "department" | "course">,
  now: Date,
  /** CTEs to define first, and a restriction of the summary rows `s` (e.g. to one page of people) */
  only?: { ctes: Sql; members: Sql },
): Sql {
  const overdue = join(
    LEVELS.map(({ level, column }) =>
      level === 0
        ? sql`WHEN ${raw(`"${column}"`)} < ${now} THEN 1`
        : sql`WHEN ${raw(`"${column}"`)} < ${now} AND ${satisfied(raw(String(level)), now)} = 0 THEN 1`,
    ),
    " ",
  );
  return sql`
    WITH ${only ? sql`${only.ctes},` : empty} facts AS (
      SELECT s."userId" AS uid, s."departmentId" AS dep, s."courseId" AS cid, s."dueAt" AS due, s."need" AS need,
        ${raw(LEVELS.map(({ column }) => `s."${column}"`).join(", "))},
        s."completedAt" AS completed, s."certIssuedAt" AS certified,
        CASE WHEN s."certExpiresAt" IS NULL OR s."certExpiresAt" > ${now} THEN s."certIssuedAt"
          WHEN s."certOutlived" = 1 THEN (
            SELECT MAX(c."issuedAt") FROM "Certificate" c
            WHERE c."userId" = s."userId" AND c."courseId" = s."courseId" AND c."revokedAt" IS NULL AND (c."expiresAt" IS NULL OR c."expiresAt" > ${now}))
        END AS valid_certified
      FROM "ReportPair" s
      WHERE s."organizationId" = ${organizationId} ${filters.course ? sql`AND s."courseId" = ${filters.course}` : empty} ${departmentClause(filters, "s")} ${only?.members ?? empty}
    ),
    pairs AS (
      SELECT uid, dep, cid, due, ${satisfied(sql`need`, now)} AS done, CASE WHEN due >= ${now} THEN 0 ${overdue} ELSE 0 END AS overdue
      FROM facts
    ),
    per_user AS (SELECT uid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(overdue) AS overdue FROM pairs GROUP BY uid)`;
}

/**
 * The CTEs `reached` (one row per assignment reaching an active member, with its requirement `need`),
 * `facts` (one row per person and assigned course: the earliest due date, the strictest requirement
 * overall and among the assignments past due, and the completion facts) and `pairs` (per person and
 * assigned course: done when every assignment of it is satisfied, overdue when one of them is past due
 * and unsatisfied, due = the earliest due date), and `per_user` (counts per person).
 *
 * Requirements are ordered: "renew every N months" is satisfied by a completion (or a valid certificate)
 * newer than now − N months, which also satisfies every longer period and "complete once". So a person's
 * assignments of one course are satisfied exactly when the strictest one (smallest N) is, and one past
 * due is unsatisfied exactly when the strictest of those past due is: each pair is judged once, from its
 * enrolment's completion and its certificates, whatever the number of assignments reaching it.
 *
 * This evaluates the sources at every request (per assignment progress needs each assignment's row);
 * the summary's refresh (summary.server.ts) computes the same facts. Department and personal assignments are joined separately (UNION ALL, each on
 * its own index), every table is restricted to the organization by a constant, and the enrolment and
 * certificate facts are read from covering indexes, so the work grows with the municipality's assigned
 * people, never with the platform's.
 */
function reachedCte(
  organizationId: string,
  filters: Pick<ReportFilters, "department" | "course">,
  now: Date,
  /** CTEs to define first, and a restriction of the members (e.g. to one page of them) */
  only?: { ctes: Sql; members: Sql },
): Sql {
  const where = sql`a."organizationId" = ${organizationId} AND m."organizationId" = ${organizationId} AND m."status" = 'ACTIVE'
        ${filters.course ? sql`AND a."courseId" = ${filters.course}` : empty} ${departmentClause(filters)} ${only?.members ?? empty}`;
  // A period outside the allowed choices can never be satisfied (level 0, the strictest), as before.
  const need = sql`CASE WHEN a."recertifyMonths" IS NULL THEN ${raw(String(ONCE))}
    WHEN a."recertifyMonths" IN (${raw(RECERTIFY_CHOICES.join(", "))}) THEN a."recertifyMonths" ELSE 0 END`;
  const columns = sql`a."id" AS aid, m."userId" AS uid, m."departmentId" AS dep, a."courseId" AS cid, a."dueAt" AS due, ${need} AS need`;
  return sql`
    WITH ${only ? sql`${only.ctes},` : empty} reached AS (
      SELECT ${columns} FROM "Assignment" a JOIN "Membership" m ON m."departmentId" = a."departmentId" WHERE ${where}
      UNION ALL
      SELECT ${columns} FROM "Assignment" a JOIN "Membership" m ON m."userId" = a."userId" WHERE ${where}
    ),
    facts AS (
      SELECT x.uid, x.dep, x.cid, MIN(x.due) AS due, MIN(x.need) AS need,
        MIN(CASE WHEN x.due < ${now} THEN x.need END) AS past_need,
        MAX(e."completedAt") AS completed,
        MAX(c."issuedAt") AS certified,
        MAX(CASE WHEN c."expiresAt" IS NULL OR c."expiresAt" > ${now} THEN c."issuedAt" END) AS valid_certified
      FROM reached x
      LEFT JOIN "Enrolment" e ON e."userId" = x.uid AND e."courseId" = x.cid
      -- certificates matter only when the completion alone cannot settle it (renewal, or not completed)
      LEFT JOIN "Certificate" c ON c."userId" = x.uid AND c."courseId" = x.cid AND c."revokedAt" IS NULL
        AND (e."completedAt" IS NULL OR x.need < ${raw(String(ONCE))})
      GROUP BY x.uid, x.dep, x.cid
    ),
    pairs AS (
      SELECT uid, dep, cid, due, ${satisfied(sql`need`, now)} AS done,
        CASE WHEN past_need IS NULL THEN 0 ELSE 1 - ${satisfied(sql`past_need`, now)} END AS overdue
      FROM facts
    ),
    per_user AS (SELECT uid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(overdue) AS overdue FROM pairs GROUP BY uid)`;
}

/**
 * 1 when a person's completion facts (`completed`, `certified`, `valid_certified` of the `facts` CTE)
 * satisfy the requirement `level`, else 0. "Renew every N months": a completion, or a valid
 * certificate, newer than now − N months (the cut-off of each allowed N is computed by rules.ts and
 * passed in, so no date arithmetic in SQL). "Complete once": any completion, or a certificate that was
 * not revoked (it proves a completion even after the enrolment started a new cycle).
 */
function satisfied(level: Sql, now: Date, facts = raw("")): Sql {
  const renewed = RECERTIFY_CHOICES.map((months) => {
    const cutoff = recertifyCutoff(now, months);
    return sql`WHEN ${raw(String(months))} THEN CASE WHEN ${facts}completed >= ${cutoff} OR ${facts}valid_certified >= ${cutoff} THEN 1 ELSE 0 END`;
  });
  return sql`CASE ${level}
      WHEN ${raw(String(ONCE))} THEN CASE WHEN ${facts}completed IS NOT NULL OR ${facts}certified IS NOT NULL THEN 1 ELSE 0 END
      ${join(renewed, " ")} ELSE 0 END`;
}

export type Completion = { assigned: number; completed: number; overdue: number };

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

/** Which members (Membership m, User u) a report lists: organization, department, member status, search. */
function memberFilter(organizationId: string, filters: ReportFilters): Sql {
  const search = filters.q ? `%${filters.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  return sql`m."organizationId" = ${organizationId} ${departmentClause(filters)}
      ${filters.member === "ACTIVE" ? sql`AND m."status" = 'ACTIVE'` : filters.member === "DEACTIVATED" ? sql`AND m."status" = 'DEACTIVATED'` : empty}
      ${search ? sql`AND (LOWER(u."name") LIKE ${search} ESCAPE '\\' OR LOWER(u."email") LIKE ${search} ESCAPE '\\')` : empty}`;
}

/**
 * Members (after the CTEs of pairsCte) with their counts, filtered, sorted and paged, with the total:
 * `cte` goes after pairsCte's CTEs, `select` reads it.
 *
 * Sorted by name, the filtered members are a MATERIALIZED CTE, sorted and paged once they are all
 * known (the window total needs them all anyway). Inlined, PostgreSQL 15 costs the window function
 * as if LIMIT could stop it early, walks the members in name order and, for a training-status filter,
 * compared each with every person's counts in a nested loop: 71 million comparisons and 2.5 s for
 * the largest city of the 100,000-learner benchmark, 120 ms materialized (docs/performance.md).
 * Sorted by overdue count (the dashboard), no order comes for free, the plans were already good, and
 * the CTE stays inlined (materializing it cost SQLite ~25 ms there).
 */
function peopleSelect(organizationId: string, filters: ReportFilters, options: { limit: number; offset: number; order: "name" | "overdue" }): { cte: Sql; select: Sql } {
  const order = options.order === "overdue" ? sql`overdue DESC, name, uid` : sql`name, uid`;
  return {
    cte: sql`people AS ${options.order === "name" ? raw("MATERIALIZED") : empty} (
      SELECT u."id" AS uid, u."name" AS name, u."email" AS email, CAST(m."role" AS TEXT) AS role, CAST(m."status" AS TEXT) AS status, m."departmentId" AS dep,
        COALESCE(p.assigned, 0) AS assigned, COALESCE(p.completed, 0) AS completed, COALESCE(p.overdue, 0) AS overdue
      FROM "Membership" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN per_user p ON p.uid = m."userId"
      WHERE ${memberFilter(organizationId, filters)} ${trainingClause(filters.status)})`,
    select: sql`
      SELECT uid, name, email, role, status, dep, assigned, completed, overdue, COUNT(*) OVER () AS total
      FROM people
      ORDER BY ${order}
      LIMIT ${options.limit} OFFSET ${options.offset}`,
  };
}

/**
 * The dashboard's list: the first `limit` ACTIVE members of a training status that implies assigned
 * courses (overdue, due, completed), most overdue first, with the total. Same rows as peopleSelect
 * (reports.test.ts compares them), read in the other direction: such members are exactly the people
 * of `per_user` (the summary holds ACTIVE members only, with their department), so the total needs no
 * join, and only those whose overdue count reaches the `limit`-th highest are joined to their names
 * before sorting — 42 of 9,258 overdue people in the largest city of the 100,000-learner benchmark,
 * where joining every one of them was the dashboard's costliest part (docs/performance.md).
 */
function topPeopleSelect(organizationId: string, status: "overdue" | "due" | "completed", limit: number): { cte: Sql; select: Sql } {
  return {
    cte: sql`ranked AS (SELECT p.uid, p.assigned, p.completed, p.overdue FROM per_user p WHERE 1 = 1 ${trainingClause(status)}),
    cut AS (SELECT COALESCE(MIN(overdue), 0) AS at_least FROM (SELECT overdue FROM ranked ORDER BY overdue DESC LIMIT ${limit}) highest),
    people AS (
      SELECT u."id" AS uid, u."name" AS name, u."email" AS email, CAST(m."role" AS TEXT) AS role, CAST(m."status" AS TEXT) AS status, m."departmentId" AS dep,
        r.assigned, r.completed, r.overdue
      FROM ranked r
      JOIN "Membership" m ON m."userId" = r.uid AND m."organizationId" = ${organizationId}
      JOIN "User" u ON u."id" = r.uid
      WHERE r.overdue >= (SELECT at_least FROM cut))`,
    select: sql`
      SELECT uid, name, email, role, status, dep, assigned, completed, overdue, (SELECT COUNT(*) FROM ranked) AS total
      FROM people
      ORDER BY overdue DESC, name, uid
      LIMIT ${limit}`,
  };
}

type PersonColumns = { uid: string; name: string; email: string; role: string; status: string; dep: string | null; assigned: unknown; completed: unknown; overdue: unknown; total: unknown };

function toStaffRow(r: PersonColumns): StaffRow {
  return {
    userId: r.uid,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.status as StaffRow["status"],
    departmentId: r.dep,
    assigned: n(r.assigned),
    completed: n(r.completed),
    overdue: n(r.overdue),
  };
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
  const offset = (options.page - 1) * pageSize;
  const order = options.order ?? "name";
  if (!filters.status && order === "name") {
    // No training-status filter: the page is chosen by name first, and the assignments are evaluated
    // for its 50 people only, so a page costs the same in a town of 300 and a city of 12,000.
    const rows = await db.$queryRaw<PersonColumns[]>(sql`
      ${pairsCte(organizationId, filters, now, {
        ctes: sql`page_members AS (
          SELECT m."userId" AS uid, COUNT(*) OVER () AS total
          FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
          WHERE ${memberFilter(organizationId, filters)}
          ORDER BY u."name", u."id"
          LIMIT ${pageSize} OFFSET ${offset})`,
        members: sql`AND s."userId" IN (SELECT uid FROM page_members)`,
      })}
      SELECT u."id" AS uid, u."name" AS name, u."email" AS email, CAST(m."role" AS TEXT) AS role, CAST(m."status" AS TEXT) AS status,
        m."departmentId" AS dep, COALESCE(p.assigned, 0) AS assigned, COALESCE(p.completed, 0) AS completed, COALESCE(p.overdue, 0) AS overdue,
        pm.total AS total
      FROM page_members pm
      JOIN "Membership" m ON m."userId" = pm.uid AND m."organizationId" = ${organizationId}
      JOIN "User" u ON u."id" = pm.uid
      LEFT JOIN per_user p ON p.uid = pm.uid
      ORDER BY u."name", u."id"`);
    return { total: n(rows[0]?.total), rows: rows.map(toStaffRow) };
  }
  const people = peopleSelect(organizationId, filters, { limit: pageSize, offset, order });
  const rows = await db.$queryRaw<PersonColumns[]>(sql`
    ${pairsCte(organizationId, filters, now)},
    ${people.cte}
    ${people.select}`);
  return { total: n(rows[0]?.total), rows: rows.map(toStaffRow) };
}

/** Per assignment: the people it reaches now, how many are done, how many overdue. */
export async function assignmentProgress(organizationId: string, now = new Date()) {
  const db = await getDb();
  const rows = await db.$queryRaw<{ aid: string; assigned: unknown; completed: unknown; overdue: unknown }[]>(sql`
    ${reachedCte(organizationId, { department: null, course: null }, now)}
    SELECT aid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(CASE WHEN done = 0 AND due < ${now} THEN 1 ELSE 0 END) AS overdue
    FROM (
      SELECT x.aid, x.due, ${satisfied(sql`x.need`, now, raw("f."))} AS done
      FROM reached x JOIN facts f ON f.uid = x.uid AND f.cid = x.cid
    ) judged
    GROUP BY aid`);
  return new Map(rows.map((r) => [r.aid, { assigned: n(r.assigned), completed: n(r.completed), overdue: n(r.overdue) }]));
}

export const DASHBOARD_PEOPLE = 10;
export const EXPIRING_LIST_SIZE = 10;

type DashboardRow = {
  kind: "grid" | "person" | "month" | "expiring";
  dep: string | null;
  cid: string | null;
  uid: string | null;
  name: string | null;
  email: string | null;
  role: string | null;
  status: string | null;
  ref: string | null;
  at: unknown;
  assigned: unknown;
  completed: unknown;
  overdue: unknown;
  total: unknown;
};

/**
 * Everything the dashboard shows, in ONE statement whatever the number of staff: the rows of four
 * reports (tagged by `kind`) in one UNION ALL, sharing the summary's judged pairs.
 *  - grid: per (department, course) assigned people, completed, overdue;
 *  - person: the first people of the chosen training status (default: overdue), most overdue first;
 *  - month: course completions of active members per month (progress over time), from the summary
 *    ReportCompletion: a range of its (organization, completedAt) index;
 *  - expiring: valid certificates of active members expiring within 90 days and not renewed by a newer
 *    one — the soonest few, with the counts within 30/60/90 days (cumulative) as window totals — from
 *    the summary ReportExpiry, a range of its (organization, expiresAt) index. (Read from Membership ×
 *    Enrolment and Membership × Certificate, these two cost PostgreSQL 150–200 ms of the largest city's
 *    dashboard: a probe per member, and every certificate of the platform expiring soon.)
 * (Sent as three statements side by side on PostgreSQL's pool instead, the largest city's dashboard
 * took as long: the parts compete for the same cores. docs/performance.md)
 */
export async function dashboard(organizationId: string, filters: ReportFilters, now = new Date()) {
  const db = await getDb();
  const months = monthStarts(now, TIMELINE_MONTHS);
  const monthIndex = join(
    months.slice(0, -1).map((start, i) => sql`WHEN r."completedAt" >= ${start} AND r."completedAt" < ${months[i + 1]} THEN ${raw(String(i))}`),
    " ",
  );
  const { to30, to60, to90 } = expiryWindowBounds(now);
  const courseOf = (column: Sql) => (filters.course ? sql`AND ${column} = ${filters.course}` : empty);
  const status = filters.status ?? "overdue";
  const people =
    status === "unassigned"
      ? peopleSelect(organizationId, { ...filters, status, member: "ACTIVE", q: "" }, { limit: DASHBOARD_PEOPLE, offset: 0, order: "overdue" })
      : topPeopleSelect(organizationId, status, DASHBOARD_PEOPLE);
  const rows = await db.$queryRaw<DashboardRow[]>(sql`
    ${pairsCte(organizationId, filters, now)},
    grid AS (SELECT dep, cid, COUNT(*) AS assigned, SUM(done) AS completed, SUM(overdue) AS overdue FROM pairs GROUP BY dep, cid),
    ${people.cte},
    months AS (
      SELECT CASE ${monthIndex} END AS idx
      FROM "ReportCompletion" r
      WHERE r."organizationId" = ${organizationId} AND r."completedAt" >= ${months[0]} AND r."completedAt" < ${months[months.length - 1]}
        ${courseOf(raw('r."courseId"'))} ${departmentClause(filters, "r")}
    )
    SELECT 'grid' AS kind, dep, cid, NULL AS uid, NULL AS name, NULL AS email, NULL AS role, NULL AS status, NULL AS ref,
      CAST(NULL AS TIMESTAMP) AS at, -- PostgreSQL types a UNION's columns from its first branches
      assigned, completed, overdue, NULL AS total
    FROM grid
    UNION ALL
    SELECT 'person', p.dep, NULL, p.uid, p.name, p.email, p.role, p.status, NULL, NULL, p.assigned, p.completed, p.overdue, p.total
    FROM (${people.select}) p
    UNION ALL
    SELECT 'month', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, idx, COUNT(*), NULL, NULL
    FROM months GROUP BY idx
    UNION ALL
    SELECT 'expiring', x.dep, x.cid, x.uid, u."name", u."email", NULL, NULL, x.ref, x.at, x.w30, x.w60, NULL, x.total
    FROM (
      -- the soonest few and the counts first, then the names of those few only (reading every
      -- member's name before choosing cost ~15 ms in the largest city)
      SELECT r."departmentId" AS dep, r."courseId" AS cid, r."userId" AS uid, r."certificateId" AS ref, r."expiresAt" AS at,
        SUM(CASE WHEN r."expiresAt" <= ${to30} THEN 1 ELSE 0 END) OVER () AS w30,
        SUM(CASE WHEN r."expiresAt" <= ${to60} THEN 1 ELSE 0 END) OVER () AS w60,
        COUNT(*) OVER () AS total
      FROM "ReportExpiry" r
      WHERE r."organizationId" = ${organizationId} AND r."expiresAt" > ${now} AND r."expiresAt" <= ${to90}
        ${courseOf(raw('r."courseId"'))} ${departmentClause(filters, "r")}
      ORDER BY r."expiresAt", r."certificateId"
      LIMIT ${EXPIRING_LIST_SIZE}
    ) x
    JOIN "User" u ON u."id" = x.uid`);

  const grid = rows.filter((r) => r.kind === "grid").map((r) => ({ department: r.dep, courseId: r.cid!, assigned: n(r.assigned), completed: n(r.completed), overdue: n(r.overdue) }));
  const personRows = rows.filter((r) => r.kind === "person");
  const perMonth = new Map(rows.filter((r) => r.kind === "month" && r.assigned !== null).map((r) => [n(r.assigned), n(r.completed)]));
  // soonest first (the branch's order is lost in its join to the names)
  const expiring = rows
    .filter((r) => r.kind === "expiring")
    .map((r) => ({ ...r, at: rawDate(r.at)! }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || (a.ref! < b.ref! ? -1 : 1));
  const sum = (list: Completion[]) =>
    list.reduce((t, r) => ({ assigned: t.assigned + r.assigned, completed: t.completed + r.completed, overdue: t.overdue + r.overdue }), {
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
    timeline: months.slice(0, -1).map((start, i) => ({ month: start.toISOString().slice(0, 7), completions: perMonth.get(i) ?? 0 })),
    expiring: {
      within30: n(expiring[0]?.assigned),
      within60: n(expiring[0]?.completed),
      within90: n(expiring[0]?.total),
      soonest: expiring.map((r) => ({ certificateId: r.ref!, userId: r.uid!, name: r.name!, email: r.email!, courseId: r.cid!, expiresAt: r.at.toISOString() })),
    },
    people: {
      total: n(personRows[0]?.total),
      rows: personRows.map((r) => toStaffRow(r as unknown as PersonColumns)),
    },
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
    dueAt: rawDate(r.due),
    state: (n(r.done) === 1 ? "completed" : n(r.overdue) === 1 ? "overdue" : "due") as CompletionExportRow["state"],
    completedAt: rawDate(r.completed),
  }));
  if (filters.status === "unassigned") return result.filter((r) => !r.assigned);
  if (filters.status) return result.filter((r) => r.state === filters.status);
  return result;
}

export type CertificateExportRow = {
  certificateId: string;
  /** the name printed on the certificate (snapshot at issue), not the account's current name */
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
    SELECT c."id" AS id, c."holderName" AS name, u."email" AS email, m."departmentId" AS dep, c."courseId" AS cid,
      c."issuedAt" AS issued, c."expiresAt" AS expires, c."revokedAt" AS revoked
    FROM "Membership" m
    JOIN "Certificate" c ON c."userId" = m."userId"
    JOIN "User" u ON u."id" = m."userId"
    WHERE m."organizationId" = ${organizationId} AND m."status" = 'ACTIVE'
      ${filters.course ? sql`AND c."courseId" = ${filters.course}` : empty} ${departmentClause(filters)}
    ORDER BY c."holderName", u."id", c."issuedAt"`);
  return rows.map((r) => ({
    certificateId: r.id,
    name: r.name,
    email: r.email,
    departmentId: r.dep,
    courseId: r.cid,
    issuedAt: rawDate(r.issued)!,
    expiresAt: rawDate(r.expires),
    revokedAt: rawDate(r.revoked),
  }));
}
