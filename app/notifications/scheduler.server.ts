// The scheduled notices, computed from the database on each pass: due-date reminders, overdue
// notices, certificate expiry, the weekly manager digest, and a catch-up for certificate notices.
// Running it twice, or in two processes at once, creates nothing twice (unique keys, queue.server.ts).
import { asOrgNames } from "~/organizations/names";
import { isUniqueViolation, type Db } from "~/db.server";
import { addMonths } from "~/dates";
import { activeRoleWhere, RULES } from "~/auth/permissions";
import { appliesTo, effectiveDueAt, isSatisfied, type CertificateFacts as RuleCertificate } from "~/training/rules";
import type { DigestLine } from "./templates.server";
import { certificateNotice, courseRefs, enqueueMany, recipientLocale, type NewNotification } from "./queue.server";
import { dueReminder, expiryNotice, isoWeek, utcDay, EXPIRED_NOTICE_HORIZON_DAYS, EXPIRY_NOTICE_DAYS } from "./schedule";

const DAY = 24 * 60 * 60 * 1000;
/** Digest lines per email; the rest is a count and a link to the staff report. */
export const DIGEST_LINES = 50;
/** Certificates issued this recently get their notice if the issuing code could not write it. */
const ISSUED_CATCH_UP_DAYS = 2;

type Overdue = DigestLine & { organizationId: string };

const assignmentSelect = {
  id: true,
  organizationId: true,
  courseId: true,
  userId: true,
  departmentId: true,
  dueAt: true,
  recertifyMonths: true,
  createdAt: true,
  organization: { select: { name: true, names: true, slug: true } },
} as const;
type AssignmentRow = {
  id: string;
  organizationId: string;
  courseId: string;
  userId: string | null;
  departmentId: string | null;
  dueAt: Date;
  recertifyMonths: number | null;
  createdAt: Date;
  organization: { name: string; names: unknown; slug: string };
};
type Person = { id: string; name: string; email: string; locale: string };
const personSelect = { select: { id: true, name: true, email: true, locale: true } } as const;
/** An assignment and the people to examine for it (people it reaches: active members). */
type Target = { assignment: AssignmentRow; people: Person[] };
type Facts = { completed: Map<string, Date | null>; certs: Map<string, RuleCertificate[]> };

/** SQLite takes a bounded number of parameters per statement: long `IN` lists are read in slices. */
const SLICE = 500;
function slices<T>(list: T[], size = SLICE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Completions and certificates of the courses given: of everyone (full scan), or of the people given. */
async function loadFacts(db: Db, courseIds: string[], userIds: string[] | null): Promise<Facts> {
  const enrolmentSelect = { userId: true, courseId: true, completedAt: true } as const;
  const certificateSelect = { userId: true, courseId: true, issuedAt: true, expiresAt: true, revokedAt: true } as const;
  const courses = [...new Set(courseIds)];
  type E = { userId: string; courseId: string; completedAt: Date | null };
  type C = { userId: string; courseId: string; issuedAt: Date; expiresAt: Date | null; revokedAt: Date | null };
  let enrolments: E[] = [];
  let certificates: C[] = [];
  if (userIds === null) {
    [enrolments, certificates] = await Promise.all([
      db.enrolment.findMany({ where: { courseId: { in: courses } }, select: enrolmentSelect }),
      db.certificate.findMany({ where: { courseId: { in: courses } }, select: certificateSelect }),
    ]);
  } else {
    for (const users of slices([...new Set(userIds)])) {
      const [e, c] = await Promise.all([
        db.enrolment.findMany({ where: { userId: { in: users }, courseId: { in: courses } }, select: enrolmentSelect }),
        db.certificate.findMany({ where: { userId: { in: users }, courseId: { in: courses } }, select: certificateSelect }),
      ]);
      // (not push(...rows): a spread of hundreds of thousands of rows overflows the stack)
      enrolments = enrolments.concat(e);
      certificates = certificates.concat(c);
    }
  }
  const completed = new Map(enrolments.map((e) => [`${e.userId}:${e.courseId}`, e.completedAt]));
  const certs = new Map<string, RuleCertificate[]>();
  for (const c of certificates) push(certs, `${c.userId}:${c.courseId}`, c);
  return { completed, certs };
}

/**
 * The rules, for each assignment and person given: the due-date notice that applies now (if any),
 * and who is overdue (for the digests). The full scan and the incremental pass both end here, so
 * they cannot disagree on a rule — only on whom they examine.
 */
async function evaluate(db: Db, targets: Target[], now: Date, facts?: Facts): Promise<{ notices: NewNotification[]; overdue: Overdue[] }> {
  const notices: NewNotification[] = [];
  const overdue: Overdue[] = [];
  if (targets.length === 0) return { notices, overdue };
  const courseIds = [...new Set(targets.map((t) => t.assignment.courseId))];
  const [known, refs] = await Promise.all([
    facts ?? loadFacts(db, courseIds, [...new Set(targets.flatMap((t) => t.people.map((p) => p.id)))]),
    courseRefs(db, courseIds),
  ]);
  for (const { assignment: a, people } of targets) {
    const course = refs.get(a.courseId);
    if (!course) continue;
    for (const user of people) {
      const key = `${user.id}:${a.courseId}`;
      const factsOf = { completedAt: known.completed.get(key) ?? null, certificates: known.certs.get(key) ?? [] };
      const rule = { dueAt: a.dueAt, recertifyMonths: a.recertifyMonths };
      if (isSatisfied(rule, factsOf, now)) continue;
      const dueAt = effectiveDueAt(rule, factsOf, now);
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
        params: { ...course, organizationName: a.organization.name, organizationNames: asOrgNames(a.organization.names), organizationSlug: a.organization.slug, dueAt: dueAt.toISOString() },
      });
    }
  }
  return { notices, overdue };
}

