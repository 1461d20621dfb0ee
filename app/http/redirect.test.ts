import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it("keeps same-origin paths (normalised)", () => {
    expect(safeRedirect("/learning")).toBe("/learning");
    expect(safeRedirect("/courses/x?tab=1#top")).toBe("/courses/x?tab=1#top");
    expect(safeRedirect("/a/../b")).toBe("/b");
    expect(safeRedirect("/manage/riverside/staff?status=overdue")).toBe("/manage/riverside/staff?status=overdue");
  });

  it.each([
    "/\t/evil.example", // the probe's %2F%09%2Fevil.example, decoded
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "//evil.example",
    "///evil.example",
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "https://evil.example",
    "http:/evil.example",
    "javascript:alert(1)",
    " /learning",
    "learning",
    "/\u0000",
    "/\u007f",
    "",
    "/" + "a".repeat(3000),
  ])("refuses %j", (input) => {
    expect(safeRedirect(input, "/fallback")).toBe("/fallback");
  });

  it("refuses what is not a string", () => {
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect(null, "/x")).toBe("/x");
    expect(safeRedirect(["/a"], "/x")).toBe("/x");
  });

  it("keeps encoded characters encoded (a browser does not decode %2F into a separator)", () => {
    expect(safeRedirect("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
    expect(safeRedirect("/search?q=%0d%0a")).toBe("/search?q=%0d%0a");
  });
});
