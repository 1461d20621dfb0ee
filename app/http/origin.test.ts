import { describe, expect, it } from "vitest";
import { isForeignMutation } from "./origin";

const expectedOrigin = "https://learn.example.org";

describe("Origin check", () => {
  it("lets safe methods through whatever their origin", () => {
    expect(isForeignMutation({ method: "GET", origin: "https://evil.test", expectedOrigin })).toBe(false);
    expect(isForeignMutation({ method: "HEAD", expectedOrigin })).toBe(false);
  });
  it("refuses a POST from another origin, including look-alikes", () => {
    expect(isForeignMutation({ method: "POST", origin: "https://evil.test", expectedOrigin })).toBe(true);
    expect(isForeignMutation({ method: "POST", origin: "https://learn.example.org.evil.test", expectedOrigin })).toBe(true);
    expect(isForeignMutation({ method: "POST", origin: "http://learn.example.org", expectedOrigin })).toBe(true);
    expect(isForeignMutation({ method: "DELETE", origin: "null", expectedOrigin })).toBe(true);
  });
  it("accepts a POST from our origin", () => {
    expect(isForeignMutation({ method: "POST", origin: expectedOrigin, expectedOrigin })).toBe(false);
  });
  it("without Origin, relies on Sec-Fetch-Site", () => {
    expect(isForeignMutation({ method: "POST", secFetchSite: "cross-site", expectedOrigin })).toBe(true);
    expect(isForeignMutation({ method: "POST", secFetchSite: "same-site", expectedOrigin })).toBe(true);
    expect(isForeignMutation({ method: "POST", secFetchSite: "same-origin", expectedOrigin })).toBe(false);
    expect(isForeignMutation({ method: "POST", expectedOrigin })).toBe(false); // curl, scripts: no ambient cookies
  });
});
