// Writing notices. Each one has a unique key (kind, subject, due day, recipient): whoever writes it
// first wins, so an event retried, a scheduler run twice or two app processes never create a notice
// twice. Event notices (invitation, assignment, certificate) are written by the event's own code, in
// its transaction where it has one (outbox pattern): no event without its notice, no notice without
// its event.
import { asOrgNames } from "~/organizations/names";
import { isUniqueViolation, type Db, type Prisma } from "~/db.server";
import { newId } from "~/ids";
import { isLocale, type Locale } from "~/i18n/config";
import type { LocalizedText } from "~/courses/schema";
import { DEFAULT_PREFERENCES, wantsEmail, type NotificationKind, type Preferences } from "./kinds";
import { sealSecret } from "./secret.server";
import type { NotificationParams } from "./templates.server";
import { utcDay } from "./schedule";

type Writer = Pick<Db, "notification" | "notificationPreference" | "user" | "organization" | "courseVersion" | "membership" | "certificate" | "assignment">;

export type NewNotification = {
  kind: NotificationKind;
  userId: string | null;
  email: string;
  locale: string;
  organizationId: string | null;
  subjectId: string;
  dueDay: string | null;
  params: NotificationParams;
  secret?: string | null;
};

export function dedupeKey(n: Pick<NewNotification, "kind" | "subjectId" | "dueDay" | "userId" | "email">): string {
  return [n.kind, n.subjectId, n.dueDay ?? "-", n.userId ?? n.email.toLowerCase()].join(":");
}

export const recipientLocale = (value: string | null | undefined): Locale => (isLocale(value) ? value : "en");

async function preferencesOf(db: Writer, userIds: string[]): Promise<Map<string, Preferences>> {
  const ids = [...new Set(userIds)];
  const map = new Map<string, Preferences>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.notificationPreference.findMany({ where: { userId: { in: ids.slice(i, i + 500) } } });
    for (const r of rows) map.set(r.userId, { ...DEFAULT_PREFERENCES, ...r });
  }
  return map;
}

function row(n: NewNotification, prefs: Preferences | undefined) {
  return {
    id: newId(),
    dedupeKey: dedupeKey(n),
    kind: n.kind,
    userId: n.userId,
    email: n.email,
    locale: n.locale,
    organizationId: n.organizationId,
    subjectId: n.subjectId,
    dueDay: n.dueDay,
    params: n.params as unknown as Prisma.InputJsonValue,
    secret: n.secret ?? null,
    emailStatus: wantsEmail(n.kind, prefs) ? ("PENDING" as const) : ("SKIPPED" as const),
  };
}

/**
 * Inside the event's transaction. Checks before writing, because on PostgreSQL a unique violation
 * aborts the whole transaction (and with it the event).
 */
export async function enqueueInTransaction(tx: Writer, list: NewNotification[]): Promise<number> {
  if (list.length === 0) return 0;
  const keys = list.map(dedupeKey);
  const existing = new Set((await tx.notification.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map((r) => r.dedupeKey));
  const prefs = await preferencesOf(tx, list.flatMap((n) => (n.userId ? [n.userId] : [])));
  let created = 0;
  for (const n of list) {
    const key = dedupeKey(n);
    if (existing.has(key)) continue;
    existing.add(key);
    await tx.notification.create({ data: row(n, n.userId ? prefs.get(n.userId) : undefined) });
    created++;
  }
  return created;
}

/**
 * Outside any transaction (the scheduler): skips the keys that exist, then inserts; a key another
 * process inserted in between is a unique violation, which means "already done".
 */
export async function enqueueMany(db: Writer, list: NewNotification[]): Promise<number> {
  const existing = new Set<string>();
  const keys = [...new Set(list.map(dedupeKey))];
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.notification.findMany({ where: { dedupeKey: { in: keys.slice(i, i + 500) } }, select: { dedupeKey: true } });
    for (const r of rows) existing.add(r.dedupeKey);
  }
  const fresh = list.filter((n) => {
    const key = dedupeKey(n);
    if (existing.has(key)) return false;
    existing.add(key);
    return true;
  });
  const prefs = await preferencesOf(db, fresh.flatMap((n) => (n.userId ? [n.userId] : [])));
  let created = 0;
  for (const n of fresh) {
    try {
      await db.notification.create({ data: row(n, n.userId ? prefs.get(n.userId) : undefined) });
      created++;
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
  }
  return created;
}

export type CourseRef = { courseSlug: string; courseTitle: LocalizedText; sourceLocale: string };

/** Slug and title (every language) of courses, from their newest published version. */
export async function courseRefs(db: Pick<Db, "courseVersion">, courseIds: string[]): Promise<Map<string, CourseRef>> {
  const versions = await db.courseVersion.findMany({
    where: { courseId: { in: [...new Set(courseIds)] }, status: "PUBLISHED" },
    select: { courseId: true, version: true, title: true, course: { select: { slug: true, sourceLocale: true } } },
    orderBy: { version: "asc" },
  });
  const map = new Map<string, CourseRef>();
  for (const v of versions) {
    map.set(v.courseId, { courseSlug: v.course.slug, courseTitle: v.title as LocalizedText, sourceLocale: v.course.sourceLocale });
  }
  return map;
}

/**
 * An invitation email, with the set-password link's token sealed (see secret.server.ts). In the
 * invited person's language when they already have an account, else in the inviting manager's.
 */
export async function queueInvitation(
  tx: Writer,
  input: { invitationId: string; organizationId: string; email: string; token: string; role: string; expiresAt: Date; actorId: string | null },
) {
  const [org, account, actor] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true, names: true, slug: true } }),
    tx.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, locale: true } }),
    input.actorId ? tx.user.findUnique({ where: { id: input.actorId }, select: { locale: true } }) : null,
  ]);
  return enqueueInTransaction(tx, [
    {
      kind: "INVITATION",
      userId: account?.id ?? null,
      email: input.email,
      locale: recipientLocale(account?.locale ?? actor?.locale),
      organizationId: input.organizationId,
      subjectId: input.invitationId,
      // a renewed invitation is a new link: a new email
      dueDay: input.expiresAt.toISOString(),
      params: { organizationName: org.name, organizationNames: asOrgNames(org.names), organizationSlug: org.slug, role: input.role, expiresAt: input.expiresAt.toISOString() },
      secret: sealSecret(input.token),
    },
  ]);
}

