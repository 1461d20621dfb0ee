// The in-app side: a person's notifications and unread count, their email preferences, and the
// delivery status managers see for their municipality's staff.
import type { TFunction } from "i18next";
import { sqltag as sql } from "@prisma/client/runtime/client";
import { getDb, readRows } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { recordAudit } from "~/audit/audit.server";
import { DEFAULT_PREFERENCES, NOTIFICATION_KINDS, PREFERENCE_KEYS, PREFERENCE_OF, type EmailStatus, type NotificationKind, type Preferences } from "./kinds";
import { describeNotice, type NotificationParams } from "./templates.server";
import type { DeliveryRow } from "./DeliveryTable";
import { fail, type Failed } from "~/http/forms";

export const INBOX_SIZE = 100;

/**
 * One COUNT on the index (userId, readAt), for the site navigation on every signed-in page. Raw SQL
 * like the other reads every page makes (docs/decisions/0007): Prisma's `count` costs ~0.6 ms of
 * CPU per call to plan, the statement itself ~0.15 ms.
 */
export async function unreadCount(userId: string): Promise<number> {
  const db = await getDb();
  const rows = await readRows<{ unread: number | bigint }>(db, sql`
    SELECT COUNT(*) AS "unread" FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`);
  // SQLite returns a number, PostgreSQL a bigint
  return Number(rows[0]?.unread ?? 0);
}

/** The person's newest notifications, written in the language of the page (not of the email). */
export async function listForUser(userId: string, locale: Locale, t: TFunction) {
  const db = await getDb();
  const rows = await db.notification.findMany({
    where: { userId },
    select: { id: true, kind: true, params: true, createdAt: true, readAt: true },
    orderBy: { createdAt: "desc" },
    take: INBOX_SIZE,
  });
  return rows.map((r) => {
    // the invitation's link exists only in its email: the token is never kept readable
    const view = describeNotice(t, locale, r.kind as NotificationKind, r.params as NotificationParams);
    return { id: r.id, kind: r.kind, title: view.title, body: view.body, lines: view.lines, path: view.path, action: view.action, createdAt: r.createdAt.toISOString(), read: Boolean(r.readAt) };
  });
}

/** Marks one of the person's own notifications read; false when it is not theirs. */
export async function markRead(userId: string, id: string): Promise<boolean> {
  const db = await getDb();
  const own = await db.notification.findFirst({ where: { id, userId }, select: { readAt: true } });
  if (!own) return false;
  if (!own.readAt) await db.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } });
  return true;
}

export async function markAllRead(userId: string): Promise<number> {
  const db = await getDb();
  return (await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } })).count;
}

export async function getPreferences(userId: string): Promise<Preferences> {
  const db = await getDb();
  const row = await db.notificationPreference.findUnique({ where: { userId } });
  if (!row) return { ...DEFAULT_PREFERENCES };
  return Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, row[k]])) as Preferences;
}

/**
 * Saves the person's choices. They apply to notices written from now on, and a reminder turned off
 * is also not sent when it is still waiting (not being sent right now) — turning one on again does
 * not send old ones.
 */
