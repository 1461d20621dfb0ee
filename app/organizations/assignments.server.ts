import { getDb } from "~/db.server";
import { newId } from "~/ids";
import type { Locale } from "~/i18n/config";
import { fail, type Failed } from "~/http/forms";
import { queueAssignment } from "~/notifications/queue.server";
import { recordAudit } from "~/audit/audit.server";
import { courseOptions } from "./courses.server";
import type { ManagedOrg } from "./guard.server";
import { assignmentProgress } from "./reports.server";
import { refreshReportSummaries } from "./summary.server";

/** The municipality's assignments with who they reach now and how far those people are. */
export async function listAssignments(organizationId: string, locale: Locale) {
  const db = await getDb();
  const [rows, courses, progress] = await Promise.all([
    db.assignment.findMany({
      where: { organizationId },
      select: {
        id: true,
        courseId: true,
        dueAt: true,
        recertifyMonths: true,
        createdAt: true,
        department: { select: { name: true } },
        user: { select: { id: true, name: true, email: true } },
      },
      orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    }),
    courseOptions(locale),
    assignmentProgress(organizationId),
  ]);
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  return rows.map((a) => ({
    id: a.id,
    course: titles.get(a.courseId) ?? a.courseId,
    department: a.department?.name ?? null,
    person: a.user ? { id: a.user.id, name: a.user.name, email: a.user.email } : null,
    dueAt: a.dueAt.toISOString(),
    recertifyMonths: a.recertifyMonths,
    createdAt: a.createdAt.toISOString(),
    progress: progress.get(a.id) ?? { assigned: 0, completed: 0, overdue: 0 },
  }));
}

export type NewAssignment = {
  courseId: string;
  target: { departmentId: string } | { emails: string[] };
  dueAt: Date;
  recertifyMonths: number | null;
};

/**
 * Assigns a published course to a department (everyone in it, now and later) or to named active
 * members. Nothing is written when any part is wrong: the errors say which field (and which addresses).
 */
export async function createAssignments(
  org: ManagedOrg,
  actorId: string,
  input: NewAssignment,
): Promise<{ ok: true; count: number } | Failed> {
  const db = await getDb();
  const course = await db.course.findFirst({
    where: { id: input.courseId, versions: { some: { status: "PUBLISHED" } } },
    select: { id: true, slug: true },
  });
  if (!course) return fail("organizations:assign.errors.course", { field: "courseId" });
  const targets: { userId: string | null; departmentId: string | null; label: string }[] = [];
  if ("departmentId" in input.target) {
    const department = await db.department.findFirst({ where: { id: input.target.departmentId, organizationId: org.id }, select: { id: true, name: true } });
    if (!department) return fail("organizations:assign.errors.department", { field: "departmentId" });
    targets.push({ userId: null, departmentId: department.id, label: department.name });
  } else {
    const emails = [...new Set(input.target.emails.map((e) => e.trim().toLowerCase()).filter(Boolean))];
    const members = await db.membership.findMany({
      where: { organizationId: org.id, status: "ACTIVE", user: { email: { in: emails } } },
      select: { userId: true, user: { select: { email: true } } },
    });
    const found = new Map(members.map((m) => [m.user.email.toLowerCase(), m.userId]));
    const unknown = emails.filter((e) => !found.has(e));
    if (unknown.length || emails.length === 0) {
      // the addresses that are not members, to list under the field
      return fail("organizations:assign.errors.notMembers", { field: "emails", values: { emails: unknown.join(", ") } });
    }
    for (const email of emails) targets.push({ userId: found.get(email)!, departmentId: null, label: email });
  }
  // The same course twice for the same department or person would only confuse the reports.
  const existing = await db.assignment.findMany({
    where: {
      organizationId: org.id,
      courseId: course.id,
      OR: targets.map((t) => (t.userId ? { userId: t.userId } : { departmentId: t.departmentId })),
    },
    select: { id: true },
  });
  if (existing.length > 0) {
    const field = "departmentId" in input.target ? "departmentId" : "emails";
    return fail("organizations:assign.errors.alreadyAssigned", { field });
  }
  await db.$transaction(async (tx) => {
    for (const target of targets) {
      const id = newId();
      await tx.assignment.create({
        data: {
          id,
          organizationId: org.id,
          courseId: course.id,
          userId: target.userId,
          departmentId: target.departmentId,
          dueAt: input.dueAt,
          recertifyMonths: input.recertifyMonths,
          createdById: actorId,
        },
      });
      await recordAudit(tx, {
        organizationId: org.id,
        actorId,
        action: "assignment.created",
        targetType: "assignment",
        targetId: id,
        details: {
          course: course.slug,
          [target.userId ? "email" : "department"]: target.label,
          dueAt: input.dueAt.toISOString().slice(0, 10),
          recertifyMonths: input.recertifyMonths,
        },
      });
      // the "course assigned" notices, in the same transaction (app/notifications)
      await queueAssignment(tx, { assignmentId: id, organizationId: org.id, courseId: course.id, userId: target.userId, departmentId: target.departmentId, dueAt: input.dueAt });
      // the reports' summary: the pairs this assignment reaches (same transaction)
      // (pairs only: an assignment changes no completion or certificate)
      await refreshReportSummaries(
        tx,
        target.userId ? { organizationId: org.id, courseId: course.id, userId: target.userId } : { organizationId: org.id, courseId: course.id, departmentId: target.departmentId! },
        { pairsOnly: true },
      );
    }
  });
  return { ok: true, count: targets.length };
}