/** "Course assigned" for the person named, or every active member of the department now. */
export async function queueAssignment(
  tx: Writer,
  input: { assignmentId: string; organizationId: string; courseId: string; userId: string | null; departmentId: string | null; dueAt: Date },
) {
  const [org, refs, members] = await Promise.all([
    tx.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { name: true, names: true, slug: true } }),
    courseRefs(tx, [input.courseId]),
    tx.membership.findMany({
      where: {
        organizationId: input.organizationId,
        status: "ACTIVE",
        ...(input.userId ? { userId: input.userId } : { departmentId: input.departmentId ?? "" }),
      },
      select: { user: { select: { id: true, email: true, locale: true } } },
    }),
  ]);
  const course = refs.get(input.courseId);
  if (!course) return 0;
  return enqueueInTransaction(
    tx,
    members.map((m) => ({
      kind: "ASSIGNED" as const,
      userId: m.user.id,
      email: m.user.email,
      locale: recipientLocale(m.user.locale),
      organizationId: input.organizationId,
      subjectId: input.assignmentId,
      dueDay: utcDay(input.dueAt),
      params: { ...course, organizationName: org.name, organizationNames: asOrgNames(org.names), organizationSlug: org.slug, dueAt: input.dueAt.toISOString() },
    })),
  );
}

/**
 * "Course assigned" for a person who has just joined a department (accepted an invitation into it,
 * was moved into it, or was reactivated in it): the department's assignments reach them from now
 * on, so they are told as the members were when the course was assigned. In the joining's own
 * transaction; the dedupe key (assignment, due day, person) gives nothing to whoever already had it.
 */
export async function queueDepartmentAssignments(tx: Writer, input: { organizationId: string; departmentId: string | null; userId: string }) {
  if (!input.departmentId) return 0;
  const assignments = await tx.assignment.findMany({
    where: { organizationId: input.organizationId, departmentId: input.departmentId },
    select: { id: true, courseId: true, dueAt: true },
    orderBy: { createdAt: "asc" },
  });
  let created = 0;
  for (const a of assignments) {
    created += await queueAssignment(tx, { assignmentId: a.id, organizationId: input.organizationId, courseId: a.courseId, userId: input.userId, departmentId: null, dueAt: a.dueAt });
  }
  return created;
}

/** "Certificate issued", with the public verification link. */
export async function queueCertificateIssued(db: Writer, certificateId: string) {
  const cert = await db.certificate.findUnique({
    where: { id: certificateId },
    select: { id: true, courseId: true, courseTitle: true, expiresAt: true, user: { select: { id: true, email: true, locale: true } }, enrolment: { select: { course: { select: { slug: true, sourceLocale: true } } } } },
  });
  if (!cert) return 0;
  return enqueueInTransaction(db, [certificateNotice("CERTIFICATE_ISSUED", cert)]);
}

export type CertificateFacts = {
  id: string;
  courseTitle: unknown;
  expiresAt: Date | null;
  user: { id: string; email: string; locale: string };
  enrolment: { course: { slug: string; sourceLocale: string } };
};

export function certificateNotice(kind: "CERTIFICATE_ISSUED" | "CERTIFICATE_EXPIRING" | "CERTIFICATE_EXPIRED", cert: CertificateFacts): NewNotification {
  return {
    kind,
    userId: cert.user.id,
    email: cert.user.email,
    locale: recipientLocale(cert.user.locale),
    organizationId: null,
    subjectId: cert.id,
    dueDay: kind === "CERTIFICATE_ISSUED" || !cert.expiresAt ? null : utcDay(cert.expiresAt),
    params: {
      certificateId: cert.id,
      courseSlug: cert.enrolment.course.slug,
      courseTitle: cert.courseTitle as LocalizedText,
      sourceLocale: cert.enrolment.course.sourceLocale,
      expiresAt: cert.expiresAt?.toISOString(),
    },
  };
}
