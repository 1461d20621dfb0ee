// Invitations, member changes, assignments and the audit log, against a real (throwaway) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { startSession } from "~/auth/session.server";
import { newId } from "~/ids";
import { createOrganization } from "./admin.server";
import { cancelAssignment, createAssignments, assignmentsByOrganization } from "./assignments.server";
import { listAudit } from "~/audit/audit.server";
import { parseStaffCsv, validateStaffRows } from "./csv.server";
import { ensureCourse } from "./fixtures.server";
import type { ManagedOrg } from "./guard.server";
import { acceptInvitation, createInvitations, findInvitation, hashToken, importContext, openInvitations, updateInvitation } from "./invitations.server";
import { changeMember, memberRecord } from "./members.server";

let db: Db;
let cleanup: () => Promise<void>;
let riverside: ManagedOrg;
let lakeside: ManagedOrg;
let managerId: string;
let learnerId: string;
let courseId: string;
let departments: Record<string, string>;

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  (globalThis as { __db?: Promise<Db> }).__db = Promise.resolve(db);
  const { orgIds, departmentIds } = await seedDemo(db);
  departments = departmentIds;
  riverside = { id: orgIds.municipality, slug: "riverside", name: "Riverside" };
  lakeside = { id: orgIds.municipality2, slug: "lakeside", name: "Lakeside" };
  managerId = (await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } })).id;
  learnerId = (await db.user.findUniqueOrThrow({ where: { email: "learner@demo.test" } })).id;
  ({ courseId } = await ensureCourse({ slug: "org-test-course", academyId: orgIds.academy, title: { en: "Rights 101", fr: "Droits 101" } }, db));
});
afterAll(() => cleanup());

const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000);

describe("invitations", () => {
  it("imports valid rows only, and a link lets a newcomer set a password and join", async () => {
    const parsed = parseStaffCsv("name,email,department,role\nNew Person,new.person@example.org,Urban Planning,learner\nBad,not-an-email,,\n");
    if (!parsed.ok) throw new Error("parse");
    const rows = validateStaffRows(parsed.rows, await importContext(riverside.id));
    expect(rows.map((r) => r.errors.length)).toEqual([0, 1]);
    const created = await createInvitations(riverside, managerId, rows);
    expect(created.map((c) => c.email)).toEqual(["new.person@example.org"]);
    expect(await db.invitation.count({ where: { organizationId: riverside.id } })).toBe(1);
    // only the hash is stored
    const stored = await db.invitation.findFirstOrThrow({ where: { email: "new.person@example.org" } });
    expect(stored.tokenHash).toBe(hashToken(created[0].token));
    expect(JSON.stringify(stored)).not.toContain(created[0].token);

    const found = await findInvitation(created[0].token);
    expect(found).toMatchObject({ state: "pending", accountExists: false, email: "new.person@example.org" });
    const weak = await acceptInvitation(created[0].token, { name: "New Person", password: "short", locale: "fr" });
    expect(weak).toEqual({ ok: false, errors: [{ key: "password.tooShort", field: "password" }] });
    const accepted = await acceptInvitation(created[0].token, { name: "New Person", password: "a long enough passphrase", locale: "fr" });
    expect(accepted?.ok).toBe(true);
    const membership = await db.membership.findFirstOrThrow({ where: { organizationId: riverside.id, user: { email: "new.person@example.org" } } });
    expect(membership).toMatchObject({ role: "LEARNER", status: "ACTIVE", departmentId: departments["Urban Planning"] });
    // a link works once
    expect(await acceptInvitation(created[0].token, { name: "Again", password: "another long passphrase", locale: "en" })).toBeNull();
    expect((await findInvitation(created[0].token))?.state).toBe("accepted");
  });

  it("an existing account accepts by signing in as the invited address", async () => {
    const rows = validateStaffRows([{ line: 2, name: "", email: "learner@demo.test", department: "", role: "manager" }], await importContext(lakeside.id));
    const [invitation] = await createInvitations(lakeside, managerId, rows);
    expect((await findInvitation(invitation.token))?.accountExists).toBe(true);
    expect(await acceptInvitation(invitation.token, { name: "X", password: "a long enough passphrase", locale: "en" })).toEqual({
      ok: false,
      errors: [{ key: "organizations:invite.errors.accountExists" }],
    });
    expect(await acceptInvitation(invitation.token, { signedIn: { id: managerId, email: "manager@demo.test" } })).toEqual({
      ok: false,
      errors: [{ key: "organizations:invite.errors.otherAccount" }],
    });
    expect((await acceptInvitation(invitation.token, { signedIn: { id: learnerId, email: "learner@demo.test" } }))?.ok).toBe(true);
    // now in two municipalities, each with its own role
    const memberships = await db.membership.findMany({ where: { userId: learnerId }, select: { organizationId: true, role: true } });
    expect(memberships).toEqual(expect.arrayContaining([
      { organizationId: riverside.id, role: "LEARNER" },
      { organizationId: lakeside.id, role: "MANAGER" },
    ]));
  });

  it("revoked, renewed and expired links", async () => {
    const rows = validateStaffRows([{ line: 2, name: "Tmp", email: "tmp@example.org", department: "", role: "" }], await importContext(riverside.id));
    const [first] = await createInvitations(riverside, managerId, rows);
    const id = (await db.invitation.findFirstOrThrow({ where: { email: "tmp@example.org" } })).id;
    // another municipality cannot touch it
    expect(await updateInvitation(lakeside, managerId, id, "revoke")).toBeNull();
    const renewed = await updateInvitation(riverside, managerId, id, "renew");
    expect(renewed?.token).toBeTruthy();
    expect(await findInvitation(first.token)).toBeNull(); // the old link died
    expect((await findInvitation(renewed!.token!))?.state).toBe("pending");
    await db.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await findInvitation(renewed!.token!))?.state).toBe("expired");
    expect(await acceptInvitation(renewed!.token!, { name: "Tmp", password: "a long enough passphrase", locale: "en" })).toBeNull();
    expect((await openInvitations(riverside.id)).find((i) => i.id === id)?.state).toBe("expired");
    await updateInvitation(riverside, managerId, id, "revoke");
    expect((await openInvitations(riverside.id)).find((i) => i.id === id)).toBeUndefined();
    expect(await findInvitation("not-a-token")).toBeNull();
  });
});

