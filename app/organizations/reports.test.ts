// The report SQL must say what the pure rules (rules.ts) say, on SQLite and on PostgreSQL
// (TEST_DATABASE_URL=postgresql://…). A random municipality is built, then every figure the reports
// give is recomputed person by person with the rules and compared.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { addMonths } from "~/dates";
import { emptyFilters, NO_DEPARTMENT, type ReportFilters } from "./filters";
import { ensureCourse } from "./fixtures.server";
import { rebuildReportSummaries } from "./summary.server";
import { assignmentProgress, certificateExport, completionExport, dashboard, DASHBOARD_PEOPLE, staffReport } from "./reports.server";
import {
  appliesTo,
  assignmentState,
  combineStates,
  isSatisfied,
  isValidCertificate,
  monthStarts,
  RECERTIFY_CHOICES,
  type AssignmentState,
} from "~/training/rules";

let db: Db;
let cleanup: () => Promise<void>;
const now = new Date();
const DAY = 86_400_000;

// a small deterministic PRNG, so that a failure can be reproduced
let seed = 20261123;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pickOne = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const daysFromNow = (days: number) => new Date(now.getTime() + days * DAY);

type Member = { userId: string; name: string; email: string; departmentId: string | null; status: "ACTIVE" | "DEACTIVATED" };
type Assignment = { id: string; courseId: string; userId: string | null; departmentId: string | null; dueAt: Date; recertifyMonths: number | null };
type Cert = { id: string; userId: string; courseId: string; issuedAt: Date; expiresAt: Date | null; revokedAt: Date | null };

const world = {
  orgId: "",
  otherOrgId: "",
  departments: [] as string[],
  courses: [] as string[],
  members: [] as Member[],
  assignments: [] as Assignment[],
  completions: new Map<string, Date>(), // userId:courseId → completedAt
  renewerId: "", // the person whose newest certificate alone satisfies a renewal
  certificates: [] as Cert[],
};

