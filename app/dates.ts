// Calendar arithmetic shared by areas that must agree on it: certificate validity
// (certificates/issue.server) and assignment renewal, report cut-offs and month buckets
// (training/rules). Pure and in UTC, so the server, the report SQL's parameters and tests agree.

/** `date` plus `months` calendar months in UTC (negative goes back); the day is clamped to the target
 *  month's length (31 January + 1 month = 28/29 February, not 3 March); the time of day is kept. */
export function addMonths(date: Date, months: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + months;
  const targetYear = y + Math.floor(m / 12);
  const targetMonth = ((m % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(date.getUTCDate(), lastDay);
  return new Date(
    Date.UTC(targetYear, targetMonth, day, date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds(), date.getUTCMilliseconds()),
  );
}
