// The incremental scheduler pass must write exactly the notices a full scan writes. Two databases
// live through the same random history — assignments created and cancelled, people moved,
// deactivated and promoted, courses completed and restarted, certificates issued, revoked and
// expiring, recertification coming round — with passes at random times (minutes to weeks apart).
// One runs scheduleDue (from its watermark), the other scheduleAll (a full scan) at the same times;
// after every pass their notices must be the same, key for key and parameter for parameter.
// SQLite by default; PostgreSQL with TEST_DATABASE_URL (tests/db.ts). More histories: SCHEDULER_RUNS=50.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { addMonths } from "~/dates";
import { readWatermark, renewedFrom, scheduleAll, scheduleDue } from "./scheduler.server";

const DAY = 86_400_000;
const RUNS = Number(process.env.SCHEDULER_RUNS ?? 8);
const PASSES = 14;

type Random = () => number;
function generator(seed: number): Random {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

// A history is a list of writes, applied identically to both databases (same ids, same dates).
type Write = (db: Db) => Promise<unknown>;

const title = (t: string) => ({ en: t });

async function wipe(db: Db) {
  await db.notification.deleteMany();
  await db.jobWatermark.deleteMany();
  await db.certificate.deleteMany();
  await db.enrolment.deleteMany();
  await db.assignment.deleteMany();
  await db.membership.deleteMany();
  await db.department.deleteMany();
  await db.courseVersion.deleteMany();
  await db.course.deleteMany();
  await db.organization.deleteMany();
  await db.user.deleteMany();
}

function world(random: Random, start: Date) {
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
  const between = (from: number, to: number) => from + random() * (to - from);
  let counter = 0;
  const id = (prefix: string) => `${prefix}${++counter}`;
  const setup: Write[] = [];
  const orgs = ["o1", "o2"];
  const departments = orgs.flatMap((o) => [`${o}-d1`, `${o}-d2`]);
  const courses = ["c1", "c2", "c3"];
  const users = Array.from({ length: 8 }, (_, i) => `u${i + 1}`);
  type Member = { id: string; userId: string; organizationId: string; departmentId: string | null; role: "LEARNER" | "MANAGER"; status: "ACTIVE" | "DEACTIVATED" };
  const members: Member[] = [];
  const assignments: { id: string; organizationId: string }[] = [];
  const enrolments = new Map<string, string>(); // user:course → id
  const certificates: string[] = [];

  setup.push((db) => db.organization.create({ data: { id: "academy", slug: "academy", name: "Academy", kind: "ACADEMY" } }));
  for (const o of orgs) setup.push((db) => db.organization.create({ data: { id: o, slug: o, name: `Town ${o}`, kind: "MUNICIPALITY" } }));
  for (const d of departments) setup.push((db) => db.department.create({ data: { id: d, organizationId: d.split("-")[0], name: d } }));
  for (const u of users) {
    const locale = pick(["en", "fr", "ar"]); // drawn once: the same in both databases
    setup.push((db) => db.user.create({ data: { id: u, email: `${u}@example.org`, name: `Person ${u}`, passwordHash: "x", locale } }));
  }
  for (const c of courses) {
    setup.push(async (db) => {
      await db.course.create({ data: { id: c, slug: c, academyId: "academy", sourceLocale: "en" } });
      await db.courseVersion.create({
        data: { id: `${c}-v1`, courseId: c, version: 1, status: "PUBLISHED", contentHash: c, title: title(`Course ${c}`), summary: {}, topics: [], completeLocales: ["en"], durationMinutes: 10, content: {}, publishedAt: start },
      });
    });
  }
  // everyone in both municipalities (in a department or not); a manager in each
  for (const u of users) {
    for (const o of orgs) {
      if (random() < 0.3) continue;
      const m: Member = { id: id("m"), userId: u, organizationId: o, departmentId: random() < 0.8 ? pick(departments.filter((d) => d.startsWith(o))) : null, role: "LEARNER", status: "ACTIVE" };
      members.push(m);
    }
  }
  for (const o of orgs) {
    const manager = members.find((m) => m.organizationId === o);
    if (manager) manager.role = "MANAGER";
  }
  for (const m of members) {
    const at = new Date(start.getTime() - 60 * DAY);
    setup.push((db) => db.membership.create({ data: { ...m, createdAt: at, changedAt: at } }));
  }

  const newAssignment = (at: Date): Write => {
    const organizationId = pick(orgs);
    const individual = random() < 0.3;
    const recertifyMonths = random() < 0.4 ? 6 : null;
    const a = {
      id: id("a"),
      organizationId,
      courseId: pick(courses),
      userId: individual ? pick(users) : null,
      departmentId: individual ? null : pick(departments.filter((d) => d.startsWith(organizationId))),
      // recertified ones mostly due already: the renewal date is what they are measured against
      dueAt: new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()) + Math.floor(between(recertifyMonths ? -60 : -12, 25)) * DAY + (random() < 0.8 ? DAY - 1 : between(0, DAY))),
      recertifyMonths,
      createdById: users[0],
      createdAt: at,
      changedAt: at,
    };
    assignments.push(a);
    return (db) => db.assignment.create({ data: a });
  };
  const enrol = (userId: string, courseId: string, completedAt: Date | null, at: Date): Write => {
    const key = `${userId}:${courseId}`;
    const existing = enrolments.get(key);
    if (existing) return (db) => db.enrolment.update({ where: { id: existing }, data: { completedAt, changedAt: at, ...(completedAt ? {} : { cycleStartedAt: at }) } });
    const e = id("e");
    enrolments.set(key, e);
    return (db) =>
      db.enrolment.create({ data: { id: e, userId, courseId, courseVersionId: `${courseId}-v1`, completedAt, enrolledAt: at, lastActivityAt: at, cycleStartedAt: at, changedAt: at } });
  };
  const certify = (userId: string, courseId: string, issuedAt: Date, at: Date): Write[] => {
    const writes = [enrol(userId, courseId, issuedAt, at)];
    const c = id("cert");
    certificates.push(c);
    const expiresAt = random() < 0.3 ? null : new Date(issuedAt.getTime() + between(5, 220) * DAY);
    writes.push((db) =>
      db.certificate.create({
        data: { id: c, userId, enrolmentId: enrolments.get(`${userId}:${courseId}`)!, courseId, courseVersion: 1, holderName: userId, courseTitle: title(`Course ${courseId}`), issuerName: "Academy", issuedAt, expiresAt, credential: "x", changedAt: at },
      }),
    );
    return writes;
  };

  // what was there before the first pass: assignments, completions (some ~6 months ago, so that
  // recertification comes round during the history), certificates
  const before = new Date(start.getTime() - 30 * DAY);
  for (let i = 0; i < 6; i++) setup.push(newAssignment(new Date(before.getTime() + between(0, 29) * DAY)));
  for (let i = 0; i < 16; i++) {
    const issued = random() < 0.75 ? new Date(addMonths(start, -6).getTime() + between(-5, 40) * DAY) : new Date(start.getTime() - between(1, 100) * DAY);
    if (random() < 0.6) setup.push(...certify(pick(users), pick(courses), issued, issued));
    else setup.push(enrol(pick(users), pick(courses), issued, issued));
  }

  /** Random writes at `at` (between two passes). */
  const eventAt = (at: Date): Write[] => {
    const r = random();
    if (r < 0.3) return [newAssignment(at)];
    if (r < 0.38 && assignments.length > 0) {
      const [gone] = assignments.splice(Math.floor(random() * assignments.length), 1);
      return [(db) => db.assignment.deleteMany({ where: { id: gone.id } })];
    }
    if (r < 0.55) {
      const m = pick(members);
      const change = random();
      const data: Partial<Member> =
        change < 0.5
          ? { departmentId: pick([null, ...departments.filter((d) => d.startsWith(m.organizationId))]) }
          : change < 0.8
            ? { status: m.status === "ACTIVE" ? "DEACTIVATED" : "ACTIVE" }
            : { role: m.role === "MANAGER" ? "LEARNER" : "MANAGER" };
      Object.assign(m, data);
      return [(db) => db.membership.update({ where: { id: m.id }, data: { ...data, changedAt: at } })];
    }
    if (r < 0.75) return [enrol(pick(users), pick(courses), random() < 0.7 ? at : null, at)];
    if (r < 0.9) return certify(pick(users), pick(courses), at, at);
    if (certificates.length > 0) {
      const c = pick(certificates);
      return [(db) => db.certificate.updateMany({ where: { id: c, revokedAt: null }, data: { revokedAt: at, changedAt: at } })];
    }
    return [];
  };
  return { setup, eventAt };
}