/** Full scan: every assignment, every active member it reaches. */
async function allAssignmentNotices(db: Db, now: Date): Promise<{ notices: NewNotification[]; overdue: Overdue[] }> {
  const assignments = await db.assignment.findMany({ select: assignmentSelect });
  if (assignments.length === 0) return { notices: [], overdue: [] };
  const orgIds = [...new Set(assignments.map((a) => a.organizationId))];
  const courseIds = [...new Set(assignments.map((a) => a.courseId))];
  const [members, facts] = await Promise.all([
    db.membership.findMany({ where: { organizationId: { in: orgIds }, status: "ACTIVE" }, select: { organizationId: true, departmentId: true, user: personSelect } }),
    loadFacts(db, courseIds, null),
  ]);
  // Members indexed by who an assignment can reach (a department, or one person in the
  // municipality): filtering every member for every assignment is assignments × members, minutes of
  // CPU per pass at 100,000 learners.
  const byDepartment = new Map<string, Person[]>();
  const byPerson = new Map<string, Person>();
  for (const m of members) {
    if (m.departmentId) push(byDepartment, `${m.organizationId}:${m.departmentId}`, m.user);
    byPerson.set(`${m.organizationId}:${m.user.id}`, m.user);
  }
  const targets = assignments.map((a) => {
    const person = a.userId ? byPerson.get(`${a.organizationId}:${a.userId}`) : undefined;
    const people = a.userId ? (person ? [person] : []) : a.departmentId ? (byDepartment.get(`${a.organizationId}:${a.departmentId}`) ?? []) : [];
    return { assignment: a, people };
  });
  return evaluate(db, targets, now, facts);
}

/** The start (00:00 UTC) of a moment's day. */
const dayStart = (date: Date) => new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
const plusDays = (date: Date, days: number) => new Date(date.getTime() + days * DAY);

/**
 * The earliest completion whose renewal date, `months` later, is at or after `t`. addMonths is
 * monotonic but clamps to month ends (31 January + 1 month = 28 February), so the inverse is
 * t − N months, or — when that was clamped — the first moment of the following month.
 */
export function renewedFrom(t: Date, months: number): Date {
  const back = addMonths(t, -months);
  if (addMonths(back, months).getTime() >= t.getTime()) return back;
  return new Date(Date.UTC(back.getUTCFullYear(), back.getUTCMonth() + 1, 1));
}

/**
 * Incremental: only the (assignment, person) pairs whose notice can have changed between `from`
 * and `now` — a reminder threshold crossed by a due date or a renewal date, or a fact written since
 * (an assignment, a membership, an enrolment, a certificate). Every read is an indexed range on a
 * stored date. Pairs are examined with the same rules as the full scan (evaluate), so examining one
 * pair too many costs a little time, never a wrong notice; the ranges are chosen so that none is
 * missing (app/notifications/scheduler.test.ts compares both over random histories).
 */