async function addMember(orgId: string, departmentId: string | null, status: "ACTIVE" | "DEACTIVATED", i: number) {
  const userId = newId();
  const name = `${pickOne(["Ana", "Li", "Amina", "Олег", "Zoë", "Carlos"])} ${String(i).padStart(3, "0")}`;
  const email = `${userId}@example.org`;
  await db.user.create({ data: { id: userId, email, name, passwordHash: "x" } });
  await db.membership.create({ data: { id: newId(), userId, organizationId: orgId, role: "LEARNER", departmentId, status } });
  return { userId, name, email, departmentId, status };
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  (globalThis as { __db?: Promise<Db> }).__db = Promise.resolve(db);
  const { orgIds } = await seedDemo(db);
  world.orgId = orgIds.municipality;
  world.otherOrgId = orgIds.municipality2;
  for (const name of ["Urban Planning", "Social Services"]) {
    world.departments.push((await db.department.findFirstOrThrow({ where: { organizationId: world.orgId, name } })).id);
  }
  world.departments.push((await db.department.create({ data: { id: newId(), organizationId: world.orgId, name: "Finance" } })).id);
  for (let c = 0; c < 4; c++) {
    const { courseId } = await ensureCourse({ slug: `report-course-${c}`, academyId: orgIds.academy, title: { en: `Course ${c}` } }, db);
    world.courses.push(courseId);
  }
  // the demo learner and manager are members too
  const demo = await db.membership.findMany({
    where: { organizationId: world.orgId },
    select: { userId: true, departmentId: true, status: true, user: { select: { name: true, email: true } } },
  });
  for (const m of demo) world.members.push({ userId: m.userId, departmentId: m.departmentId, status: m.status, ...m.user });
  // 60 more, some without department, some deactivated
  for (let i = 0; i < 60; i++) {
    const departmentId = random() < 0.15 ? null : pickOne(world.departments);
    world.members.push(await addMember(world.orgId, departmentId, random() < 0.1 ? "DEACTIVATED" : "ACTIVE", i));
  }
  // the other municipality has people, assignments and completions too: none may show here
  const otherDepartment = (await db.department.findFirstOrThrow({ where: { organizationId: world.otherOrgId, name: "Public Works" } })).id;
  const strangers: Member[] = [];
  for (let i = 0; i < 10; i++) strangers.push(await addMember(world.otherOrgId, otherDepartment, "ACTIVE", 100 + i));
  await db.assignment.create({
    data: { id: newId(), organizationId: world.otherOrgId, courseId: world.courses[0], departmentId: otherDepartment, dueAt: daysFromNow(-5), createdById: "x" },
  });
  // assignments: a department assignment per department and course (most), some to individuals
  const recertify = [null, null, ...RECERTIFY_CHOICES.slice(0, 4)];
  for (const departmentId of world.departments) {
    for (const courseId of world.courses) {
      if (random() < 0.3) continue;
      world.assignments.push({ id: newId(), courseId, userId: null, departmentId, dueAt: daysFromNow(Math.round(random() * 200 - 120)), recertifyMonths: pickOne(recertify) });
    }
  }
  for (let i = 0; i < 15; i++) {
    const m = pickOne(world.members);
    world.assignments.push({ id: newId(), courseId: pickOne(world.courses), userId: m.userId, departmentId: null, dueAt: daysFromNow(Math.round(random() * 200 - 120)), recertifyMonths: pickOne(recertify) });
  }
  for (const a of world.assignments) await db.assignment.create({ data: { ...a, organizationId: world.orgId, createdById: "x" } });
  // enrolments, completions (up to 3 years ago) and certificates (some expired, revoked, expiring soon)
  const versions = await db.courseVersion.findMany({ select: { id: true, courseId: true } });
  for (const m of [...world.members, ...strangers]) {
    for (const courseId of world.courses) {
      const roll = random();
      if (roll < 0.3) continue;
      const completedAt = roll < 0.75 ? daysFromNow(-Math.round(random() * 1100)) : null;
      await db.enrolment.create({
        data: { id: newId(), userId: m.userId, courseId, courseVersionId: versions.find((v) => v.courseId === courseId)!.id, completedAt },
      });
      if (completedAt) world.completions.set(`${m.userId}:${courseId}`, completedAt);
      if (!completedAt && random() < 0.3) {
        // a recertification cycle in progress: completedAt was reset, the earlier certificate remains
        const enrolment = await db.enrolment.findFirstOrThrow({ where: { userId: m.userId, courseId } });
        const cert = { id: newId(), userId: m.userId, courseId, issuedAt: daysFromNow(-800), expiresAt: daysFromNow(-70), revokedAt: random() < 0.2 ? daysFromNow(-100) : null };
        await db.certificate.create({
          data: { ...cert, enrolmentId: enrolment.id, courseVersion: 1, holderName: m.name, courseTitle: { en: "C" }, issuerName: "I", credential: "c" },
        });
        if (world.members.includes(m)) world.certificates.push(cert);
      }
      if (completedAt && random() < 0.7) {
        const enrolment = await db.enrolment.findFirstOrThrow({ where: { userId: m.userId, courseId } });
        const expiresAt = random() < 0.2 ? null : random() < 0.5 ? daysFromNow(Math.round(random() * 120 - 10)) : addMonths(completedAt, 24);
        const cert = { id: newId(), userId: m.userId, courseId, issuedAt: completedAt, expiresAt, revokedAt: random() < 0.1 ? daysFromNow(-1) : null };
        await db.certificate.create({
          data: { ...cert, enrolmentId: enrolment.id, courseVersion: 1, holderName: m.name, courseTitle: { en: "C" }, issuerName: "I", credential: "c" },
        });
        if (world.members.includes(m)) world.certificates.push(cert);
        // a renewal: a newer certificate for the same course makes the older one not "expiring"
        if (expiresAt && random() < 0.15) {
          const renewal = { id: newId(), userId: m.userId, courseId, issuedAt: daysFromNow(-3), expiresAt: daysFromNow(400), revokedAt: null };
          await db.certificate.create({
            data: { ...renewal, enrolmentId: enrolment.id, courseVersion: 1, holderName: m.name, courseTitle: { en: "C" }, issuerName: "I", credential: "c" },
          });
          world.certificates.push(renewal);
        }
      }
    }
  }
  // A renewal that decides: "renew every 12 months", completed 20 months ago, its certificate still
  // valid for a month, and a renewal certificate issued a month ago. Only the newest certificate
  // satisfies the assignment: a summary keeping another one would call this person overdue.
  const renewer = await addMember(world.orgId, null, "ACTIVE", 200);
  world.members.push(renewer);
  const renewal = { id: newId(), courseId: world.courses[3], userId: renewer.userId, departmentId: null, dueAt: daysFromNow(-30), recertifyMonths: 12 };
  world.assignments.push(renewal);
  await db.assignment.create({ data: { ...renewal, organizationId: world.orgId, createdById: "x" } });
  const renewedAt = addMonths(new Date(), -20);
  const renewerEnrolment = await db.enrolment.create({
    data: { id: newId(), userId: renewer.userId, courseId: world.courses[3], courseVersionId: versions.find((v) => v.courseId === world.courses[3])!.id, completedAt: renewedAt },
  });
  world.completions.set(`${renewer.userId}:${world.courses[3]}`, renewedAt);
  for (const cert of [
    { id: newId(), userId: renewer.userId, courseId: world.courses[3], issuedAt: renewedAt, expiresAt: daysFromNow(30), revokedAt: null },
    { id: newId(), userId: renewer.userId, courseId: world.courses[3], issuedAt: daysFromNow(-30), expiresAt: daysFromNow(700), revokedAt: null },
  ]) {
    await db.certificate.create({
      data: { ...cert, enrolmentId: renewerEnrolment.id, courseVersion: 1, holderName: renewer.name, courseTitle: { en: "C" }, issuerName: "I", credential: "c" },
    });
    world.certificates.push(cert);
  }
  world.renewerId = renewer.userId;
  // the rows above were written directly, not through the area functions that maintain the summary
  await rebuildReportSummaries(db);
}, 120_000);
afterAll(() => cleanup());