/** Removes an assignment (the audit log keeps it). Null when it is not one of this municipality's. */
export async function cancelAssignment(org: ManagedOrg, actorId: string, assignmentId: string) {
  const db = await getDb();
  const assignment = await db.assignment.findFirst({
    where: { id: assignmentId, organizationId: org.id },
    select: {
      id: true,
      dueAt: true,
      courseId: true,
      userId: true,
      departmentId: true,
      course: { select: { slug: true } },
      department: { select: { name: true } },
      user: { select: { email: true } },
    },
  });
  if (!assignment) return null;
  await db.$transaction(async (tx) => {
    await tx.assignment.delete({ where: { id: assignment.id } });
    // the reports' summary: the pairs it reached (same transaction)
    await refreshReportSummaries(
      tx,
      assignment.userId
        ? { organizationId: org.id, courseId: assignment.courseId, userId: assignment.userId }
        : { organizationId: org.id, courseId: assignment.courseId, departmentId: assignment.departmentId ?? undefined },
      { pairsOnly: true },
    );
    await recordAudit(tx, {
      organizationId: org.id,
      actorId,
      action: "assignment.cancelled",
      targetType: "assignment",
      targetId: assignment.id,
      details: {
        course: assignment.course.slug,
        ...(assignment.user ? { email: assignment.user.email } : { department: assignment.department?.name ?? null }),
        dueAt: assignment.dueAt.toISOString().slice(0, 10),
      },
    });
  });
  return true;
}

/**
 * For a learner's own pages: each municipality the person is an active member of, with the courses it
 * assigns them (by name or through their department). A person in several municipalities sees each
 * one apart. Only the person's own assignments: nothing about colleagues.
 */
export async function assignmentsByOrganization(userId: string) {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId, status: "ACTIVE", organization: { kind: "MUNICIPALITY" } },
    select: { organizationId: true, departmentId: true, organization: { select: { slug: true, name: true } } },
  });
  if (memberships.length === 0) return [];
  const assignments = await db.assignment.findMany({
    where: {
      OR: memberships.map((m) => ({
        organizationId: m.organizationId,
        OR: [{ userId }, ...(m.departmentId ? [{ departmentId: m.departmentId }] : [])],
      })),
    },
    select: { organizationId: true, courseId: true, dueAt: true, recertifyMonths: true },
    orderBy: { dueAt: "asc" },
  });
  return memberships.map((m) => ({
    organization: m.organization,
    assignments: assignments.filter((a) => a.organizationId === m.organizationId),
  }));
}
