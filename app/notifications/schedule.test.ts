import { describe, expect, it } from "vitest";
import { backoffMs, calendarDaysBetween, dueReminder, expiryNotice, isoWeek, utcDay } from "./schedule";

// due dates as the assignment form stores them: the end of the UTC day
const due = (day: string) => new Date(`${day}T23:59:59.999Z`);
const at = (iso: string) => new Date(iso);
const longAgo = at("2026-01-01T09:00:00Z");

describe("due-date reminders (UTC calendar days)", () => {
  it("7 days before, through 2 days before", () => {
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-02T23:59:59Z"))).toBeNull(); // 8 days
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-03T00:00:00Z"))).toBe("DUE_7_DAYS");
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-08T23:59:59Z"))).toBe("DUE_7_DAYS");
  });

  it("1 day: the day before and the due day itself", () => {
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-09T00:00:00Z"))).toBe("DUE_1_DAY");
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-10T23:59:59Z"))).toBe("DUE_1_DAY");
  });

  it("overdue from midnight UTC after the due day", () => {
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-10T23:59:59.999Z"))).toBe("DUE_1_DAY");
    expect(dueReminder(due("2026-03-10"), longAgo, at("2026-03-11T00:00:00Z"))).toBe("OVERDUE");
  });

  it("counts UTC days, not the server's or the person's local days", () => {
    // 23:30 in New York on 2 March is already 3 March in UTC: 7 days left
    expect(dueReminder(due("2026-03-10"), longAgo, new Date("2026-03-02T23:30:00-05:00"))).toBe("DUE_7_DAYS");
    // 00:30 in Tokyo on 3 March is still 2 March in UTC: 8 days left
    expect(dueReminder(due("2026-03-10"), longAgo, new Date("2026-03-03T00:30:00+09:00"))).toBeNull();
  });

  it("no reminder for a window the course was assigned inside of", () => {
    const assigned = at("2026-03-06T10:00:00Z"); // 4 days before
    expect(dueReminder(due("2026-03-10"), assigned, at("2026-03-06T10:00:00Z"))).toBeNull();
    expect(dueReminder(due("2026-03-10"), assigned, at("2026-03-09T08:00:00Z"))).toBe("DUE_1_DAY");
    const lastMinute = at("2026-03-10T08:00:00Z");
    expect(dueReminder(due("2026-03-10"), lastMinute, at("2026-03-10T09:00:00Z"))).toBeNull();
    expect(dueReminder(due("2026-03-10"), lastMinute, at("2026-03-11T00:00:00Z"))).toBe("OVERDUE");
  });

  it("calendar days across month and year ends", () => {
    expect(calendarDaysBetween(at("2026-12-31T23:59:00Z"), at("2027-01-01T00:01:00Z"))).toBe(1);
    expect(calendarDaysBetween(at("2028-02-28T12:00:00Z"), at("2028-03-01T00:00:00Z"))).toBe(2);
    expect(utcDay(new Date("2026-03-10T01:00:00+02:00"))).toBe("2026-03-09");
  });
});

describe("certificate expiry notices", () => {
  const now = at("2026-06-01T12:00:00Z");
  it("expiring within 30 calendar days", () => {
    expect(expiryNotice(null, now)).toBeNull();
    expect(expiryNotice(at("2026-07-02T00:00:00Z"), now)).toBeNull(); // 31 days
    expect(expiryNotice(at("2026-07-01T23:59:59Z"), now)).toBe("CERTIFICATE_EXPIRING"); // 30 days
    expect(expiryNotice(at("2026-06-01T12:00:01Z"), now)).toBe("CERTIFICATE_EXPIRING");
  });
  it("expired: from the expiry moment, for 30 days", () => {
    expect(expiryNotice(at("2026-06-01T12:00:00Z"), now)).toBe("CERTIFICATE_EXPIRED");
    expect(expiryNotice(at("2026-05-02T12:00:00Z"), now)).toBe("CERTIFICATE_EXPIRED");
    expect(expiryNotice(at("2026-05-02T11:59:59Z"), now)).toBeNull();
  });
});

describe("weeks and back-off", () => {
  it("ISO weeks in UTC", () => {
    expect(isoWeek(at("2026-11-23T00:00:00Z"))).toBe("2026-W48"); // a Monday
    expect(isoWeek(at("2026-11-29T23:59:59Z"))).toBe("2026-W48"); // the Sunday after
    expect(isoWeek(at("2027-01-01T12:00:00Z"))).toBe("2026-W53"); // a Friday: still 2026's last week
    expect(isoWeek(at("2024-12-30T12:00:00Z"))).toBe("2025-W01");
  });
  it("doubles up to a ceiling", () => {
    expect([1, 2, 3, 4].map((n) => backoffMs(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(30)).toBe(6 * 60 * 60_000);
  });
});
