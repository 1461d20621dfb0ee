// The scheduled notices, computed from the database on each pass: due-date reminders, overdue
// notices, certificate expiry, the weekly manager digest, and a catch-up for certificate notices.
// Running it twice, or in two processes at once, creates nothing twice (unique keys, queue.server.ts).
import type { Db } from "~/db.server";
import { activeRoleWhere, RULES } from "~/auth/permissions";
import { effectiveDueAt, isSatisfied, type CertificateFacts as RuleCertificate } from "~/training/rules";
import type { DigestLine } from "./templates.server";
import { certificateNotice, courseRefs, enqueueMany, recipientLocale, type NewNotification } from "./queue.server";
import { dueReminder, expiryNotice, isoWeek, utcDay, EXPIRED_NOTICE_HORIZON_DAYS, EXPIRY_NOTICE_DAYS } from "./schedule";

const DAY = 24 * 60 * 60 * 1000;
/** Digest lines per email; the rest is a count and a link to the staff report. */
export const DIGEST_LINES = 50;
/** Certificates issued this recently get their notice if the issuing code could not write it. */
const ISSUED_CATCH_UP_DAYS = 2;

type Overdue = DigestLine & { organizationId: string };

async function assignmentNotices(db: Db, now: Date): Promise<{ notices: NewNotification[]; overdue: Overdue[] }> {
  const assignments = await db.assignment.findMany({
    select: {
      id: true,
      organizationId: true,
      courseId: true,
      userId: true,
      departmentId: true,
      dueAt: true,
      recertifyMonths: true,
      createdAt: true,
      organization: { select: { name: true, slug: true } },
    },
  });
  if (assignments.length === 0) return { notices: [], overdue: [] };
  const orgIds = [...new Set(assignments.map((a) => a.organizationId))];
  const courseIds = [...new Set(assignments.map((a) => a.courseId))];
  const [members, enrolments, certificates, refs] = await Promise.all([
    db.membership.findMany({
      where: { organizationId: { in: orgIds }, status: "ACTIVE" },
      select: { organizationId: true, departmentId: true, user: { select: { id: true, name: true, email: true, locale: true } } },
    }),
    db.enrolment.findMany({ where: { courseId: { in: courseIds } }, select: { userId: true, courseId: true, completedAt: true } }),
    db.certificate.findMany({ where: { courseId: { in: courseIds } }, select: { userId: true, courseId: true, issuedAt: true, expiresAt: true, revokedAt: true } }),
    courseRefs(db, courseIds),
  ]);
  const completed = new Map(enrolments.map((e) => [`${e.userId}:${e.courseId}`, e.completedAt]));
  const certs = new Map<string, RuleCertificate[]>();
  for (const c of certificates) {
    const key = `${c.userId}:${c.courseId}`;
    const list = certs.get(key);
    if (list) list.push(c);
    else certs.set(key, [c]);
  }
  // Members indexed by who an assignment can reach (a department, or one person in the
  // municipality): filtering every member for every assignment is assignments × members, minutes of
  // CPU per pass at 100,000 learners.
  const byDepartment = new Map<string, (typeof members)[number]["user"][]>();
  const byPerson = new Map<string, (typeof members)[number]["user"]>();
  for (const m of members) {
    if (m.departmentId) {
      const key = `${m.organizationId}:${m.departmentId}`;
      const list = byDepartment.get(key);
      if (list) list.push(m.user);
      else byDepartment.set(key, [m.user]);
    }
    byPerson.set(`${m.organizationId}:${m.user.id}`, m.user);
  }
  const notices: NewNotification[] = [];
  const overdue: Overdue[] = [];
  for (const a of assignments) {
    const course = refs.get(a.courseId);
    if (!course) continue;
    const person = a.userId ? byPerson.get(`${a.organizationId}:${a.userId}`) : undefined;
    const reached = a.userId ? (person ? [person] : []) : a.departmentId ? (byDepartment.get(`${a.organizationId}:${a.departmentId}`) ?? []) : [];
    for (const user of reached) {
      const key = `${user.id}:${a.courseId}`;
      const facts = { completedAt: completed.get(key) ?? null, certificates: certs.get(key) ?? [] };
      const rule = { dueAt: a.dueAt, recertifyMonths: a.recertifyMonths };
      if (isSatisfied(rule, facts, now)) continue;
      const dueAt = effectiveDueAt(rule, facts, now);
      const kind = dueReminder(dueAt, a.createdAt, now);
      if (kind === "OVERDUE") overdue.push({ organizationId: a.organizationId, name: user.name, ...course, dueAt: dueAt.toISOString() });
      if (!kind) continue;
      notices.push({
        kind,
        userId: user.id,
        email: user.email,
        locale: recipientLocale(user.locale),
        organizationId: a.organizationId,
        subjectId: a.id,
        dueDay: utcDay(dueAt),
        params: { ...course, organizationName: a.organization.name, organizationSlug: a.organization.slug, dueAt: dueAt.toISOString() },
      });
    }
  }
  return { notices, overdue };
}

