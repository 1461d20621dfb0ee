import { describe, expect, it } from "vitest";
import { newId } from "~/ids";
import { certificateState, isCertificateId } from "./status";

const now = new Date("2027-06-01T12:00:00Z");

describe("certificate state", () => {
  it("valid without expiry, valid before expiry, expired at and after it", () => {
    expect(certificateState({ expiresAt: null, revokedAt: null }, now)).toBe("valid");
    expect(certificateState({ expiresAt: new Date("2027-06-01T12:00:01Z"), revokedAt: null }, now)).toBe("valid");
    expect(certificateState({ expiresAt: new Date("2027-06-01T12:00:00Z"), revokedAt: null }, now)).toBe("expired");
    expect(certificateState({ expiresAt: "2026-01-01T00:00:00Z", revokedAt: null }, now)).toBe("expired");
  });
  it("revoked wins over valid and expired", () => {
    expect(certificateState({ expiresAt: null, revokedAt: new Date("2027-01-01") }, now)).toBe("revoked");
    expect(certificateState({ expiresAt: new Date("2026-01-01"), revokedAt: new Date("2027-01-01") }, now)).toBe("revoked");
  });
  it("ids are 128-bit newId() values; anything else is not an id", () => {
    for (let i = 0; i < 20; i++) expect(isCertificateId(newId())).toBe(true);
    for (const bad of ["", "abc", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "../../etc/passwd", "abcdefghijklmnopqrstuvwxyz1", 42]) {
      expect(isCertificateId(bad)).toBe(false);
    }
  });
});
