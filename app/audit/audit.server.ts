import { getDb, type Db } from "~/db.server";

// The audit log: who did what to whom, per organization. Its own area because every other area writes
// to it (organizations, authoring, learning, notifications, certificates, admin, sso) and it imports
// none of them. Managers read their own municipality's log (/manage/<org>/audit), the platform
// administrator the platform's (/admin/audit).
// `details` keeps the labels (email, course, department names) as they were, so that an entry stays
// readable after the person, course or department it names has changed or gone.
export const AUDIT_ACTIONS = [
  "organization.created",
  // the default name or the names per language changed by the platform administrator (app/organizations/names.ts)
  "organization.renamed",
  "invitation.created",
  "invitation.renewed",
  "invitation.revoked",
  "invitation.accepted",
  "member.deactivated",
  "member.reactivated",
  "member.roleChanged",
  "member.departmentChanged",
  "assignment.created",
  "assignment.cancelled",
  // an academy's log: a course version imported as a draft from a zip (app/authoring/exchange)
  "course.imported",
  // a draft version discarded by an author (app/authoring/review.server.ts), with the course if it had no other version
  "course.draftDiscarded",
  // a FAILED email queued again by a manager or the platform administrator (app/notifications/inbox.server.ts)
  "notification.resent",
  // a quiz override for one person, by a manager (municipality's log) or an author (academy's log):
  // app/learning/overrides.server.ts
  "quiz.attemptsGranted",
  "quiz.reset",
  // the platform administrator (app/admin/): platform-level account actions, in the platform's own log
  "account.deactivated",
  "account.reactivated",
  "account.sessionsEnded",
  "account.unlocked",
  "account.passwordLinkSent",
  // a published course version taken out of the catalogue (app/admin/courses.server.ts)
  "course.versionArchived",
  // single sign-on configured or removed for a municipality (app/auth/sso/config.server.ts)
  "sso.configured",
  "sso.removed",
  // an account created or linked by a first single sign-on (app/auth/sso/link.server.ts)
  "sso.accountCreated",
  "sso.identityLinked",
  // a certificate revoked by the platform administrator, the issuing academy or a manager, in the log
  // of the organization they acted through (app/certificates/certificates.server.ts), with details.reason
  "certificate.revoke",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export type AuditEntry = {
  // null only where no platform organization exists yet (an empty database)
  organizationId: string | null;
  actorId: string | null;
  action: AuditAction;
  targetType: "organization" | "invitation" | "member" | "assignment" | "certificate" | "courseVersion" | "notification" | "enrolment" | "account";
  targetId: string;
  details?: Record<string, string | number | null>;
};

type AuditWriter = Pick<Db, "auditLog">;

export async function recordAudit(db: AuditWriter, entry: AuditEntry) {
  await db.auditLog.create({ data: { ...entry, details: entry.details ?? undefined } });
}

export const AUDIT_PAGE_SIZE = 50;

/** One page of an organization's log, newest first, with the actors' names. */
export async function listAudit(organizationId: string, page: number) {
  const db = await getDb();
  const [total, rows] = await Promise.all([
    db.auditLog.count({ where: { organizationId } }),
    db.auditLog.findMany({
      where: { organizationId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * AUDIT_PAGE_SIZE,
      take: AUDIT_PAGE_SIZE,
      select: { id: true, actorId: true, action: true, targetType: true, targetId: true, details: true, createdAt: true },
    }),
  ]);
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((id): id is string => Boolean(id)))];
  const actors = actorIds.length
    ? await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true, email: true } })
    : [];
  const byId = new Map(actors.map((a) => [a.id, a]));
  return {
    total,
    entries: rows.map((r) => ({
      id: r.id,
      action: r.action,
      targetType: r.targetType,
      targetId: r.targetId,
      details: (r.details ?? {}) as Record<string, string | number | null>,
      createdAt: r.createdAt.toISOString(),
      actor: r.actorId ? byId.get(r.actorId) ?? null : null,
    })),
  };
}
