// Private calendar feeds (docs/integrations.md): each person subscribes their calendar app to
// /calendar/<token>.ics and sees their own due dates and certificate expiries; a manager also sees
// their municipality's assignments, one event per assignment with how many people have not finished
// (never a list of names), and the staff's certificate expiries counted per course and day.
//
// The token is 32 random bytes (base64url); only its SHA-256 is stored, so the address is shown once,
// when it is made. Renewing replaces the stored hash: the old address answers 404 from that moment.
import { createHash, randomBytes } from "node:crypto";
import { orgName as nameIn } from "~/organizations/names";
import type { Db } from "~/db.server";
import { getDb } from "~/db.server";
import { pick } from "~/courses/localize";
import type { LocalizedText } from "~/courses/schema";
import { getFixedT } from "~/i18n/i18next.server";
import { isLocale, type Locale } from "~/i18n/config";
import { publicOrigin, publicUrl } from "~/http/public-origin.server";
import { courseRefs, type CourseRef } from "~/notifications/queue.server";
import { utcDay } from "~/notifications/schedule";
import { assignmentProgress } from "~/organizations/reports.server";
import { effectiveDueAt, isSatisfied, renewalDueAt, type CertificateFacts } from "~/training/rules";
import { renderCalendar, type CalendarEvent } from "./ical";

const DAY = 24 * 60 * 60 * 1000;
/** Expiries shown: from a month back (just expired: still worth seeing) to two years ahead. */
const EXPIRY_PAST_DAYS = 30;
const EXPIRY_AHEAD_DAYS = 730;

export const hashFeedToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Tokens are 32 random bytes in base64url (43 characters): anything else is not looked up. */
export const isFeedToken = (value: unknown): value is string => typeof value === "string" && /^[A-Za-z0-9_-]{43}$/.test(value);

export const feedUrl = (token: string) => publicUrl(`/calendar/${token}.ics`);

/** Makes the person's feed address, or a new one in place of the old (which stops working). */
export async function renewFeed(userId: string, db?: Db): Promise<string> {
  db ??= await getDb();
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashFeedToken(token);
  await db.calendarFeed.upsert({ where: { userId }, create: { userId, tokenHash }, update: { tokenHash, createdAt: new Date() } });
  return token;
}

export async function removeFeed(userId: string, db?: Db): Promise<void> {
  db ??= await getDb();
  await db.calendarFeed.deleteMany({ where: { userId } });
}

export async function feedOf(userId: string, db?: Db): Promise<{ createdAt: Date } | null> {
  db ??= await getDb();
  return db.calendarFeed.findUnique({ where: { userId }, select: { createdAt: true } });
}

type T = Awaited<ReturnType<typeof getFixedT>>;
type Person = { id: string; name: string; locale: Locale };

function titleOf(ref: CourseRef | undefined, locale: Locale): string {
  if (!ref) return "";
  return pick(ref.courseTitle, locale, isLocale(ref.sourceLocale) ? ref.sourceLocale : "en").value;
}

const compact = (day: string) => day.replace(/-/g, "");

/** The valid certificates among `list` that no newer certificate of the same person and course replaced. */
function latestPerCourse<C extends { userId: string; courseId: string; issuedAt: Date }>(list: C[]): Set<C> {
  const newest = new Map<string, C>();
  for (const c of list) {
    const key = `${c.userId}:${c.courseId}`;
    const seen = newest.get(key);
    if (!seen || c.issuedAt > seen.issuedAt) newest.set(key, c);
  }
  return new Set(newest.values());
}