/** Person × course → state, computed with the pure rules only. */
function expectedPairs(filters: Pick<ReportFilters, "department" | "course">) {
  const pairs: { member: Member; courseId: string; state: AssignmentState; dueAt: Date }[] = [];
  for (const member of world.members) {
    if (filters.department === NO_DEPARTMENT ? member.departmentId !== null : filters.department && member.departmentId !== filters.department) continue;
    for (const courseId of world.courses) {
      if (filters.course && courseId !== filters.course) continue;
      const applying = world.assignments.filter((a) => a.courseId === courseId && appliesTo(a, member));
      const facts = {
        completedAt: world.completions.get(`${member.userId}:${courseId}`) ?? null,
        certificates: world.certificates.filter((c) => c.userId === member.userId && c.courseId === courseId),
      };
      const state = combineStates(applying.map((a) => assignmentState(a, facts, now)));
      if (state) pairs.push({ member, courseId, state, dueAt: new Date(Math.min(...applying.map((a) => a.dueAt.getTime()))) });
    }
  }
  return pairs;
}

const filterSets: ReportFilters[] = [
  emptyFilters,
  { ...emptyFilters, department: "0" },
  { ...emptyFilters, department: NO_DEPARTMENT },
  { ...emptyFilters, course: "1" },
  { ...emptyFilters, department: "2", course: "0" },
];
const resolve = (f: ReportFilters): ReportFilters => ({
  ...f,
  department: f.department && f.department !== NO_DEPARTMENT ? world.departments[Number(f.department)] : f.department,
  course: f.course ? world.courses[Number(f.course)] : null,
});

