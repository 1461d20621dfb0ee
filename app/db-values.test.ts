// The raw-read converters of app/db.server.ts: each driver's form of a value reads the same.
import { describe, expect, it } from "vitest";
import { rawBool, rawDate, rawJson } from "./db.server";

describe("values of raw reads", () => {
  it("dates: a Date, SQLite's ISO text with an offset, and text without one (UTC)", () => {
    const at = new Date("2026-12-07T15:04:00.671Z");
    expect(rawDate(at)).toBe(at);
    expect(rawDate("2026-12-07T15:04:00.671+00:00")).toEqual(at);
    expect(rawDate("2026-12-07 15:04:00.671")).toEqual(at);
    expect(rawDate(null)).toBeNull();
  });

  it("JSON: SQLite's text is parsed, PostgreSQL's value is kept", () => {
    expect(rawJson('["q1","q2"]')).toEqual(["q1", "q2"]);
    const value = { q1: ["a", "b"] };
    expect(rawJson(value)).toBe(value);
    expect(rawJson(null)).toBeNull();
  });

  it("booleans: SQLite's 0/1 (number or bigint) and PostgreSQL's values; null stays null", () => {
    expect([rawBool(1), rawBool(0), rawBool(1n), rawBool(0n), rawBool(true), rawBool(false), rawBool(null)]).toEqual([true, false, true, false, true, false, null]);
  });
});
