import { describe, expect, it } from "vitest";
import { addMonths } from "./dates";

const d = (iso: string) => new Date(iso);
const plus = (iso: string, months: number) => addMonths(d(iso), months).toISOString();

describe("addMonths", () => {
  it("adds calendar months in UTC and keeps the time of day", () => {
    expect(plus("2026-01-15T08:30:00Z", 1)).toBe("2026-02-15T08:30:00.000Z");
    expect(plus("2026-11-15T10:00:00Z", 24)).toBe("2028-11-15T10:00:00.000Z");
    expect(plus("2026-11-15T00:00:00Z", 3)).toBe("2027-02-15T00:00:00.000Z");
    expect(plus("2026-06-15T23:59:59.999Z", 0)).toBe("2026-06-15T23:59:59.999Z");
  });
  it("goes back across years", () => {
    expect(plus("2026-03-15T00:00:00Z", -12)).toBe("2025-03-15T00:00:00.000Z");
    expect(plus("2026-01-10T00:00:00Z", -13)).toBe("2024-12-10T00:00:00.000Z");
    expect(plus("2026-01-01T00:00:00Z", -1)).toBe("2025-12-01T00:00:00.000Z");
  });
  it("clamps the day to the end of a shorter month (31 January + 1 month is the end of February)", () => {
    expect(plus("2026-01-31T00:00:00Z", 1)).toBe("2026-02-28T00:00:00.000Z");
    expect(plus("2028-01-31T00:00:00Z", 1)).toBe("2028-02-29T00:00:00.000Z"); // leap year
    expect(plus("2027-12-31T00:00:00Z", 2)).toBe("2028-02-29T00:00:00.000Z");
    expect(plus("2026-03-31T12:00:00Z", 1)).toBe("2026-04-30T12:00:00.000Z");
    expect(plus("2026-05-31T00:00:00Z", -1)).toBe("2026-04-30T00:00:00.000Z");
    expect(plus("2028-02-29T00:00:00Z", 12)).toBe("2029-02-28T00:00:00.000Z");
  });
  it("does not carry a clamped day on: 31 Jan + 1 + 1 month is 28 March, the same as 28 Feb + 1", () => {
    expect(addMonths(addMonths(d("2026-01-31T00:00:00Z"), 1), 1).toISOString()).toBe("2026-03-28T00:00:00.000Z");
    expect(plus("2026-01-31T00:00:00Z", 2)).toBe("2026-03-31T00:00:00.000Z");
  });
  it("returns a new date and leaves its argument alone", () => {
    const start = d("2026-01-31T00:00:00Z");
    addMonths(start, 1);
    expect(start.toISOString()).toBe("2026-01-31T00:00:00.000Z");
  });
});
