import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, renderCalendar } from "./ical";

const octets = (s: string) => Buffer.byteLength(s, "utf8");

describe("iCalendar writer (RFC 5545)", () => {
  it("escapes TEXT values", () => {
    expect(escapeText("a,b;c\\d\ne")).toBe("a\\,b\\;c\\\\d\\ne");
  });

  it("folds at 75 octets without splitting a UTF-8 character", () => {
    const line = `SUMMARY;LANGUAGE=ar:${"حقوق الإنسان ".repeat(20)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(" ")).toBe(true);
    // unfolding (remove CRLF + one space) gives the line back
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    expect(folded).not.toContain("\uFFFD");
  });

  it("parses back with ical.js: all-day events, UIDs, texts with commas, semicolons and line breaks, in Arabic and Chinese", () => {
    const body = renderCalendar({
      name: "Rights Academy: أمينة",
      language: "ar",
      now: new Date("2026-12-01T08:30:00Z"),
      events: [
        { uid: "due-c1-u1-20261215@learn.example.org", day: "2026-12-15", summary: "الموعد النهائي: حقوق الإنسان, الجزء ١; (HRBA)", description: "سطر أول\nسطر ثانٍ", url: "https://learn.example.org/courses/hrba" },
        { uid: "certificate-expiry-x@learn.example.org", day: "2026-12-31", summary: "证书到期：面向地方政府的基于人权的规划".repeat(3) },
      ],
    });
    expect(body.endsWith("\r\n")).toBe(true);
    expect(body.split("\r\n").every((l) => octets(l) <= 75)).toBe(true);
    expect(body.replace(/\r\n/g, "")).not.toMatch(/\n|\r/);
    const root = new ICAL.Component(ICAL.parse(body));
    expect(root.getFirstPropertyValue("version")).toBe("2.0");
    expect(root.getFirstPropertyValue("prodid")).toBeTruthy();
    const events = root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.uid)).toEqual(["due-c1-u1-20261215@learn.example.org", "certificate-expiry-x@learn.example.org"]);
    expect(events[0].summary).toBe("الموعد النهائي: حقوق الإنسان, الجزء ١; (HRBA)");
    expect(events[0].description).toBe("سطر أول\nسطر ثانٍ");
    expect(events[0].startDate.isDate).toBe(true);
    expect(events[0].startDate.toString()).toBe("2026-12-15");
    expect(events[0].endDate.toString()).toBe("2026-12-16");
    expect(events[1].summary).toBe("证书到期：面向地方政府的基于人权的规划".repeat(3));
    expect(events[1].endDate.toString()).toBe("2027-01-01");
    const stamp = root.getAllSubcomponents("vevent")[0].getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.toString()).toBe("2026-12-01T08:30:00Z");
    expect(root.getAllSubcomponents("vevent")[0].getFirstProperty("summary")!.getParameter("language")).toBe("ar");
  });
});
