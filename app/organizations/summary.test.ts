// The reports' summaries (ReportPair, ReportCompletion, ReportExpiry) are maintained by the area
// functions in the transactions that change their sources. Random sequences of operations go through
// the real functions — assignments made and cancelled, members joining (invitation), deactivated,
// reactivated, moved between departments, courses completed (certificate issued), certificates
// revoked, recertification started — and after each step the maintained summaries must equal a
// rebuild from the source tables, and the dashboard and the staff report (read from the summaries)
// must say what the pure rules (rules.ts) say about the source tables — completion per person,
// progress over time, expiring certificates — now and at later dates (renewals and certificates
// expiring). SQLite by default, PostgreSQL with TEST_DATABASE_URL=postgresql://… (tests/db.ts).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { addMonths } from "~/dates";
import { resetKeySetCache } from "~/certificates/keys.server";
import { revokeCertificate } from "~/certificates/certificates.server";
import { checkCompletion } from "~/learning/completion.server";
import { enrol, startRecertification } from "~/learning/enrolment.server";
import { cancelAssignment, createAssignments } from "./assignments.server";
import { emptyFilters } from "./filters";
import { ensureCourse } from "./fixtures.server";
import { createInvitations, acceptInvitation } from "./invitations.server";
import { changeMember } from "./members.server";
import { dashboard, EXPIRING_LIST_SIZE, staffReport, TIMELINE_MONTHS } from "./reports.server";
import { appliesTo, assignmentState, combineStates, expiryWindowBounds, monthStarts, RECERTIFY_CHOICES, type AssignmentState } from "~/training/rules";
import { readReportPairs, readReportSummaries, rebuildReportSummaries } from "./summary.server";

let db: Db;
let cleanup: () => Promise<void>;
const DAY = 86_400_000;

let seed = 20261207;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const pickOne = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];

const world = {
  org: { id: "", slug: "", name: "" },
  managerId: "",
  departments: [] as string[],
  courses: [] as { courseId: string; slug: string }[],
  people: [] as { userId: string; email: string }[],
};

beforeAll(async () => {
  process.env.CERT_KEYS_FILE = path.join(mkdtempSync(path.join(tmpdir(), "cert-keys-")), "keys.json");
  process.env.PUBLIC_URL ??= "https://learn.example.org";
  resetKeySetCache();
  ({ db, cleanup } = await useTestDbAsAppDb());
  const { orgIds } = await seedDemo(db);
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgIds.municipality }, select: { id: true, slug: true, name: true } });
  world.org = org;
  world.managerId = (await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } })).id;
  world.departments = (await db.department.findMany({ where: { organizationId: org.id }, select: { id: true } })).map((d) => d.id);
  // courses without lessons: enrolling is completing (checkCompletion finds them complete)
  for (let c = 0; c < 3; c++) {
    const slug = `summary-course-${c}`;
    const { courseId } = await ensureCourse({ slug, academyId: orgIds.academy, title: { en: `Course ${c}` }, modules: 0, validityMonths: c === 0 ? undefined : 12 * c }, db);
    world.courses.push({ courseId, slug });
  }
  // people: some members already (demo), the others join through invitations during the run
  for (let i = 0; i < 14; i++) {
    const userId = newId();
    const email = `summary-${i}@example.org`;
    await db.user.create({ data: { id: userId, email, name: `Person ${String(i).padStart(2, "0")}`, passwordHash: "x" } });
    world.people.push({ userId, email });
  }
  // the other municipality: a member with an assignment, never in this one's numbers
  await db.membership.create({ data: { id: newId(), userId: world.people[13].userId, organizationId: orgIds.municipality2, role: "LEARNER" } });
}, 120_000);
afterAll(async () => {
  await cleanup();
  resetKeySetCache();
  delete process.env.CERT_KEYS_FILE;
});

/** What the pure rules say, from the source tables: per active member, the state of each assigned course. */
async function expectedStates(now: Date) {
  const members = await db.membership.findMany({ where: { organizationId: world.org.id }, select: { userId: true, departmentId: true, status: true } });
  const assignments = await db.assignment.findMany({ where: { organizationId: world.org.id } });
  const enrolments = await db.enrolment.findMany({ select: { userId: true, courseId: true, completedAt: true } });
  const certificates = await db.certificate.findMany({ select: { userId: true, courseId: true, issuedAt: true, expiresAt: true, revokedAt: true } });
  const per = new Map<string, AssignmentState[]>();
  for (const m of members) {
    const states: AssignmentState[] = [];
    for (const { courseId } of world.courses) {
      const applying = assignments.filter((a) => a.courseId === courseId && appliesTo(a, m));
      const facts = {
        completedAt: enrolments.find((e) => e.userId === m.userId && e.courseId === courseId)?.completedAt ?? null,
        certificates: certificates.filter((c) => c.userId === m.userId && c.courseId === courseId),
      };
      const state = combineStates(applying.map((a) => assignmentState(a, facts, now)));
      if (state) states.push(state);
    }
    per.set(m.userId, states);
  }
  return per;
}