async function changedAssignmentNotices(db: Db, from: Date, now: Date): Promise<{ notices: NewNotification[]; overdue: Overdue[] }> {
  const d0 = dayStart(from);
  const d1 = dayStart(now);
  // 1. assignments examined for everyone they reach: new or changed ones, and those whose due date
  // crossed a threshold: overdue (due moment passed), DUE_1_DAY (its day before began), DUE_7_DAYS
  const whole = await db.assignment.findMany({
    where: {
      OR: [
        { changedAt: { gte: from } },
        { dueAt: { gte: from, lte: now } },
        { dueAt: { gte: plusDays(d0, 2), lt: plusDays(d1, 2) } },
        { dueAt: { gte: plusDays(d0, 8), lt: plusDays(d1, 8) } },
      ],
    },
    select: assignmentSelect,
  });
  // 2. people whose membership changed (joined, moved, reactivated): their municipality's
  // assignments
  const memberships = await db.membership.findMany({
    where: { changedAt: { gte: from }, status: "ACTIVE" },
    select: { userId: true, organizationId: true },
  });
  // 3. people whose facts for a course changed, or reach a time threshold: enrolments and
  // certificates written since; certificates expiring (a recertified assignment is no longer
  // satisfied); completions and certificates whose renewal date (N months later) crosses a reminder
  // threshold or the recertification cut-off.
  const facts = new Map<string, Set<string>>(); // userId → courseIds
  const addFact = (r: { userId: string; courseId: string }) => {
    const set = facts.get(r.userId);
    if (set) set.add(r.courseId);
    else facts.set(r.userId, new Set([r.courseId]));
  };
  const recertified = await db.assignment.groupBy({ by: ["courseId", "recertifyMonths"], where: { recertifyMonths: { not: null } } });
  const coursesByMonths = new Map<number, string[]>();
  for (const r of recertified) push(coursesByMonths, r.recertifyMonths!, r.courseId);
  // for each N: completions whose renewal date (completion + N months) entered [lo, hi) — the
  // overdue moment, the day before, 7 days before — and those that passed the cut-off (now − N
  // months) since `from`. renewedFrom inverts addMonths; a day's margin on each side, because
  // addMonths keeps the time of day when it clamps (30 and 31 January 23:00 and 01:00 both land on
  // 28 February, in the other order).
  const renewalBands = [...coursesByMonths].flatMap(([months, courseIds]) => {
    const courseId = new Set(courseIds);
    const renewal = (lo: Date, hi: Date) => ({ courseId, gte: renewedFrom(plusDays(lo, -1), months), lt: renewedFrom(plusDays(hi, 1), months) });
    return [renewal(from, now), renewal(plusDays(d0, 2), plusDays(d1, 2)), renewal(plusDays(d0, 8), plusDays(d1, 8)), { courseId, gte: plusDays(addMonths(from, -months), -1), lt: plusDays(addMonths(now, -months), 1) }];
  });
  const factSelect = { userId: true, courseId: true } as const;
  const factRows = await Promise.all([
    db.enrolment.findMany({ where: { changedAt: { gte: from } }, select: factSelect }),
    db.certificate.findMany({ where: { OR: [{ changedAt: { gte: from } }, { expiresAt: { gte: from, lte: now } }] }, select: factSelect }),
    // the date range alone, so that the planner takes its index (a course's rows are many); the
    // courses are filtered here
    ...renewalBands.map(async (b) =>
      (await db.enrolment.findMany({ where: { completedAt: { gte: b.gte, lt: b.lt } }, select: factSelect })).filter((r) => b.courseId.has(r.courseId)),
    ),
    ...renewalBands.map(async (b) =>
      (await db.certificate.findMany({ where: { issuedAt: { gte: b.gte, lt: b.lt } }, select: { ...factSelect, revokedAt: true } })).filter((r) => !r.revokedAt && b.courseId.has(r.courseId)),
    ),
  ]);
  for (const rows of factRows) for (const r of rows) addFact(r);

  // the pairs: "*" = everyone the assignment reaches
  const pairs = new Map<string, Set<string> | "*">();
  const assignmentsById = new Map<string, AssignmentRow>();
  for (const a of whole) {
    pairs.set(a.id, "*");
    assignmentsById.set(a.id, a);
  }
  const addPair = (a: AssignmentRow, userId: string) => {
    const current = pairs.get(a.id);
    if (current === "*") return;
    assignmentsById.set(a.id, a);
    if (current) current.add(userId);
    else pairs.set(a.id, new Set([userId]));
  };
  // people of 2 and 3: their active memberships, then the assignments that reach them there
  const people = [...new Set([...memberships.map((m) => m.userId), ...facts.keys()])];
  const changedOrgOf = new Map<string, Set<string>>();
  for (const m of memberships) {
    const set = changedOrgOf.get(m.userId);
    if (set) set.add(m.organizationId);
    else changedOrgOf.set(m.userId, new Set([m.organizationId]));
  }
  for (const users of slices(people)) {
    const active = await db.membership.findMany({
      where: { userId: { in: users }, status: "ACTIVE" },
      select: { userId: true, organizationId: true, departmentId: true },
    });
    if (active.length === 0) continue;
    const reach = active.map((m) => ({ organizationId: m.organizationId, OR: [{ userId: m.userId }, ...(m.departmentId ? [{ departmentId: m.departmentId }] : [])] }));
    for (const part of slices(reach, 100)) {
      const assignments = await db.assignment.findMany({ where: { OR: part }, select: assignmentSelect });
      for (const a of assignments) {
        for (const m of active) {
          if (m.organizationId !== a.organizationId || !appliesTo(a, { userId: m.userId, departmentId: m.departmentId, status: "ACTIVE" })) continue;
          if (changedOrgOf.get(m.userId)?.has(a.organizationId) || facts.get(m.userId)?.has(a.courseId)) addPair(a, m.userId);
        }
      }
    }
  }
  // the people of each pair, as they are now: active members the assignment reaches
  const targets: Target[] = [];
  const everyone = [...pairs].filter(([, users]) => users === "*").map(([id]) => assignmentsById.get(id)!);
  const some = [...pairs].filter(([, users]) => users !== "*") as [string, Set<string>][];
  for (const part of slices(everyone, 100)) {
    const members = await db.membership.findMany({
      where: {
        status: "ACTIVE",
        OR: part.map((a) => (a.userId ? { organizationId: a.organizationId, userId: a.userId } : { organizationId: a.organizationId, departmentId: a.departmentId ?? "" })),
      },
      select: { organizationId: true, departmentId: true, userId: true, user: personSelect },
    });
    for (const a of part) {
      targets.push({ assignment: a, people: members.filter((m) => m.organizationId === a.organizationId && appliesTo(a, { ...m, status: "ACTIVE" })).map((m) => m.user) });
    }
  }
  const someUsers = [...new Set(some.flatMap(([, users]) => [...users]))];
  const personById = new Map<string, Person>();
  for (const users of slices(someUsers)) {
    for (const u of await db.user.findMany({ where: { id: { in: users } }, select: { id: true, name: true, email: true, locale: true } })) personById.set(u.id, u);
  }
  for (const [id, users] of some) {
    targets.push({ assignment: assignmentsById.get(id)!, people: [...users].flatMap((u) => (personById.has(u) ? [personById.get(u)!] : [])) });
  }
  return evaluate(db, targets, now);
}

