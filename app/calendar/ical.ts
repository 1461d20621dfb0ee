// An iCalendar (RFC 5545) writer for the private calendar feeds: all-day events only, which is all
// the feeds need (due dates and expiries are UTC calendar days, docs/notifications.md "Time zone").
// Written here rather than with ical-generator: its current major version needs Node 22, the platform
// supports Node 20.19; what we need is small — text escaping (§3.3.11), line folding at 75 octets
// without splitting a UTF-8 character (§3.1) and CRLF line ends. The tests parse the output with
// ical.js (a maintained RFC 5545 parser) to keep this honest.

export type CalendarEvent = {
  /** globally unique and stable across fetches, so calendar apps update the event instead of adding one */
  uid: string;
  /** the day, YYYY-MM-DD (UTC) */
  day: string;
  summary: string;
  description?: string;
  url?: string;
};

export type Calendar = {
  name: string;
  /** BCP 47 language of the texts (LANGUAGE parameter, RFC 5545 §3.2.10) */
  language: string;
  events: CalendarEvent[];
  /** DTSTAMP of every event: when the feed was generated */
  now: Date;
};

const PRODID = "-//Rights Academy//Calendar feed//EN";
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** TEXT value escaping (§3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n")
    // other control characters are not allowed in TEXT
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
}

/**
 * Folds a content line into lines of at most 75 octets (§3.1): each continuation line starts with
 * one space. Cuts only between code points, so a multi-byte UTF-8 character (Arabic, Chinese) is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    // the first line holds 75 octets; continuation lines 74 after their leading space
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function basicDate(day: string): string {
  if (!DAY.test(day)) throw new Error(`Not a day: ${day}`);
  return day.replace(/-/g, "");
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}

function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** The whole feed, CRLF line ends, as RFC 5545 requires. */
export function renderCalendar(calendar: Calendar): string {
  const lang = `;LANGUAGE=${calendar.language}`;
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${PRODID}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    // the calendar's name and a refresh hint (RFC 7986, and the widespread X- forms of both)
    `NAME${lang}:${escapeText(calendar.name)}`,
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
  ];
  const stamp = utcStamp(calendar.now);
  for (const e of calendar.events) {
    lines.push(
      "BEGIN:VEVENT",
      `UID:${escapeText(e.uid)}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${basicDate(e.day)}`,
      // DTEND of an all-day event is exclusive: the next day
      `DTEND;VALUE=DATE:${nextDay(e.day)}`,
      `SUMMARY${lang}:${escapeText(e.summary)}`,
    );
    if (e.description) lines.push(`DESCRIPTION${lang}:${escapeText(e.description)}`);
    // URI values are not TEXT: no escaping, but no line breaks either
    if (e.url) lines.push(`URL:${e.url.replace(/[\r\n]/g, "")}`);
    // a due date is a reminder, not time taken: it does not make the person "busy"
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