export async function savePreferences(userId: string, prefs: Preferences): Promise<void> {
  const db = await getDb();
  const off = NOTIFICATION_KINDS.filter((k) => {
    const key = PREFERENCE_OF[k];
    return key !== null && !prefs[key];
  });
  const now = new Date();
  await db.$transaction([
    db.notificationPreference.upsert({ where: { userId }, update: prefs, create: { userId, ...prefs } }),
    db.notification.updateMany({
      where: { userId, emailStatus: "PENDING", kind: { in: off }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { emailStatus: "SKIPPED", secret: null },
    }),
  ]);
}

export const MANAGE_PAGE_SIZE = 50;

/** The notices a municipality's managers see: about the municipality, or personal ones of its members. */
const municipalityNotices = (organizationId: string) => ({
  OR: [{ organizationId }, { organizationId: null, user: { memberships: { some: { organizationId } } } }],
});

/** What a delivery-status row shows (DeliveryTable), for managers and the platform administrator. */
const deliverySelect = {
  id: true,
  kind: true,
  email: true,
  createdAt: true,
  emailStatus: true,
  sentAt: true,
  attempts: true,
  lastError: true,
  nextAttemptAt: true,
  user: { select: { id: true, name: true } },
} as const;

function toDeliveryRow(r: {
  id: string;
  kind: string;
  email: string;
  createdAt: Date;
  emailStatus: string;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: Date;
  user: { id: string; name: string } | null;
}): DeliveryRow {
  return {
    id: r.id,
    kind: r.kind as NotificationKind,
    recipient: { name: r.user?.name ?? null, email: r.email, userId: r.user?.id ?? null },
    createdAt: r.createdAt.toISOString(),
    status: r.emailStatus as EmailStatus,
    // still PENDING after a failed try: the error shows, with the next try
    retrying: r.emailStatus === "PENDING" && r.attempts > 0,
    sentAt: r.sentAt?.toISOString() ?? null,
    attempts: r.attempts,
    lastError: r.lastError,
    nextAttemptAt: r.nextAttemptAt.toISOString(),
  };
}

export type DeliveryFilters = { status: EmailStatus | null; kind: NotificationKind | null; userId?: string };

/**
 * Delivery status of the notices about this municipality (its assignments, invitations, digests)
 * and the personal ones (certificates) of its members. Nothing about other municipalities' staff.
 */
export async function deliveryStatus(organizationId: string, filters: DeliveryFilters, page = 1, pageSize = MANAGE_PAGE_SIZE) {
  const db = await getDb();
  const where = {
    ...municipalityNotices(organizationId),
    ...(filters.status ? { emailStatus: filters.status } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.userId ? { userId: filters.userId } : {}),
  };
  const [rows, total] = await Promise.all([
    db.notification.findMany({ where, select: deliverySelect, orderBy: { createdAt: "desc" }, skip: (page - 1) * pageSize, take: pageSize }),
    db.notification.count({ where }),
  ]);
  return { total, rows: rows.map(toDeliveryRow) };
}

/** Who sends a FAILED email again: a municipality's managers (the notices they see), or the platform administrator (any). */
export type ResendScope = { kind: "municipality"; organizationId: string } | { kind: "platform" };
export type ResendResult = { ok: true; resent: boolean } | Failed;

/**
 * Queues a FAILED email again, as if it were new: attempts start from zero, the next pass sends it.
 * Null when the notice is not in the scope (the route answers 404). `resent: false` when it was no
 * longer FAILED (sent again twice, e.g. a double click): the conditional update queues it once.
 * An invitation cannot be sent again: its link was erased when the email was given up, so the
 * manager renews the invitation instead, which writes a new email.
 */
export async function resendFailed(scope: ResendScope, actorId: string, id: string): Promise<ResendResult | null> {
  const db = await getDb();
  const notice = await db.notification.findFirst({
    where: { id, ...(scope.kind === "municipality" ? municipalityNotices(scope.organizationId) : {}) },
    select: { id: true, kind: true, email: true, organizationId: true, lastError: true },
  });
  if (!notice) return null;
  if (notice.kind === "INVITATION") return fail("notifications:resend.errors.invitation");
  // the audit entry belongs to the municipality acting, else to the notice's, else (a personal
  // notice sent again by the administrator) to the platform's own log
  const auditOrganizationId =
    scope.kind === "municipality"
      ? scope.organizationId
      : notice.organizationId ?? (await db.organization.findFirstOrThrow({ where: { kind: "PLATFORM" }, select: { id: true } })).id;
  const resent = await db.$transaction(async (tx) => {
    const { count } = await tx.notification.updateMany({
      where: { id, emailStatus: "FAILED" },
      data: { emailStatus: "PENDING", attempts: 0, lastError: null, nextAttemptAt: new Date(), lockedBy: null, lockedUntil: null },
    });
    if (count === 0) return false;
    await recordAudit(tx, {
      organizationId: auditOrganizationId,
      actorId,
      action: "notification.resent",
      targetType: "notification",
      targetId: id,
      details: { email: notice.email, reason: notice.lastError },
    });
    return true;
  });
  return { ok: true, resent };
}

/** The FAILED emails of the whole platform, newest first, for the administrator's outbox page. */
export async function failedEverywhere(limit = MANAGE_PAGE_SIZE) {
  const db = await getDb();
  const rows = await db.notification.findMany({ where: { emailStatus: "FAILED" }, select: deliverySelect, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map(toDeliveryRow);
}