describe("report SQL agrees with the assignment rules", () => {
  it("the dataset covers every case", () => {
    const states = new Set(expectedPairs(emptyFilters).map((p) => p.state));
    expect([...states].sort()).toEqual(["completed", "due", "overdue"]);
    expect(world.assignments.some((a) => a.recertifyMonths)).toBe(true);
  });

  it("a renewal is satisfied by the newest certificate, while an older one is still valid", async () => {
    const mine = expectedPairs(emptyFilters).filter((p) => p.member.userId === world.renewerId);
    expect(mine.map((p) => [p.courseId, p.state])).toEqual([[world.courses[3], "completed"]]);
    const { rows } = await staffReport(world.orgId, emptyFilters, { page: 1, pageSize: 500 });
    const row = rows.find((r) => r.userId === world.renewerId)!;
    expect({ assigned: row.assigned, completed: row.completed, overdue: row.overdue }).toEqual({ assigned: 1, completed: 1, overdue: 0 });
  });

  for (const raw of filterSets) {
    it(`completion per course and department, filters ${JSON.stringify(raw)}`, async () => {
      const filters = resolve(raw);
      const expected = expectedPairs(filters);
      const result = await dashboard(world.orgId, filters, now);
      const count = (list: typeof expected) => ({
        assigned: list.length,
        completed: list.filter((p) => p.state === "completed").length,
        overdue: list.filter((p) => p.state === "overdue").length,
      });
      expect(result.totals).toEqual(count(expected));
      for (const courseId of world.courses) {
        const list = expected.filter((p) => p.courseId === courseId);
        expect(result.byCourse.get(courseId) ?? count([])).toEqual(count(list));
      }
      for (const department of [...world.departments, null]) {
        const list = expected.filter((p) => p.member.departmentId === department);
        expect(result.byDepartment.get(department ?? NO_DEPARTMENT) ?? count([])).toEqual(count(list));
      }
    });

    it(`staff report rows and training-status filters, filters ${JSON.stringify(raw)}`, async () => {
      const filters = resolve(raw);
      const expected = expectedPairs(filters);
      const inScope = world.members.filter((m) =>
        filters.department === NO_DEPARTMENT ? m.departmentId === null : !filters.department || m.departmentId === filters.department,
      );
      const per = (m: Member) => {
        const list = expected.filter((p) => p.member === m);
        return { assigned: list.length, completed: list.filter((p) => p.state === "completed").length, overdue: list.filter((p) => p.state === "overdue").length };
      };
      const { rows, total } = await staffReport(world.orgId, filters, { page: 1, pageSize: 500, now });
      expect(total).toBe(inScope.length);
      for (const row of rows) {
        const m = inScope.find((x) => x.userId === row.userId)!;
        expect({ assigned: row.assigned, completed: row.completed, overdue: row.overdue }, row.name).toEqual(per(m));
      }
      const matches = {
        overdue: (c: ReturnType<typeof per>) => c.overdue > 0,
        due: (c: ReturnType<typeof per>) => c.assigned > c.completed && c.overdue === 0,
        completed: (c: ReturnType<typeof per>) => c.assigned > 0 && c.assigned === c.completed,
        unassigned: (c: ReturnType<typeof per>) => c.assigned === 0,
      };
      for (const status of ["overdue", "due", "completed", "unassigned"] as const) {
        const page = await staffReport(world.orgId, { ...filters, status }, { page: 1, pageSize: 500, now });
        expect(page.rows.map((r) => r.userId).sort(), status).toEqual(inScope.filter((m) => matches[status](per(m))).map((m) => m.userId).sort());
      }
    });

    it(`export of completions, filters ${JSON.stringify(raw)}`, async () => {
      const filters = resolve(raw);
      const expected = expectedPairs(filters);
      const rows = await completionExport(world.orgId, filters, now);
      const assigned = rows.filter((r) => r.assigned);
      expect(assigned.length).toBe(expected.length);
      for (const p of expected) {
        const row = assigned.find((r) => r.email === p.member.email && r.courseId === p.courseId)!;
        expect(row.state).toBe(p.state);
        expect(row.dueAt?.getTime()).toBe(p.dueAt.getTime());
      }
      // completed but not assigned: active members only, never counted twice
      const extra = rows.filter((r) => !r.assigned);
      for (const r of extra) expect(r.state).toBe("completed");
      const activeInScope = new Set(
        world.members
          .filter((m) => m.status === "ACTIVE")
          .filter((m) => (filters.department === NO_DEPARTMENT ? m.departmentId === null : !filters.department || m.departmentId === filters.department))
          .map((m) => m.userId),
      );
      const expectedExtra = [...world.completions.keys()].filter((key) => {
        const [userId, courseId] = key.split(":");
        return activeInScope.has(userId) && (!filters.course || courseId === filters.course) && !expected.some((p) => p.member.userId === userId && p.courseId === courseId);
      });
      expect(extra.length).toBe(expectedExtra.length);
    });

    it(`the dashboard's people are the staff report's first ACTIVE members by overdue count, filters ${JSON.stringify(raw)}`, async () => {
      for (const status of ["overdue", "due", "completed", "unassigned"] as const) {
        const filters = { ...resolve(raw), status };
        const { people } = await dashboard(world.orgId, filters, now);
        const report = await staffReport(world.orgId, { ...filters, member: "ACTIVE", q: "" }, { page: 1, pageSize: DASHBOARD_PEOPLE, order: "overdue", now });
        expect(people, status).toEqual(report);
      }
    });

    it(`expiring certificates and progress over time, filters ${JSON.stringify(raw)}`, async () => {
      const filters = resolve(raw);
      const { expiring, timeline } = await dashboard(world.orgId, filters, now);
      const active = world.members.filter(
        (m) => m.status === "ACTIVE" && (filters.department === NO_DEPARTMENT ? m.departmentId === null : !filters.department || m.departmentId === filters.department),
      );
      const ids = new Set(active.map((m) => m.userId));
      const expiringSoon = world.certificates.filter(
        (c) =>
          ids.has(c.userId) &&
          (!filters.course || c.courseId === filters.course) &&
          isValidCertificate(c, now) &&
          c.expiresAt &&
          c.expiresAt.getTime() <= now.getTime() + 90 * DAY &&
          !world.certificates.some(
            (r) => r.id !== c.id && r.userId === c.userId && r.courseId === c.courseId && !r.revokedAt && (!r.expiresAt || r.expiresAt > c.expiresAt!),
          ),
      );
      const within = (days: number) => expiringSoon.filter((c) => c.expiresAt!.getTime() <= now.getTime() + days * DAY).length;
      expect([expiring.within30, expiring.within60, expiring.within90]).toEqual([within(30), within(60), within(90)]);
      const soonest = [...expiringSoon].sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || (a.id < b.id ? -1 : 1)).slice(0, 10);
      expect(expiring.soonest.map((c) => [c.certificateId, c.userId, c.courseId, c.expiresAt])).toEqual(
        soonest.map((c) => [c.id, c.userId, c.courseId, c.expiresAt!.toISOString()]),
      );
      const months = monthStarts(now, 12);
      const completions = [...world.completions.entries()].filter(([key]) => {
        const [userId, courseId] = key.split(":");
        return ids.has(userId) && (!filters.course || courseId === filters.course);
      });
      expect(timeline.map((t) => t.completions)).toEqual(
        months.slice(0, -1).map((start, i) => completions.filter(([, d]) => d >= start && d < months[i + 1]).length),
      );
    });
  }

  it("progress per assignment: the active members it reaches, satisfied and overdue", async () => {
    const progress = await assignmentProgress(world.orgId, now);
    for (const a of world.assignments) {
      const reached = world.members.filter((m) => appliesTo(a, m));
      const satisfied = reached.filter((m) =>
        isSatisfied(a, {
          completedAt: world.completions.get(`${m.userId}:${a.courseId}`) ?? null,
          certificates: world.certificates.filter((c) => c.userId === m.userId && c.courseId === a.courseId),
        }, now),
      ).length;
      const expected = { assigned: reached.length, completed: satisfied, overdue: a.dueAt < now ? reached.length - satisfied : 0 };
      expect(progress.get(a.id) ?? { assigned: 0, completed: 0, overdue: 0 }, a.id).toEqual(expected);
    }
  });

  it("the certificates export lists the active members' certificates, nobody else's", async () => {
    const rows = await certificateExport(world.orgId, emptyFilters);
    const active = new Set(world.members.filter((m) => m.status === "ACTIVE").map((m) => m.email));
    expect(rows.every((r) => active.has(r.email))).toBe(true);
    const activeIds = new Set(world.members.filter((m) => m.status === "ACTIVE").map((m) => m.userId));
    expect(rows.length).toBe(world.certificates.filter((c) => activeIds.has(c.userId)).length);
  });

  it("the certificates export names the holder as printed on the certificate, not as the account is named now", async () => {
    const [row] = await certificateExport(world.orgId, emptyFilters);
    const member = world.members.find((m) => m.email === row.email)!;
    const printed = await db.certificate.findUniqueOrThrow({ where: { id: row.certificateId }, select: { holderName: true } });
    await db.user.update({ where: { id: member.userId }, data: { name: `${member.name} (renamed)` } });
    try {
      const after = (await certificateExport(world.orgId, emptyFilters)).find((r) => r.certificateId === row.certificateId)!;
      expect(after.name).toBe(printed.holderName);
      expect(after.name).not.toContain("(renamed)");
    } finally {
      await db.user.update({ where: { id: member.userId }, data: { name: member.name } });
    }
  });

  it("pages of the staff report follow each other without overlap, sorted by name", async () => {
    const first = await staffReport(world.orgId, emptyFilters, { page: 1, pageSize: 25, now });
    const second = await staffReport(world.orgId, emptyFilters, { page: 2, pageSize: 25, now });
    const third = await staffReport(world.orgId, emptyFilters, { page: 3, pageSize: 25, now });
    const all = [...first.rows, ...second.rows, ...third.rows];
    expect(all.length).toBe(world.members.length);
    expect(new Set(all.map((r) => r.userId)).size).toBe(world.members.length);
    expect(first.total).toBe(world.members.length);
  });

  it("search finds by name or address, and treats % and _ literally", async () => {
    const target = world.members[7];
    const byName = await staffReport(world.orgId, { ...emptyFilters, q: target.name.slice(-3) }, { page: 1, now });
    expect(byName.rows.map((r) => r.userId)).toContain(target.userId);
    expect((await staffReport(world.orgId, { ...emptyFilters, q: "%" }, { page: 1, now })).total).toBe(0);
    expect((await staffReport(world.orgId, { ...emptyFilters, q: "_" }, { page: 1, now })).total).toBe(0);
  });

  it("another municipality's numbers never mix in", async () => {
    const result = await staffReport(world.otherOrgId, emptyFilters, { page: 1, now });
    expect(result.rows.some((r) => world.members.some((m) => m.userId === r.userId))).toBe(false);
    const other = await dashboard(world.otherOrgId, emptyFilters, now);
    expect(other.totals.assigned).toBe(10);
  });
});
