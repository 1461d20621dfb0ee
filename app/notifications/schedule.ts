// When a scheduled notice is due. Pure, so the day boundaries are tested on their own.
//
// Time zone: due dates are calendar days in UTC. A due date "2026-03-10" is stored as
// 2026-03-10T23:59:59.999Z (app/organizations/forms.ts), so the course is overdue from 00:00 UTC on
// the 11th, and "days left" counts UTC calendar days between today and the due day.

const DAY = 24 * 60 * 60 * 1000;

/** The UTC calendar day of a moment, as YYYY-MM-DD. */
export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whole UTC calendar days from `from`'s day to `to`'s day (negative when `to` is earlier). */
export function calendarDaysBetween(from: Date, to: Date): number {
  const a = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const b = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((b - a) / DAY);
}

export type DueReminder = "DUE_7_DAYS" | "DUE_1_DAY" | "OVERDUE";

/**
 * The due-date notice that applies now for an unfinished course, or null.
 * - OVERDUE once the due moment has passed;
 * - DUE_1_DAY on the day before and the due day itself;
 * - DUE_7_DAYS from 7 days before until 2 days before.
 * A window is caught up when the scheduler did not run on its first day (a server down for a day
 * still reminds), but a reminder is skipped when the course was assigned inside its window already:
 * someone given a course due in 3 days gets the assignment email, not a "7 days left" one too.
 */
export function dueReminder(dueAt: Date, assignedAt: Date, now: Date): DueReminder | null {
  if (now.getTime() > dueAt.getTime()) return "OVERDUE";
  const left = calendarDaysBetween(now, dueAt);
  const leftWhenAssigned = calendarDaysBetween(assignedAt, dueAt);
  if (left <= 1) return leftWhenAssigned > 1 ? "DUE_1_DAY" : null;
  if (left <= 7) return leftWhenAssigned > 7 ? "DUE_7_DAYS" : null;
  return null;
}

export const EXPIRY_NOTICE_DAYS = 30;
/** Expired certificates older than this are history, not news: no notice for them. */
export const EXPIRED_NOTICE_HORIZON_DAYS = 30;

export type ExpiryNotice = "CERTIFICATE_EXPIRING" | "CERTIFICATE_EXPIRED";

/** For a certificate that has not been revoked nor superseded: expiring within 30 days, or just expired. */
export function expiryNotice(expiresAt: Date | null, now: Date): ExpiryNotice | null {
  if (!expiresAt) return null;
  if (expiresAt.getTime() <= now.getTime()) {
    return now.getTime() - expiresAt.getTime() <= EXPIRED_NOTICE_HORIZON_DAYS * DAY ? "CERTIFICATE_EXPIRED" : null;
  }
  return calendarDaysBetween(now, expiresAt) <= EXPIRY_NOTICE_DAYS ? "CERTIFICATE_EXPIRING" : null;
}

/** ISO 8601 week of a moment in UTC, e.g. "2026-W48": one manager digest per week. */
export function isoWeek(date: Date): string {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = d.getUTCDay() || 7; // Monday 1 … Sunday 7
  d.setUTCDate(d.getUTCDate() + 4 - weekday); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / DAY + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}

export const MAX_ATTEMPTS = 8;
const BACKOFF_BASE_MS = 60_000;
const BACKOFF_MAX_MS = 6 * 60 * 60_000;

/** Wait before the next try after `attempts` failed ones: 1, 2, 4 … minutes, at most 6 hours. */
export function backoffMs(attempts: number, baseMs = BACKOFF_BASE_MS): number {
  return Math.min(BACKOFF_MAX_MS, baseMs * 2 ** Math.max(0, attempts - 1));
}
