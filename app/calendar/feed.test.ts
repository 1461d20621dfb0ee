// Private calendar feeds against a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL),
// parsed with ical.js.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { ensureCourse } from "~/organizations/fixtures.server";
import { calendarForToken, hashFeedToken, removeFeed, renewFeed } from "./feed.server";

let db: Db;
let cleanup: () => Promise<void>;
const now = new Date("2027-03-01T09:00:00Z");
const DAY = 86_400_000;
const ids = { learner: "", manager: "", riverside: "", planning: "", course: "", certCourse: "", certificate: "", assignment: "" };

function parse(body: string) {
  const root = new ICAL.Component(ICAL.parse(body));
  return {
    root,
    events: root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v)),
  };
}

beforeAll(async () => {
  ({ db, cleanup } = await createTestDb());
  (globalThis as { __db?: Promise<Db> }).__db = Promise.resolve(db);
  const { orgIds, departmentIds } = await seedDemo(db);
  ids.riverside = orgIds.municipality;
  ids.planning = departmentIds["Urban Planning"];
  ids.learner = (await db.user.update({ where: { email: "learner@demo.test" }, data: { locale: "fr" }, select: { id: true } })).id;
  ids.manager = (await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" }, select: { id: true } })).id;
  const course = await ensureCourse({ slug: "calendar-course", academyId: orgIds.academy, title: { en: "Rights, duties; and cities", fr: "Droits, devoirs ; et villes" } }, db);
  const certCourse = await ensureCourse({ slug: "calendar-cert-course", academyId: orgIds.academy, title: { en: "Participation", fr: "Participation citoyenne" } }, db);
  ids.course = course.courseId;
  ids.certCourse = certCourse.courseId;
  // the course is assigned to the learner's department, due in 10 days
  ids.assignment = newId();
  await db.assignment.create({
    data: { id: ids.assignment, organizationId: ids.riverside, courseId: ids.course, departmentId: ids.planning, dueAt: new Date("2027-03-11T23:59:59.999Z"), createdById: ids.manager },
  });
  // a certificate of the other course that expires in 60 days
  const enrolmentId = newId();
  await db.enrolment.create({ data: { id: enrolmentId, userId: ids.learner, courseId: ids.certCourse, courseVersionId: certCourse.versionId, completedAt: new Date(now.getTime() - 300 * DAY) } });
  ids.certificate = newId();
  await db.certificate.create({
    data: {
      id: ids.certificate,
      userId: ids.learner,
      enrolmentId,
      courseId: ids.certCourse,
      courseVersion: 1,
      holderName: "Amina Haddad",
      courseTitle: { en: "Participation", fr: "Participation citoyenne" },
      issuerName: "Demo Academy",
      issuedAt: new Date(now.getTime() - 300 * DAY),
      expiresAt: new Date("2027-04-30T10:00:00Z"),
      credential: "{}",
    },
  });
});

afterAll(async () => {
  await cleanup?.();
});

describe("calendar feeds", () => {
  it("answers nothing for a malformed or unknown token", async () => {
    expect(await calendarForToken("short", now)).toBeNull();
    expect(await calendarForToken("A".repeat(43), now)).toBeNull();
  });

  it("gives the learner their due date and certificate expiry, in their language, as valid iCalendar with stable UIDs", async () => {
    const token = await renewFeed(ids.learner, db);
    const stored = await db.calendarFeed.findUniqueOrThrow({ where: { userId: ids.learner } });
    // only the hash is kept
    expect(stored.tokenHash).toBe(hashFeedToken(token));
    expect(stored.tokenHash).not.toContain(token);
    const body = (await calendarForToken(token, now))!;
    const { root, events } = parse(body);
    expect(root.getFirstPropertyValue("x-wr-calname")).toBe("Rights Academy : Amina Haddad");
    const due = events.find((e) => e.summary.includes("Droits, devoirs ; et villes"))!;
    expect(due.summary).toBe("Échéance : Droits, devoirs ; et villes");
    expect(due.startDate.toString()).toBe("2027-03-11");
    // the municipality in the learner's language (its French name, app/organizations/names.ts)
    expect(due.description).toContain("Ville de Riverside (démo)");
    expect(due.component.getFirstPropertyValue("url")).toMatch(/\/courses\/calendar-course$/);
    const expiry = events.find((e) => e.uid.startsWith("certificate-expiry-"))!;
    expect(expiry.summary).toBe("Expiration du certificat : Participation citoyenne");
    expect(expiry.startDate.toString()).toBe("2027-04-30");
    // a second fetch names the same events (calendar apps update instead of duplicating)
    const again = parse((await calendarForToken(token, new Date(now.getTime() + 3_600_000)))!);
    expect(again.events.map((e) => e.uid).sort()).toEqual(events.map((e) => e.uid).sort());
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
  });

  it("drops a due date once the course is completed", async () => {
    const token = await renewFeed(ids.learner, db);
    const enrolmentId = newId();
    const version = await db.courseVersion.findFirstOrThrow({ where: { courseId: ids.course }, select: { id: true } });
    await db.enrolment.create({ data: { id: enrolmentId, userId: ids.learner, courseId: ids.course, courseVersionId: version.id, completedAt: now } });
    const { events } = parse((await calendarForToken(token, now))!);
    expect(events.some((e) => e.summary.includes("Droits, devoirs"))).toBe(false);
    await db.enrolment.delete({ where: { id: enrolmentId } });
  });

  it("renewing invalidates the old address at once; removing the feed invalidates it too", async () => {
    const old = await renewFeed(ids.learner, db);
    expect(await calendarForToken(old, now)).not.toBeNull();
    const fresh = await renewFeed(ids.learner, db);
    expect(fresh).not.toBe(old);
    expect(await calendarForToken(old, now)).toBeNull();
    expect(await calendarForToken(fresh, now)).not.toBeNull();
    await removeFeed(ids.learner, db);
    expect(await calendarForToken(fresh, now)).toBeNull();
  });

  it("gives a manager their municipality's assignments as counts, without names, and the staff's expiries per course", async () => {
    const token = await renewFeed(ids.manager, db);
    const { events } = parse((await calendarForToken(token, now))!);
    const assignment = events.find((e) => e.uid === `assignment-${ids.assignment}@${new URL(process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).host}`)!;
    expect(assignment).toBeTruthy();
    expect(assignment.summary).toBe("City of Riverside (demo): Rights, duties; and cities due (Urban Planning), 1 of 1 not finished");
    expect(assignment.description).toBe("Assigned to: Urban Planning. Finished: 0 of 1. Overdue: 0.");
    expect(assignment.component.getFirstPropertyValue("url")).toMatch(/\/manage\/riverside\/assignments$/);
    const expiries = events.find((e) => e.uid.startsWith(`staff-expiry-${ids.riverside}-`))!;
    expect(expiries.summary).toBe("City of Riverside (demo): certificates expiring for Participation: 1");
    expect(expiries.startDate.toString()).toBe("2027-04-30");
    const all = events.map((e) => `${e.summary} ${e.description ?? ""}`).join("\n");
    expect(all).not.toContain("Amina");
  });

  it("the manager of another municipality sees nothing of Riverside; a deactivated account has no feed", async () => {
    const manager2 = await db.user.findUniqueOrThrow({ where: { email: "manager2@demo.test" }, select: { id: true } });
    const token = await renewFeed(manager2.id, db);
    const { events } = parse((await calendarForToken(token, now))!);
    expect(events.filter((e) => e.summary.includes("Riverside"))).toEqual([]);
    await db.user.update({ where: { id: manager2.id }, data: { deactivatedAt: now } });
    expect(await calendarForToken(token, now)).toBeNull();
  });
});
