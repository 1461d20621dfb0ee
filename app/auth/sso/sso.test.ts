import { describe, expect, it } from "vitest";
import { decryptWith, deriveKey, encryptWith } from "./secret.server";
import { emailDomain, isEmailAllowed, parseDomains } from "./domains";
import { decide, type SsoClaims } from "./rules";
import { insecureAllowed } from "./flow.server";

describe("client secret encryption (AES-256-GCM)", () => {
  const key = deriveKey("a-session-secret-that-is-long-enough-123");
  it("round-trips, with a fresh IV every time", () => {
    const a = encryptWith(key, "s3cr3t-ünïcode-秘密");
    const b = encryptWith(key, "s3cr3t-ünïcode-秘密");
    expect(a).not.toEqual(b);
    expect(a).not.toContain("s3cr3t");
    expect(decryptWith(key, a)).toBe("s3cr3t-ünïcode-秘密");
    expect(decryptWith(key, b)).toBe("s3cr3t-ünïcode-秘密");
  });
  it("refuses another key, an altered ciphertext and garbage", () => {
    const stored = encryptWith(key, "secret");
    expect(decryptWith(deriveKey("another-secret-that-is-long-enough-4567"), stored)).toBeNull();
    const [v, iv, tag, ct] = stored.split(".");
    const flipped = Buffer.from(ct, "base64url");
    flipped[0] ^= 1;
    expect(decryptWith(key, [v, iv, tag, flipped.toString("base64url")].join("."))).toBeNull();
    expect(decryptWith(key, "plain text")).toBeNull();
    expect(decryptWith(key, "")).toBeNull();
  });
  it("derives a 32-byte key that differs from the secret itself", () => {
    const secret = "x".repeat(32);
    expect(deriveKey(secret)).toHaveLength(32);
    expect(deriveKey(secret).equals(Buffer.from(secret))).toBe(false);
  });
});

describe("allowed email domains", () => {
  it("parses a typed list: commas, spaces, @, upper case, duplicates", () => {
    expect(parseDomains("City.example.org, @staff.example.org\nCITY.example.org")).toEqual({ ok: true, domains: ["city.example.org", "staff.example.org"] });
    expect(parseDomains("   ")).toEqual({ ok: false, invalid: "" });
    expect(parseDomains("example.org, not a domain")).toMatchObject({ ok: false });
    expect(parseDomains("exa_mple.org")).toMatchObject({ ok: false });
  });
  it("compares exactly: no subdomains, no look-alike suffixes", () => {
    const allowed = ["city.example.org"];
    expect(isEmailAllowed("Anna@City.Example.org", allowed)).toBe(true);
    expect(isEmailAllowed("anna@mail.city.example.org", allowed)).toBe(false);
    expect(isEmailAllowed("anna@evilcity.example.org", allowed)).toBe(false);
    expect(isEmailAllowed("anna@city.example.org.evil.test", allowed)).toBe(false);
    expect(isEmailAllowed("city.example.org", allowed)).toBe(false);
    expect(emailDomain("a@b@city.example.org")).toBe("city.example.org");
    expect(emailDomain("nobody@")).toBeNull();
  });
});

describe("identity linking rules", () => {
  const claims = (over: Partial<SsoClaims> = {}): SsoClaims => ({ sub: "sub-1", email: "anna@city.example.org", email_verified: true, name: "Anna", ...over });
  const base = { allowedDomains: ["city.example.org"], mode: { kind: "signIn" as const }, identityUserId: null, emailUserId: null, deactivated: () => false };

  it("creates the person on a first sign-in", () => {
    expect(decide({ ...base, claims: claims() })).toEqual({ kind: "create", email: "anna@city.example.org", name: "Anna" });
  });
  it("signs in the account linked to (issuer, subject), whatever the email now says", () => {
    expect(decide({ ...base, claims: claims({ email: "renamed@city.example.org" }), identityUserId: "u1", emailUserId: "u2" })).toEqual({ kind: "signIn", userId: "u1" });
  });
  it("never takes over an existing account by email alone", () => {
    expect(decide({ ...base, claims: claims(), emailUserId: "u2" })).toEqual({ kind: "refuse", error: "sso.emailTaken" });
  });
  it("refuses an unverified, missing or foreign email", () => {
    expect(decide({ ...base, claims: claims({ email_verified: false }) })).toEqual({ kind: "refuse", error: "sso.unverified" });
    expect(decide({ ...base, claims: claims({ email_verified: undefined }) })).toEqual({ kind: "refuse", error: "sso.unverified" });
    expect(decide({ ...base, claims: claims({ email_verified: "true" }) })).toEqual({ kind: "refuse", error: "sso.unverified" });
    expect(decide({ ...base, claims: claims({ email: undefined }) })).toEqual({ kind: "refuse", error: "sso.noEmail" });
    expect(decide({ ...base, claims: claims({ email: "anna@elsewhere.example" }) })).toEqual({ kind: "refuse", error: "sso.domain" });
    // domains are checked at every sign-in, also for a linked identity
    expect(decide({ ...base, claims: claims({ email: "anna@elsewhere.example" }), identityUserId: "u1" })).toEqual({ kind: "refuse", error: "sso.domain" });
  });
  it("accepts Microsoft Entra ID's xms_edov as verification", () => {
    expect(decide({ ...base, claims: claims({ email_verified: undefined, xms_edov: true }) })).toMatchObject({ kind: "create" });
  });
  it("refuses a deactivated account", () => {
    expect(decide({ ...base, claims: claims(), identityUserId: "u1", deactivated: (id) => id === "u1" })).toEqual({ kind: "refuse", error: "sso.deactivated" });
  });
  it("links the signed-in person (from /account/sso), but not an identity already linked to someone else", () => {
    const link = { kind: "link" as const, userId: "u2" };
    expect(decide({ ...base, claims: claims(), mode: link, emailUserId: "u2" })).toEqual({ kind: "link", userId: "u2" });
    expect(decide({ ...base, claims: claims(), mode: link, identityUserId: "u2" })).toEqual({ kind: "link", userId: "u2" });
    expect(decide({ ...base, claims: claims(), mode: link, identityUserId: "u1" })).toEqual({ kind: "refuse", error: "sso.linkedElsewhere" });
  });
});

describe("plain-HTTP issuers", () => {
  it("only on the loopback interface", () => {
    expect(insecureAllowed("http://127.0.0.1:3171")).toBe(true);
    expect(insecureAllowed("http://localhost:8080/realms/x")).toBe(true);
    expect(insecureAllowed("http://idp.example.org")).toBe(false);
    expect(insecureAllowed("https://login.microsoftonline.com/tenant/v2.0")).toBe(false);
  });
});