describe("members", () => {
  it("deactivation ends the person's sessions, keeps their records, and can be undone", async () => {
    const userId = newId();
    await db.user.create({ data: { id: userId, email: "leaving@example.org", name: "Leaving", passwordHash: "x" } });
    await db.membership.create({ data: { id: newId(), userId, organizationId: riverside.id, role: "LEARNER" } });
    const enrolment = await db.enrolment.create({
      data: { id: newId(), userId, courseId, courseVersionId: (await db.courseVersion.findFirstOrThrow({ where: { courseId } })).id, completedAt: new Date() },
    });
    await startSession(userId);
    await startSession(userId);
    expect(await db.session.count({ where: { userId } })).toBe(2);
    // another municipality's manager: not found
    expect(await changeMember(lakeside, managerId, userId, { kind: "deactivate" })).toBeNull();
    expect(await changeMember(riverside, managerId, userId, { kind: "deactivate" })).toEqual({ ok: true });
    expect(await db.session.count({ where: { userId } })).toBe(0);
    expect((await db.membership.findFirstOrThrow({ where: { userId } })).status).toBe("DEACTIVATED");
    expect(await db.enrolment.findUnique({ where: { id: enrolment.id } })).not.toBeNull();
    const record = await memberRecord(riverside.id, userId, "en");
    expect(record?.member.status).toBe("DEACTIVATED");
    expect(record?.courses).toHaveLength(1);
    expect(await changeMember(riverside, managerId, userId, { kind: "reactivate" })).toEqual({ ok: true });
    expect((await db.membership.findFirstOrThrow({ where: { userId } })).status).toBe("ACTIVE");
  });

  it("a manager cannot deactivate themselves or change their own role", async () => {
    expect(await changeMember(riverside, managerId, managerId, { kind: "deactivate" })).toEqual({ ok: false, errors: [{ key: "organizations:member.errors.notYourself" }] });
    expect(await changeMember(riverside, managerId, managerId, { kind: "role", role: "LEARNER" })).toEqual({ ok: false, errors: [{ key: "organizations:member.errors.notYourself" }] });
  });

  it("role and department changes; a department of another municipality is refused", async () => {
    expect(await changeMember(riverside, managerId, learnerId, { kind: "role", role: "MANAGER" })).toEqual({ ok: true });
    expect(await changeMember(riverside, managerId, learnerId, { kind: "role", role: "LEARNER" })).toEqual({ ok: true });
    expect(await changeMember(riverside, managerId, learnerId, { kind: "department", departmentId: departments["Housing"] })).toEqual({
      ok: false,
      errors: [{ key: "organizations:member.errors.unknownDepartment" }],
    });
    expect(await changeMember(riverside, managerId, learnerId, { kind: "department", departmentId: departments["Social Services"] })).toEqual({ ok: true });
    expect(await changeMember(riverside, managerId, learnerId, { kind: "department", departmentId: departments["Urban Planning"] })).toEqual({ ok: true });
    expect(await memberRecord(lakeside.id, managerId, "en")).toBeNull();
  });
});