type Snapshot = Map<string, string>;
async function snapshot(db: Db): Promise<Snapshot> {
  const rows = await db.notification.findMany({ select: { dedupeKey: true, params: true, email: true, locale: true, organizationId: true } });
  return new Map(
    rows.map((r) => {
      const params = { ...(r.params as Record<string, unknown>) };
      // lines of equal due date and name may come in either order
      if (Array.isArray(params.overdue)) params.overdue = (params.overdue as unknown[]).map((l) => JSON.stringify(l)).sort();
      return [r.dedupeKey, JSON.stringify({ ...r, params })];
    }),
  );
}

describe("renewedFrom", () => {
  it("finds every completion whose renewal date falls in a range (with the day's margin the scheduler takes)", () => {
    const random = generator(99);
    for (let i = 0; i < 20_000; i++) {
      const months = [1, 6, 12, 18, 24, 36, 48, 60][Math.floor(random() * 8)];
      // completions near month ends, at any time of day
      const c = new Date(Date.UTC(2024, Math.floor(random() * 36), 26 + Math.floor(random() * 6), 0, 0, 0, Math.floor(random() * DAY)));
      const renewal = addMonths(c, months);
      const lo = new Date(renewal.getTime() - random() * 3 * DAY);
      const hi = new Date(renewal.getTime() + 1 + random() * 3 * DAY);
      const from = renewedFrom(new Date(lo.getTime() - DAY), months);
      const to = renewedFrom(new Date(hi.getTime() + DAY), months);
      expect({ c: c.toISOString(), months, inside: c >= from && c < to }).toEqual({ c: c.toISOString(), months, inside: true });
    }
  });
  it("is exact away from clamped month ends", () => {
    expect(renewedFrom(new Date("2026-03-15T10:00:00Z"), 6).toISOString()).toBe("2025-09-15T10:00:00.000Z");
    // 30 March − 1 month is clamped to 28 February; completions up to the end of February renew before 30 March
    expect(renewedFrom(new Date("2026-03-30T10:00:00Z"), 1).toISOString()).toBe("2026-03-01T00:00:00.000Z");
  });
});