/**
 * Certificate notices. `from` (incremental): only certificates that crossed an expiry threshold
 * since then, were written since, or whose newer certificate of the course was (a renewal revoked
 * makes the older one the current one again); without it, every certificate in the windows.
 */
async function certificateNotices(db: Db, now: Date, from?: Date): Promise<NewNotification[]> {
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
  const window = {
    revokedAt: null,
    expiresAt: { gte: new Date(now.getTime() - EXPIRED_NOTICE_HORIZON_DAYS * DAY), lte: new Date(now.getTime() + (EXPIRY_NOTICE_DAYS + 1) * DAY) },
  };
  const catchUp = { revokedAt: null, issuedAt: { gte: new Date(now.getTime() - ISSUED_CATCH_UP_DAYS * DAY) } };
  let expiring: Awaited<ReturnType<typeof db.certificate.findMany<{ select: typeof select }>>>;
  let recent: typeof expiring;
  if (from) {
    // each range read on its own (one index each), then kept to the windows: EXPIRING when its
    // 30-day window began, EXPIRED when the moment passed, and the certificates of a person and
    // course written since; the catch-up only for certificates written since (one is written once,
    // when issued)
    const written = await db.certificate.findMany({ where: { changedAt: { gte: from } }, select: { userId: true, courseId: true } });
    const pairs = [...new Map(written.map((w) => [`${w.userId}:${w.courseId}`, w])).values()];
    const parts = await Promise.all([
      db.certificate.findMany({ where: { expiresAt: { gte: plusDays(dayStart(from), EXPIRY_NOTICE_DAYS + 1), lt: plusDays(dayStart(now), EXPIRY_NOTICE_DAYS + 1) } }, select: { ...select, revokedAt: true } }),
      db.certificate.findMany({ where: { expiresAt: { gte: from, lte: now } }, select: { ...select, revokedAt: true } }),
      ...slices(pairs, 200).map((part) => db.certificate.findMany({ where: { OR: part.map((w) => ({ userId: w.userId, courseId: w.courseId })) }, select: { ...select, revokedAt: true } })),
    ]);
    const inWindow = (c: { revokedAt: Date | null; expiresAt: Date | null }) =>
      !c.revokedAt && c.expiresAt !== null && c.expiresAt >= window.expiresAt.gte && c.expiresAt <= window.expiresAt.lte;
    expiring = [...new Map(parts.flat().filter(inWindow).map((c) => [c.id, c])).values()];
    recent = await db.certificate.findMany({ where: { ...catchUp, changedAt: { gte: from } }, select });
  } else {
    [expiring, recent] = await Promise.all([db.certificate.findMany({ where: window, select }), db.certificate.findMany({ where: catchUp, select })]);
  }
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
    select: { organizationId: true, organization: { select: { name: true, names: true, slug: true } }, user: { select: { id: true, email: true, locale: true } } },
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
        organizationNames: asOrgNames(m.organization.names),
        organizationSlug: m.organization.slug,
        total: list.length,
        overdue: list.slice(0, DIGEST_LINES).map(({ organizationId: _, ...line }) => line),
      },
    };
  });
}