/**
 * The dashboard's progress over time and expiring certificates, from the source tables: the active
 * members' completed enrolments per month, and their certificates not revoked, expiring within 90 days
 * and outlived by none of their other certificates of the course that are not revoked.
 */
async function expectedTimelineAndExpiring(now: Date) {
  const active = new Set(
    (await db.membership.findMany({ where: { organizationId: world.org.id, status: "ACTIVE" }, select: { userId: true } })).map((m) => m.userId),
  );
  const starts = monthStarts(now, TIMELINE_MONTHS);
  const completions = (await db.enrolment.findMany({ where: { completedAt: { not: null } }, select: { userId: true, completedAt: true } })).filter((e) =>
    active.has(e.userId),
  );
  const timeline = starts.slice(0, -1).map((start, i) => completions.filter((e) => e.completedAt! >= start && e.completedAt! < starts[i + 1]).length);
  const certificates = await db.certificate.findMany({ select: { id: true, userId: true, courseId: true, expiresAt: true, revokedAt: true } });
  const { to30, to60, to90 } = expiryWindowBounds(now);
  const soon = certificates
    .filter((c) => active.has(c.userId) && !c.revokedAt && c.expiresAt && c.expiresAt > now && c.expiresAt <= to90)
    .filter(
      (c) =>
        !certificates.some(
          (r) => r.id !== c.id && r.userId === c.userId && r.courseId === c.courseId && !r.revokedAt && (!r.expiresAt || r.expiresAt > c.expiresAt!),
        ),
    )
    .sort((a, b) => a.expiresAt!.getTime() - b.expiresAt!.getTime() || (a.id < b.id ? -1 : 1));
  return {
    timeline,
    expiring: {
      within30: soon.filter((c) => c.expiresAt! <= to30).length,
      within60: soon.filter((c) => c.expiresAt! <= to60).length,
      within90: soon.length,
      soonest: soon.slice(0, EXPIRING_LIST_SIZE).map((c) => c.id),
    },
  };
}

/** What the checks compared, summed over the run: a comparison of empty lists proves nothing. */
const seen = { expiring: 0, completions: 0 };

async function check(step: string) {
  const maintained = await readReportSummaries(db);
  await rebuildReportSummaries(db);
  const rebuilt = await readReportSummaries(db);
  expect(maintained.pairs, `${step}: maintained pairs = rebuild`).toEqual(rebuilt.pairs);
  expect(maintained.completions, `${step}: maintained completions = rebuild`).toEqual(rebuilt.completions);
  expect(maintained.expiries, `${step}: maintained expiries = rebuild`).toEqual(rebuilt.expiries);
  // 11 and 22: the 12- and 24-month certificates issued during the run expire within the next 90 days
  for (const months of [0, 7, 11, 13, 22, 25, 61]) {
    const now = addMonths(new Date(), months);
    const expected = await expectedStates(now);
    const count = (states: AssignmentState[]) => ({
      assigned: states.length,
      completed: states.filter((s) => s === "completed").length,
      overdue: states.filter((s) => s === "overdue").length,
    });
    const all = [...expected.values()].flat();
    const result = await dashboard(world.org.id, emptyFilters, now);
    expect(result.totals, `${step}, +${months} months: dashboard totals`).toEqual(count(all));
    const sources = await expectedTimelineAndExpiring(now);
    seen.expiring += sources.expiring.within90;
    seen.completions += sources.timeline.reduce((a, b) => a + b, 0);
    expect(result.timeline.map((t) => t.completions), `${step}, +${months} months: progress over time`).toEqual(sources.timeline);
    expect(
      { ...result.expiring, soonest: result.expiring.soonest.map((c) => c.certificateId) },
      `${step}, +${months} months: expiring certificates`,
    ).toEqual(sources.expiring);
    const { rows } = await staffReport(world.org.id, { ...emptyFilters, status: "overdue" }, { page: 1, pageSize: 500, order: "overdue", now });
    const overdue = [...expected.entries()].filter(([, states]) => states.includes("overdue"));
    expect(rows.map((r) => r.userId).sort(), `${step}, +${months} months: "overdue only"`).toEqual(overdue.map(([id]) => id).sort());
    for (const row of rows) expect({ assigned: row.assigned, completed: row.completed, overdue: row.overdue }).toEqual(count(expected.get(row.userId)!));
  }
}

