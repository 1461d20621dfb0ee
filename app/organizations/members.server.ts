import { getDb } from "~/db.server";
import { fail, type Failed } from "~/http/forms";
import { endAllSessions } from "~/auth/session.server";
import type { Locale } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { getVersionContent } from "~/courses/versions.server";
import { recordAudit } from "~/audit/audit.server";
import { queueDepartmentAssignments } from "~/notifications/queue.server";
import { courseOptions } from "./courses.server";
import type { ManagedOrg } from "./guard.server";
import { appliesTo, assignmentState, effectiveDueAt, isValidCertificate } from "~/training/rules";

export async function listDepartments(organizationId: string) {
  const db = await getDb();
  return db.department.findMany({ where: { organizationId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}

import type { MemberRole } from "./forms";
import { refreshReportSummaries } from "./summary.server";

async function findMember(organizationId: string, userId: string) {
  const db = await getDb();
  return db.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: {
      id: true,
      role: true,
      status: true,
      createdAt: true,
      departmentId: true,
      department: { select: { name: true } },
      user: { select: { id: true, name: true, email: true } },
    },
  });
}

/**
 * A person's record as their municipality's manager sees it: membership, the assignments that reach
 * them with their state, each course's lessons and quiz attempts, certificates. Null when the person is
 * not a member of this organization (the route answers 404).
 */
export async function memberRecord(organizationId: string, userId: string, locale: Locale, now = new Date()) {
  const member = await findMember(organizationId, userId);
  if (!member) return null;
  const db = await getDb();
  const [assignments, enrolments, certificates, courses] = await Promise.all([
    db.assignment.findMany({
      where: { organizationId, OR: [{ userId }, ...(member.departmentId ? [{ departmentId: member.departmentId }] : [])] },
      select: { id: true, courseId: true, userId: true, departmentId: true, dueAt: true, recertifyMonths: true },
      orderBy: { dueAt: "asc" },
    }),
    db.enrolment.findMany({
      where: { userId },
      select: {
        id: true,
        courseId: true,
        courseVersionId: true,
        enrolledAt: true,
        lastActivityAt: true,
        completedAt: true,
        lessons: { select: { lessonKey: true, firstCompletedAt: true, timeSpentSeconds: true } },
        attempts: {
          select: { quizKey: true, moduleKey: true, attemptNumber: true, score: true, passed: true, startedAt: true, submittedAt: true },
          orderBy: [{ startedAt: "asc" }],
        },
      },
    }),
    db.certificate.findMany({
      where: { userId },
      select: { id: true, courseId: true, issuedAt: true, expiresAt: true, revokedAt: true },
      orderBy: { issuedAt: "desc" },
    }),
    courseOptions(locale),
  ]);
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  const facts = (courseId: string) => ({
    completedAt: enrolments.find((e) => e.courseId === courseId)?.completedAt ?? null,
    certificates: certificates.filter((c) => c.courseId === courseId),
  });
  const memberFacts = { userId, departmentId: member.departmentId, status: member.status };
  const courseRecords = await Promise.all(
    enrolments.map(async (e) => {
      const content = await getVersionContent(e.courseVersionId);
      const source = content.sourceLocale as Locale;
      const done = new Map(e.lessons.filter((l) => l.firstCompletedAt).map((l) => [l.lessonKey, l]));
      const lessons = content.modules.flatMap((m) =>
        m.lessons.map((l) => ({
          key: l.key,
          module: pick(m.title, locale, source).value,
          title: pick(l.title, locale, source).value,
          completedAt: done.get(l.key)?.firstCompletedAt?.toISOString() ?? null,
        })),
      );
      const quizTitles = new Map(content.modules.map((m) => [m.quiz.key, pick(m.quiz.title, locale, source).value]));
      return {
        courseId: e.courseId,
        title: titles.get(e.courseId) ?? pick(content.title, locale, source).value,
        enrolledAt: e.enrolledAt.toISOString(),
        lastActivityAt: e.lastActivityAt.toISOString(),
        completedAt: e.completedAt?.toISOString() ?? null,
        lessonsDone: lessons.filter((l) => l.completedAt).length,
        lessons,
        minutes: Math.round(e.lessons.reduce((s, l) => s + l.timeSpentSeconds, 0) / 60),
        attempts: e.attempts.map((a) => ({
          quiz: quizTitles.get(a.quizKey) ?? a.quizKey,
          number: a.attemptNumber,
          score: a.score,
          passed: a.passed,
          startedAt: a.startedAt.toISOString(),
          submittedAt: a.submittedAt?.toISOString() ?? null,
        })),
      };
    }),
  );
  return {
    member: {
      userId: member.user.id,
      name: member.user.name,
      email: member.user.email,
      role: member.role,
      status: member.status,
      since: member.createdAt.toISOString(),
      departmentId: member.departmentId,
      department: member.department?.name ?? null,
    },
    assignments: assignments
      .filter((a) => appliesTo(a, memberFacts))
      .map((a) => ({
        id: a.id,
        courseId: a.courseId,
        course: titles.get(a.courseId) ?? a.courseId,
        viaDepartment: Boolean(a.departmentId),
        dueAt: effectiveDueAt(a, facts(a.courseId), now).toISOString(),
        recertifyMonths: a.recertifyMonths,
        state: assignmentState(a, facts(a.courseId), now),
      })),
    courses: courseRecords.sort((a, b) => a.title.localeCompare(b.title, locale)),
    certificates: certificates.map((c) => ({
      id: c.id,
      course: titles.get(c.courseId) ?? c.courseId,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      state: c.revokedAt ? ("revoked" as const) : isValidCertificate(c, now) ? ("valid" as const) : ("expired" as const),
    })),
  };
}

export type MemberChange =
  | { kind: "deactivate" }
  | { kind: "reactivate" }
  | { kind: "role"; role: MemberRole }
  | { kind: "department"; departmentId: string | null };

export type MemberChangeResult = { ok: true } | Failed | null;

/**
 * Changes a member of `org`, recorded in the audit log. Null when the person is not a member (404).
 * A manager cannot deactivate themselves or change their own role, so a municipality always keeps the
 * manager who is acting. Deactivation ends every session of the person at once; their records stay.
 */
export async function changeMember(org: ManagedOrg, actorId: string, userId: string, change: MemberChange): Promise<MemberChangeResult> {
  const member = await findMember(org.id, userId);
  if (!member) return null;
  if ((change.kind === "deactivate" || change.kind === "role") && userId === actorId) {
    return fail("organizations:member.errors.notYourself");
  }
  const db = await getDb();
  const base = { organizationId: org.id, actorId, targetType: "member" as const, targetId: userId };
  const who = { email: member.user.email, name: member.user.name };
  switch (change.kind) {
    case "deactivate":
    case "reactivate": {
      const status = change.kind === "deactivate" ? "DEACTIVATED" : "ACTIVE";
      if (member.status === status) return { ok: true };
      await db.$transaction(async (tx) => {
        await tx.membership.update({ where: { id: member.id }, data: { status } });
        await recordAudit(tx, { ...base, action: change.kind === "deactivate" ? "member.deactivated" : "member.reactivated", details: who });
        // back in their department: the courses assigned to it while they were away (app/notifications)
        if (status === "ACTIVE") await queueDepartmentAssignments(tx, { organizationId: org.id, departmentId: member.departmentId, userId });
        // the reports' summary: their assigned courses leave or come back with them (same transaction)
        await refreshReportSummaries(tx, { organizationId: org.id, userId });
      });
      if (status === "DEACTIVATED") await endAllSessions(userId);
      return { ok: true };
    }
    case "role": {
      if (member.role === change.role) return { ok: true };
      await db.$transaction(async (tx) => {
        await tx.membership.update({ where: { id: member.id }, data: { role: change.role } });
        await recordAudit(tx, { ...base, action: "member.roleChanged", details: { ...who, from: member.role, to: change.role } });
      });
      return { ok: true };
    }
    case "department": {
      if (member.departmentId === change.departmentId) return { ok: true };
      const department = change.departmentId
        ? await db.department.findFirst({ where: { id: change.departmentId, organizationId: org.id }, select: { name: true } })
        : null;
      if (change.departmentId && !department) return fail("organizations:member.errors.unknownDepartment");
      await db.$transaction(async (tx) => {
        await tx.membership.update({ where: { id: member.id }, data: { departmentId: change.departmentId } });
        await recordAudit(tx, {
          ...base,
          action: "member.departmentChanged",
          details: { ...who, from: member.department?.name ?? null, to: department?.name ?? null },
        });
        // the courses already assigned to the department they join (app/notifications)
        await queueDepartmentAssignments(tx, { organizationId: org.id, departmentId: change.departmentId, userId });
        // the reports' summary: the old department's courses go, the new one's come (same transaction)
        await refreshReportSummaries(tx, { organizationId: org.id, userId });
      });
      return { ok: true };
    }
  }
}