/**
 * Everyone overdue in these municipalities now. Every pair overdue now has its OVERDUE notice (a
 * pass writes it the moment the pair becomes overdue, and no notice is deleted), so the pairs to
 * examine are those of the municipality's OVERDUE notices — not every assignment and member.
 */
async function overdueIn(db: Db, orgIds: string[], now: Date): Promise<Overdue[]> {
  const rows = await db.notification.findMany({
    where: { kind: "OVERDUE", organizationId: { in: orgIds } },
    select: { subjectId: true, userId: true },
    distinct: ["subjectId", "userId"],
  });
  const bySubject = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!r.userId) continue;
    const set = bySubject.get(r.subjectId);
    if (set) set.add(r.userId);
    else bySubject.set(r.subjectId, new Set([r.userId]));
  }
  const targets: Target[] = [];
  for (const ids of slices([...bySubject.keys()])) {
    const assignments = await db.assignment.findMany({ where: { id: { in: ids } }, select: assignmentSelect });
    const users = [...new Set(assignments.flatMap((a) => [...bySubject.get(a.id)!]))];
    const members: { organizationId: string; departmentId: string | null; userId: string; user: Person }[] = [];
    for (const part of slices(users)) {
      members.push(
        ...(await db.membership.findMany({
          where: { userId: { in: part }, organizationId: { in: orgIds }, status: "ACTIVE" },
          select: { organizationId: true, departmentId: true, userId: true, user: personSelect },
        })),
      );
    }
    for (const a of assignments) {
      const wanted = bySubject.get(a.id)!;
      const people = members.filter((m) => wanted.has(m.userId) && m.organizationId === a.organizationId && appliesTo(a, { ...m, status: "ACTIVE" }));
      targets.push({ assignment: a, people: people.map((m) => m.user) });
    }
  }
  return (await evaluate(db, targets, now)).overdue;
}

/**
 * Incremental digests: the municipalities where this pass found someone overdue, where a manager
 * was appointed or changed since `from`, and — on the first pass of an ISO week — every one with
 * OVERDUE notices. Those whose managers all have this week's digest are left alone; for the others,
 * everyone overdue now is listed (overdueIn), as the full scan would.
 */