/** The person's own assignments (not yet done, or to renew) and certificate expiries. */
async function ownEvents(db: Db, person: Person, t: T, host: string, now: Date): Promise<CalendarEvent[]> {
  const memberships = await db.membership.findMany({
    where: { userId: person.id, status: "ACTIVE", organization: { kind: "MUNICIPALITY" } },
    select: { organizationId: true, departmentId: true, organization: { select: { name: true, names: true } } },
  });
  const assignments = memberships.length
    ? await db.assignment.findMany({
        where: {
          OR: memberships.map((m) => ({
            organizationId: m.organizationId,
            OR: [{ userId: person.id }, ...(m.departmentId ? [{ departmentId: m.departmentId }] : [])],
          })),
        },
        select: { id: true, organizationId: true, courseId: true, dueAt: true, recertifyMonths: true },
      })
    : [];
  const certificates = await db.certificate.findMany({
    where: { userId: person.id, revokedAt: null },
    select: { id: true, userId: true, courseId: true, issuedAt: true, expiresAt: true, revokedAt: true, courseTitle: true },
  });
  const [enrolments, refs] = await Promise.all([
    db.enrolment.findMany({ where: { userId: person.id, courseId: { in: assignments.map((a) => a.courseId) } }, select: { courseId: true, completedAt: true } }),
    courseRefs(db, [...assignments.map((a) => a.courseId), ...certificates.map((c) => c.courseId)]),
  ]);
  // the municipality's name in the person's language (app/organizations/names.ts)
  const orgName = new Map(memberships.map((m) => [m.organizationId, nameIn(m.organization, person.locale)]));
  const events = new Map<string, CalendarEvent>();
  for (const a of assignments) {
    const ref = refs.get(a.courseId);
    if (!ref) continue;
    const course = titleOf(ref, person.locale);
    const facts = {
      completedAt: enrolments.find((e) => e.courseId === a.courseId)?.completedAt ?? null,
      certificates: certificates.filter((c) => c.courseId === a.courseId) as CertificateFacts[],
    };
    const rule = { dueAt: a.dueAt, recertifyMonths: a.recertifyMonths };
    const url = publicUrl(`/courses/${ref.courseSlug}`);
    const organization = orgName.get(a.organizationId) ?? "";
    if (!isSatisfied(rule, facts, now)) {
      const day = utcDay(effectiveDueAt(rule, facts, now));
      // two municipalities (or a person and their department) assigning one course for one day: one event
      const uid = `due-${a.courseId}-${person.id}-${compact(day)}@${host}`;
      events.set(uid, { uid, day, summary: t("calendar.event.due", { course }), description: t("calendar.event.dueDescription", { course, organization }), url });
      continue;
    }
    const renewal = renewalDueAt(rule, facts, now);
    if (renewal) {
      const day = utcDay(renewal);
      const uid = `renew-${a.courseId}-${person.id}-${compact(day)}@${host}`;
      events.set(uid, { uid, day, summary: t("calendar.event.renew", { course }), description: t("calendar.event.renewDescription", { course, organization }), url });
    }
  }
  const from = now.getTime() - EXPIRY_PAST_DAYS * DAY;
  const to = now.getTime() + EXPIRY_AHEAD_DAYS * DAY;
  for (const c of latestPerCourse(certificates)) {
    if (!c.expiresAt || c.expiresAt.getTime() < from || c.expiresAt.getTime() > to) continue;
    const ref = refs.get(c.courseId);
    const course = ref ? titleOf(ref, person.locale) : pick(c.courseTitle as LocalizedText, person.locale, "en").value;
    const uid = `certificate-expiry-${c.id}@${host}`;
    events.set(uid, {
      uid,
      day: utcDay(c.expiresAt),
      summary: t("calendar.event.certificateExpires", { course }),
      description: t("calendar.event.certificateExpiresDescription", { course }),
      url: publicUrl(`/certificates/${c.id}`),
    });
  }
  return [...events.values()];
}