describe("assignments", () => {
  it("to a department, reaching newcomers; refused twice; cancelled; all audited", async () => {
    const result = await createAssignments(riverside, managerId, {
      courseId,
      target: { departmentId: departments["Urban Planning"] },
      dueAt: inFuture(30),
      recertifyMonths: 12,
    });
    expect(result).toEqual({ ok: true, count: 1 });
    const again = await createAssignments(riverside, managerId, { courseId, target: { departmentId: departments["Urban Planning"] }, dueAt: inFuture(30), recertifyMonths: null });
    expect(again).toMatchObject({ ok: false, errors: [{ key: "organizations:assign.errors.alreadyAssigned", field: "departmentId" }] });
    expect(await createAssignments(riverside, managerId, { courseId, target: { departmentId: departments["Housing"] }, dueAt: inFuture(30), recertifyMonths: null })).toMatchObject({
      ok: false,
      errors: [{ key: "organizations:assign.errors.department", field: "departmentId" }],
    });
    // the learner (Urban Planning) has it; so does anyone who joins the department later
    const mine = await assignmentsByOrganization(learnerId);
    expect(mine.find((o) => o.organization.slug === "riverside")?.assignments.map((a) => a.courseId)).toEqual([courseId]);
    expect(mine.find((o) => o.organization.slug === "lakeside")?.assignments).toEqual([]);
    const record = await memberRecord(riverside.id, learnerId, "en");
    expect(record?.assignments).toMatchObject([{ courseId, viaDepartment: true, state: "due", recertifyMonths: 12 }]);

    const assignment = await db.assignment.findFirstOrThrow({ where: { organizationId: riverside.id, courseId } });
    expect(await cancelAssignment(lakeside, managerId, assignment.id)).toBeNull();
    expect(await cancelAssignment(riverside, managerId, assignment.id)).toBe(true);
    expect(await db.assignment.count({ where: { id: assignment.id } })).toBe(0);
  });

  it("to named people: every address must be an active member of this municipality", async () => {
    const refused = await createAssignments(riverside, managerId, {
      courseId,
      target: { emails: ["learner@demo.test", "manager2@demo.test", "nobody@example.org"] },
      dueAt: inFuture(10),
      recertifyMonths: null,
    });
    expect(refused).toEqual({
      ok: false,
      errors: [{ key: "organizations:assign.errors.notMembers", field: "emails", values: { emails: "manager2@demo.test, nobody@example.org" } }],
    });
    expect(await createAssignments(riverside, managerId, { courseId, target: { emails: ["Learner@demo.test"] }, dueAt: inFuture(10), recertifyMonths: null })).toEqual({ ok: true, count: 1 });
    expect(await createAssignments(riverside, managerId, { courseId: "no-such-course", target: { emails: ["learner@demo.test"] }, dueAt: inFuture(10), recertifyMonths: null })).toMatchObject({
      ok: false,
      errors: [{ key: "organizations:assign.errors.course", field: "courseId" }],
    });
  });

  it("the audit log has every change, newest first, and only this municipality's", async () => {
    const { entries, total } = await listAudit(riverside.id, 1);
    const actions = entries.map((e) => e.action);
    for (const action of [
      "invitation.created",
      "invitation.accepted",
      "invitation.renewed",
      "invitation.revoked",
      "member.deactivated",
      "member.reactivated",
      "member.roleChanged",
      "member.departmentChanged",
      "assignment.created",
      "assignment.cancelled",
    ]) {
      expect(actions, action).toContain(action);
    }
    expect(total).toBe(entries.length);
    expect(entries[0].actor?.email).toBeTruthy();
    const lakesideLog = await listAudit(lakeside.id, 1);
    expect(lakesideLog.entries.every((e) => e.details.email !== "new.person@example.org")).toBe(true);
  });
});

describe("platform administration", () => {
  it("creates a municipality with departments and invites its first manager", async () => {
    const adminId = (await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } })).id;
    const result = await createOrganization(adminId, {
      kind: "MUNICIPALITY",
      name: "Hilltown",
      slug: "hilltown",
      departments: ["Roads", "Parks"],
      firstEmail: "chief@hilltown.example",
      firstName: "Chief",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const invitation = await findInvitation(result.token);
    expect(invitation).toMatchObject({ role: "MANAGER", organization: { slug: "hilltown", kind: "MUNICIPALITY" } });
    expect(await db.department.count({ where: { organization: { slug: "hilltown" } } })).toBe(2);
    expect(await createOrganization(adminId, { kind: "ACADEMY", name: "Dup", slug: "hilltown", departments: [], firstEmail: "a@b.org", firstName: "" })).toEqual({
      ok: false,
      errors: [{ key: "organizations:admin.errors.slugTaken", field: "slug" }],
    });
    const academy = await createOrganization(adminId, { kind: "ACADEMY", name: "New Academy", slug: "new-academy", departments: ["ignored"], firstEmail: "author@new.example", firstName: "" });
    expect(academy.ok && (await findInvitation(academy.token))?.role).toBe("AUTHOR");
    expect(await db.department.count({ where: { organization: { slug: "new-academy" } } })).toBe(0);
  });
});