describe("the incremental scheduler pass", () => {
  let incremental: { db: Db; cleanup: () => Promise<void> };
  let full: { db: Db; cleanup: () => Promise<void> };
  beforeAll(async () => {
    [incremental, full] = await Promise.all([createTestDb(), createTestDb()]);
  }, 120_000);
  afterAll(async () => {
    await incremental?.cleanup();
    await full?.cleanup();
  });

  it(`writes exactly the notices of a full scan, over ${RUNS} random histories`, async () => {
    let passes = 0;
    const kinds = new Map<string, number>();
    for (let run = 0; run < RUNS; run++) {
      const seed = 1000 + run * 7919;
      const random = generator(seed);
      await Promise.all([wipe(incremental.db), wipe(full.db)]);
      // a Monday-to-Sunday mix of start times, so that passes cross ISO weeks and UTC midnights
      const start = new Date(Date.UTC(2026, 0, 5) + Math.floor(random() * 200) * DAY + random() * DAY);
      const { setup, eventAt } = world(random, start);
      for (const write of setup) {
        await write(incremental.db);
        await write(full.db);
      }
      let now = start;
      for (let pass = 0; pass < PASSES; pass++) {
        const kind = random();
        // minutes (as the app's runner), hours, days, sometimes more than a week
        const gap = kind < 0.35 ? random() * 20 * 60_000 : kind < 0.65 ? random() * 10 * 3_600_000 : kind < 0.92 ? random() * 4 * DAY : random() * 12 * DAY;
        const next = new Date(now.getTime() + gap);
        const events = Math.floor(random() * 4);
        for (let e = 0; e < events; e++) {
          const at = new Date(now.getTime() + random() * gap);
          for (const write of eventAt(at)) {
            await write(incremental.db);
            await write(full.db);
          }
        }
        now = next;
        await scheduleDue(incremental.db, now);
        await scheduleAll(full.db, now);
        const [a, b] = await Promise.all([snapshot(incremental.db), snapshot(full.db)]);
        const missing = [...b.keys()].filter((k) => !a.has(k));
        const extra = [...a.keys()].filter((k) => !b.has(k));
        expect({ seed, pass, now: now.toISOString(), missing, extra }).toEqual({ seed, pass, now: now.toISOString(), missing: [], extra: [] });
        for (const [key, value] of b) expect({ seed, key, value: a.get(key) }).toEqual({ seed, key, value });
        passes++;
      }
      for (const key of (await snapshot(full.db)).keys()) kinds.set(key.split(":")[0], (kinds.get(key.split(":")[0]) ?? 0) + 1);
      expect((await readWatermark(incremental.db))?.toISOString()).toBe(now.toISOString());
    }
    console.log(`scheduler comparison: ${RUNS} histories, ${passes} passes, notices compared at the end of each history: ${JSON.stringify(Object.fromEntries(kinds))}`);
  }, 600_000);

  it("a pass that stops half-way is redone from the old watermark, without duplicates", async () => {
    const random = generator(4242);
    await Promise.all([wipe(incremental.db), wipe(full.db)]);
    const start = new Date(Date.UTC(2026, 2, 2, 9));
    const { setup, eventAt } = world(random, start);
    for (const write of setup) {
      await write(incremental.db);
      await write(full.db);
    }
    await scheduleDue(incremental.db, start);
    await scheduleAll(full.db, start);
    let now = start;
    for (let day = 1; day <= 10; day++) {
      const at = new Date(now.getTime() + DAY / 2);
      for (const write of [...eventAt(at), ...eventAt(at)]) {
        await write(incremental.db);
        await write(full.db);
      }
      now = new Date(now.getTime() + DAY);
      // a crash: the notices are written but the watermark is not moved (as if the process died
      // just before) — the next pass examines the same range again and writes nothing twice
      const watermark = await readWatermark(incremental.db);
      await scheduleDue(incremental.db, now);
      await incremental.db.jobWatermark.update({ where: { name: "notifications.scheduler" }, data: { at: watermark! } });
      const once = await incremental.db.notification.count();
      await scheduleDue(incremental.db, now);
      expect(await incremental.db.notification.count()).toBe(once);
      await scheduleAll(full.db, now);
      expect([...(await snapshot(incremental.db)).keys()].sort()).toEqual([...(await snapshot(full.db)).keys()].sort());
    }
  }, 300_000);
});