async function certificateNotices(db: Db, now: Date): Promise<NewNotification[]> {
  const select = {
    id: true,
    userId: true,
    courseId: true,
    issuedAt: true,
    courseTitle: true,
    expiresAt: true,
    user: { select: { id: true, email: true, locale: true } },
    enrolment: { select: { course: { select: { slug: true, sourceLocale: true } } } },
  } as const;
  const [expiring, recent] = await Promise.all([
    db.certificate.findMany({
      where: {
        revokedAt: null,
        expiresAt: { gte: new Date(now.getTime() - EXPIRED_NOTICE_HORIZON_DAYS * DAY), lte: new Date(now.getTime() + (EXPIRY_NOTICE_DAYS + 1) * DAY) },
      },
      select,
    }),
    db.certificate.findMany({ where: { revokedAt: null, issuedAt: { gte: new Date(now.getTime() - ISSUED_CATCH_UP_DAYS * DAY) } }, select }),
  ]);
  const notices: NewNotification[] = recent.map((c) => certificateNotice("CERTIFICATE_ISSUED", c));
  if (expiring.length === 0) return notices;
  // a certificate superseded by a newer one of the same course (renewed) needs no expiry notice;
  // the holders are read in slices, as a country's expiring certificates would exceed the number of
  // parameters one SQLite statement takes
  const courseIds = [...new Set(expiring.map((c) => c.courseId))];
  const holders = [...new Set(expiring.map((c) => c.userId))];
  const latestIssued = new Map<string, number>();
  for (let i = 0; i < holders.length; i += 500) {
    const rows = await db.certificate.findMany({
      where: { userId: { in: holders.slice(i, i + 500) }, courseId: { in: courseIds }, revokedAt: null },
      select: { userId: true, courseId: true, issuedAt: true },
    });
    for (const r of rows) {
      const key = `${r.userId}:${r.courseId}`;
      latestIssued.set(key, Math.max(latestIssued.get(key) ?? 0, r.issuedAt.getTime()));
    }
  }
  for (const c of expiring) {
    if ((latestIssued.get(`${c.userId}:${c.courseId}`) ?? 0) > c.issuedAt.getTime()) continue;
    const kind = expiryNotice(c.expiresAt, now);
    if (kind) notices.push(certificateNotice(kind, c));
  }
  return notices;
}

async function digestNotices(db: Db, overdue: Overdue[], now: Date): Promise<NewNotification[]> {
  const byOrg = new Map<string, Overdue[]>();
  for (const o of overdue) {
    const list = byOrg.get(o.organizationId);
    if (list) list.push(o);
    else byOrg.set(o.organizationId, [o]);
  }
  if (byOrg.size === 0) return [];
  const managers = await db.membership.findMany({
    where: { organizationId: { in: [...byOrg.keys()] }, ...activeRoleWhere(RULES.manage) },
    select: { organizationId: true, organization: { select: { name: true, slug: true } }, user: { select: { id: true, email: true, locale: true } } },
  });
  const week = isoWeek(now);
  return managers.map((m) => {
    const list = [...byOrg.get(m.organizationId)!].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.name.localeCompare(b.name));
    return {
      kind: "MANAGER_DIGEST" as const,
      userId: m.user.id,
      email: m.user.email,
      locale: recipientLocale(m.user.locale),
      organizationId: m.organizationId,
      subjectId: m.organizationId,
      dueDay: week,
      params: {
        organizationName: m.organization.name,
        organizationSlug: m.organization.slug,
        total: list.length,
        overdue: list.slice(0, DIGEST_LINES).map(({ organizationId: _, ...line }) => line),
      },
    };
  });
}

/** One scheduler pass: writes the notices that are due now and do not exist yet. Returns how many. */
export async function scheduleDue(db: Db, now = new Date()): Promise<number> {
  const { notices, overdue } = await assignmentNotices(db, now);
  const certificates = await certificateNotices(db, now);
  const digests = await digestNotices(db, overdue, now);
  return enqueueMany(db, [...notices, ...certificates, ...digests]);
}