/** For each municipality the person manages: its assignments and its staff's certificate expiries, summarized. */
async function managedEvents(db: Db, person: Person, t: T, host: string, now: Date): Promise<CalendarEvent[]> {
  const managed = await db.membership.findMany({
    where: { userId: person.id, status: "ACTIVE", role: { in: ["MANAGER", "ADMIN"] }, organization: { kind: "MUNICIPALITY" } },
    select: { organization: { select: { id: true, slug: true, name: true } } },
  });
  const events: CalendarEvent[] = [];
  for (const { organization: org } of managed) {
    const assignments = await db.assignment.findMany({
      where: { organizationId: org.id },
      select: { id: true, courseId: true, dueAt: true, user: { select: { name: true } }, department: { select: { name: true } } },
    });
    const progress = assignments.length ? await assignmentProgress(org.id, now) : new Map();
    const certificates = await db.certificate.findMany({
      where: {
        revokedAt: null,
        user: { memberships: { some: { organizationId: org.id, status: "ACTIVE" } } },
      },
      select: { userId: true, courseId: true, issuedAt: true, expiresAt: true },
    });
    const refs = await courseRefs(db, [...assignments.map((a) => a.courseId), ...certificates.map((c) => c.courseId)]);
    for (const a of assignments) {
      const figures = progress.get(a.id) ?? { assigned: 0, completed: 0, overdue: 0 };
      // an assignment that reaches nobody now (an emptied department) has nothing to show
      if (figures.assigned === 0) continue;
      const course = titleOf(refs.get(a.courseId), person.locale);
      const target = a.department?.name ?? a.user?.name ?? "";
      const open = figures.assigned - figures.completed;
      events.push({
        uid: `assignment-${a.id}@${host}`,
        day: utcDay(a.dueAt),
        summary:
          open === 0
            ? t("calendar.manager.allFinished", { organization: org.name, course, target })
            : t("calendar.manager.due", { organization: org.name, course, target, open, assigned: figures.assigned }),
        description: t("calendar.manager.dueDescription", { organization: org.name, course, target, assigned: figures.assigned, completed: figures.completed, overdue: figures.overdue }),
        url: publicUrl(`/manage/${org.slug}/assignments`),
      });
    }
    // expiries per course and day: "3 certificates expire" rather than three events with names
    const from = now.getTime() - EXPIRY_PAST_DAYS * DAY;
    const to = now.getTime() + EXPIRY_AHEAD_DAYS * DAY;
    const groups = new Map<string, { courseId: string; day: string; count: number }>();
    for (const c of latestPerCourse(certificates)) {
      if (!c.expiresAt || c.expiresAt.getTime() < from || c.expiresAt.getTime() > to) continue;
      const day = utcDay(c.expiresAt);
      const key = `${c.courseId}:${day}`;
      const group = groups.get(key) ?? { courseId: c.courseId, day, count: 0 };
      group.count++;
      groups.set(key, group);
    }
    for (const g of groups.values()) {
      const course = titleOf(refs.get(g.courseId), person.locale);
      events.push({
        uid: `staff-expiry-${org.id}-${g.courseId}-${compact(g.day)}@${host}`,
        day: g.day,
        summary: t("calendar.manager.expiries", { organization: org.name, course, count: g.count }),
        description: t("calendar.manager.expiriesDescription", { organization: org.name, course, count: g.count }),
        url: publicUrl(`/manage/${org.slug}`),
      });
    }
  }
  return events;
}

/** The feed of the token's owner, or null for an unknown (or renewed, or removed) token. */
export async function calendarForToken(token: string, now = new Date(), dbIn?: Db): Promise<string | null> {
  if (!isFeedToken(token)) return null;
  const db = dbIn ?? (await getDb());
  const feed = await db.calendarFeed.findUnique({
    where: { tokenHash: hashFeedToken(token) },
    select: { user: { select: { id: true, name: true, locale: true, deactivatedAt: true } } },
  });
  // an account the platform administrator deactivated has no feed either
  if (!feed || feed.user.deactivatedAt) return null;
  const person: Person = { id: feed.user.id, name: feed.user.name, locale: isLocale(feed.user.locale) ? feed.user.locale : "en" };
  const t = await getFixedT(person.locale, "account");
  const host = new URL(publicOrigin()).host;
  const events = [...(await ownEvents(db, person, t, host, now)), ...(await managedEvents(db, person, t, host, now))];
  events.sort((a, b) => a.day.localeCompare(b.day) || a.uid.localeCompare(b.uid));
  return renderCalendar({ name: t("calendar.feedName", { name: person.name }), language: person.locale, events, now });
}