async function changedDigestNotices(db: Db, found: Overdue[], from: Date, now: Date): Promise<NewNotification[]> {
  const week = isoWeek(now);
  const orgIds = new Set(found.map((o) => o.organizationId));
  const managers = await db.membership.findMany({ where: { changedAt: { gte: from }, ...activeRoleWhere(RULES.manage) }, select: { organizationId: true } });
  for (const m of managers) orgIds.add(m.organizationId);
  if (isoWeek(from) !== week) {
    const withOverdue = await db.notification.groupBy({ by: ["organizationId"], where: { kind: "OVERDUE" } });
    for (const r of withOverdue) if (r.organizationId) orgIds.add(r.organizationId);
  }
  if (orgIds.size === 0) return [];
  const candidates: string[] = [];
  for (const ids of slices([...orgIds])) {
    const [all, done] = await Promise.all([
      db.membership.findMany({ where: { organizationId: { in: ids }, ...activeRoleWhere(RULES.manage) }, select: { organizationId: true, userId: true } }),
      db.notification.findMany({ where: { kind: "MANAGER_DIGEST", subjectId: { in: ids }, dueDay: week }, select: { subjectId: true, userId: true } }),
    ]);
    const has = new Set(done.map((d) => `${d.subjectId}:${d.userId}`));
    candidates.push(...new Set(all.filter((m) => !has.has(`${m.organizationId}:${m.userId}`)).map((m) => m.organizationId)));
  }
  if (candidates.length === 0) return [];
  return digestNotices(db, await overdueIn(db, candidates, now), now);
}

const WATERMARK = "notifications.scheduler";
/**
 * How far back the incremental pass reads writes, before its watermark: a transaction that
 * committed after the last pass read the tables, with dates set a little earlier, is still seen.
 * Reading a pair twice is harmless (the notices' unique keys).
 */
export const OVERLAP_MS = 15 * 60_000;
/** A longer gap (a server down for weeks) is caught up by a full scan. */
const FULL_SCAN_AFTER_MS = 30 * DAY;

export async function readWatermark(db: Db): Promise<Date | null> {
  return (await db.jobWatermark.findUnique({ where: { name: WATERMARK } }))?.at ?? null;
}

/**
 * Written only after a pass has written all its notices: a pass that dies half-way leaves the old
 * watermark, and the next one examines the same range again (what was written is not written twice).
 * Any process may write it: each value is a time up to which some pass examined everything.
 */
async function writeWatermark(db: Db, at: Date): Promise<void> {
  const { count } = await db.jobWatermark.updateMany({ where: { name: WATERMARK }, data: { at } });
  if (count > 0) return;
  try {
    await db.jobWatermark.create({ data: { name: WATERMARK, at } });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await db.jobWatermark.updateMany({ where: { name: WATERMARK }, data: { at } });
  }
}

/** Full scan: every assignment and member, every certificate in the windows. Returns how many notices it wrote. */
export async function scheduleAll(db: Db, now = new Date()): Promise<number> {
  const { notices, overdue } = await allAssignmentNotices(db, now);
  const certificates = await certificateNotices(db, now);
  const digests = await digestNotices(db, overdue, now);
  const created = await enqueueMany(db, [...notices, ...certificates, ...digests]);
  await writeWatermark(db, now);
  return created;
}

/**
 * The incremental pass from `since` (the last pass's time) to `now`, without touching the
 * watermark. Exported for the comparison test.
 */
export async function scheduleSince(db: Db, since: Date, now: Date): Promise<number> {
  const from = new Date(since.getTime() - OVERLAP_MS);
  const { notices, overdue } = await changedAssignmentNotices(db, from, now);
  const certificates = await certificateNotices(db, now, from);
  // the assignment notices first: the digest reads the OVERDUE notices
  let created = await enqueueMany(db, [...notices, ...certificates]);
  created += await enqueueMany(db, await changedDigestNotices(db, overdue, from, now));
  return created;
}

/**
 * One scheduler pass: writes the notices that are due now and do not exist yet. Returns how many.
 * From the watermark when there is one (incremental); a full scan the first time, after a long gap,
 * or when the clock went back.
 */
export async function scheduleDue(db: Db, now = new Date()): Promise<number> {
  const since = await readWatermark(db);
  if (!since || now < since || now.getTime() - since.getTime() > FULL_SCAN_AFTER_MS) return scheduleAll(db, now);
  const created = await scheduleSince(db, since, now);
  await writeWatermark(db, now);
  return created;
}