async function step(): Promise<string> {
  const roll = random();
  // in a stable order (ids are random), so that the seed alone decides the sequence
  const members = await db.membership.findMany({
    where: { organizationId: world.org.id },
    select: { userId: true, status: true, user: { select: { email: true } } },
    orderBy: { user: { email: "asc" } },
  });
  const active = members.filter((m) => m.status === "ACTIVE");
  const course = pickOne(world.courses);
  if (roll < 0.2) {
    const target = random() < 0.6 ? { departmentId: pickOne(world.departments) } : { emails: [pickOne(active).user.email] };
    const recertifyMonths = pickOne([null, null, ...RECERTIFY_CHOICES.slice(0, 3)]);
    const dueAt = new Date(Date.now() + Math.round(random() * 400 - 200) * DAY);
    await createAssignments(world.org, world.managerId, { courseId: course.courseId, target, dueAt, recertifyMonths });
    return `assign ${JSON.stringify(target)}`;
  }
  if (roll < 0.3) {
    const assignments = await db.assignment.findMany({ where: { organizationId: world.org.id }, select: { id: true } });
    if (assignments.length) await cancelAssignment(world.org, world.managerId, pickOne(assignments).id);
    return "cancel assignment";
  }
  if (roll < 0.42) {
    const outsiders = world.people.filter((p) => !members.some((m) => m.userId === p.userId));
    if (!outsiders.length) return "nobody to invite";
    const person = pickOne(outsiders);
    const departmentId = random() < 0.2 ? null : pickOne(world.departments);
    const [invitation] = await createInvitations(world.org, world.managerId, [
      { value: { email: person.email, name: null, role: "LEARNER", departmentId } } as never,
    ]);
    await acceptInvitation(invitation.token, { signedIn: { id: person.userId, email: person.email } });
    return "join";
  }
  if (roll < 0.58) {
    const member = pickOne(members.filter((m) => m.userId !== world.managerId));
    const change =
      random() < 0.5
        ? ({ kind: "department", departmentId: random() < 0.2 ? null : pickOne(world.departments) } as const)
        : ({ kind: member.status === "ACTIVE" ? "deactivate" : "reactivate" } as const);
    await changeMember(world.org, world.managerId, member.userId, change);
    return `member ${change.kind}`;
  }
  if (roll < 0.8) {
    const person = pickOne(active);
    await enrol(person.userId, course.slug);
    const enrolment = await db.enrolment.findFirstOrThrow({ where: { userId: person.userId, courseId: course.courseId } });
    await checkCompletion(enrolment);
    return "complete";
  }
  if (roll < 0.9) {
    const certificates = await db.certificate.findMany({ where: { revokedAt: null }, select: { id: true } });
    if (certificates.length) {
      await revokeCertificate({ certificateId: pickOne(certificates).id, actorId: world.managerId, organizationId: world.org.id, reason: "test" });
    }
    return "revoke";
  }
  const enrolments = await db.enrolment.findMany({ where: { completedAt: { not: null } }, select: { userId: true, course: { select: { slug: true } } } });
  if (enrolments.length) {
    const e = pickOne(enrolments);
    await startRecertification(e.userId, e.course.slug, addMonths(new Date(), 40));
  }
  return "recertification";
}

describe("the reports' summary is maintained by the area functions", () => {
  it("after every operation: summary = rebuild, and the reports = the pure rules", async () => {
    await check("start");
    const done: string[] = [];
    for (let i = 0; i < 80; i++) {
      done.push(await step());
      await check(`step ${i} (${done.at(-1)})`);
    }
    // the run covered every kind of operation
    for (const kind of ["assign", "cancel", "join", "member department", "member deactivate", "complete", "revoke", "recertification"]) {
      expect(done.some((d) => d.startsWith(kind)), kind).toBe(true);
    }
    const rows = await readReportPairs(db, world.org.id);
    expect(rows.length).toBeGreaterThan(5);
    expect(seen.expiring).toBeGreaterThan(0);
    expect(seen.completions).toBeGreaterThan(0);
  }, 600_000);

  // On PostgreSQL, two transactions refreshing overlapping rows at the same moment each deleted what
  // they saw and inserted what they computed: one failed on the primary key, or a row computed
  // before the other's change survived it. Refreshes now take one lock (summary.server.ts).
  it("writes about one person at the same moment (completions, a move, a deactivation) leave every summary exact", async () => {
    for (let round = 0; round < 8; round++) {
      const userId = newId();
      const email = `summary-race-${round}@example.org`;
      await db.user.create({ data: { id: userId, email, name: `Racer ${round}`, passwordHash: "x" } });
      const [invitation] = await createInvitations(world.org, world.managerId, [
        { value: { email, name: null, role: "LEARNER", departmentId: world.departments[round % world.departments.length] } } as never,
      ]);
      await acceptInvitation(invitation.token, { signedIn: { id: userId, email } });
      const results = await Promise.allSettled([
        ...world.courses.map(async ({ slug, courseId }) => {
          await enrol(userId, slug);
          await checkCompletion(await db.enrolment.findFirstOrThrow({ where: { userId, courseId } }));
        }),
        changeMember(world.org, world.managerId, userId, { kind: "department", departmentId: world.departments[(round + 1) % world.departments.length] }),
        round % 2 ? changeMember(world.org, world.managerId, userId, { kind: "deactivate" }) : Promise.resolve(null),
      ]);
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)), `round ${round}`).toEqual([]);
      const maintained = await readReportSummaries(db);
      await rebuildReportSummaries(db);
      expect(maintained, `round ${round}: maintained = rebuild`).toEqual(await readReportSummaries(db));
    }
  }, 300_000);
});
