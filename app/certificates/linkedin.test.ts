import { describe, expect, it } from "vitest";
import { LINKEDIN_ADD_TO_PROFILE, linkedInAddToProfileUrl } from "./linkedin";

describe("LinkedIn add-to-profile link", () => {
  it("fills every documented parameter, months counted from 1, in UTC", () => {
    const url = new URL(
      linkedInAddToProfileUrl({
        name: "Les droits humains & la ville",
        organizationName: "Demo Academy",
        issuedAt: new Date("2026-12-31T23:30:00Z"),
        expiresAt: "2028-01-01T00:00:00Z",
        certUrl: "https://learn.example.org/verify/abc",
        certId: "abc",
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(LINKEDIN_ADD_TO_PROFILE);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      startTask: "CERTIFICATION_NAME",
      name: "Les droits humains & la ville",
      organizationName: "Demo Academy",
      issueYear: "2026",
      issueMonth: "12",
      expirationYear: "2028",
      expirationMonth: "1",
      certUrl: "https://learn.example.org/verify/abc",
      certId: "abc",
    });
  });
  it("leaves the expiry out for a certificate that does not expire, and encodes non-Latin titles", () => {
    const href = linkedInAddToProfileUrl({ name: "حقوق الإنسان في ١٠ دقائق", organizationName: "أكاديمية", issuedAt: "2026-03-05T00:00:00Z", expiresAt: null, certUrl: "https://x.test/verify/a", certId: "a" });
    const url = new URL(href);
    expect(url.searchParams.has("expirationYear")).toBe(false);
    expect(url.searchParams.has("expirationMonth")).toBe(false);
    expect(url.searchParams.get("name")).toBe("حقوق الإنسان في ١٠ دقائق");
    expect(url.searchParams.get("issueMonth")).toBe("3");
    expect(href).not.toMatch(/[\s\u0600-\u06ff]/);
  });
});
