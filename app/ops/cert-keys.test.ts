import { describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildCredential, signCredential, verifyCredential, type CredentialClaims } from "~/certificates/credential.server";
import { generatePrivateJwk, loadKeySet } from "~/certificates/keys.server";
import { rotatedEnvironment, rotateKeyFile } from "./cert-keys.server";

const claims: CredentialClaims = {
  certificateId: "cert-rotation-1",
  holderId: "user-1",
  holderName: "Amina Haddad",
  holderEmail: "amina@example.org",
  courseSlug: "short-course",
  courseVersion: 1,
  courseTitle: { en: "Human rights in ten minutes" },
  sourceLocale: "en",
  locale: "en",
  texts: { name: "Certificate of completion: Human rights in ten minutes", description: "Completion.", criteria: "Completed." },
  statusListIndex: null,
  issuerName: "Demo Academy",
  issuedAt: new Date("2026-01-01T00:00:00Z"),
  expiresAt: null,
};

describe("certificate key rotation", () => {
  it("rotating the key file twice: new credentials use the new key, credentials of both old keys still verify", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "rotate-")), "keys.json");
    const first = await loadKeySet({ CERT_KEYS_FILE: file }); // created on first use
    const oldJws = await signCredential(buildCredential(claims, "https://learn.example.org"), first.signing, "https://learn.example.org");
    const once = await rotateKeyFile(file);
    const twice = await rotateKeyFile(file);
    expect(once.previous).toBe(first.signing.kid);
    expect(twice.retired).toEqual([once.current, first.signing.kid]);
    const now = await loadKeySet({ CERT_KEYS_FILE: file });
    expect(now.signing.kid).toBe(twice.current);
    expect((await verifyCredential(oldJws, now)).ok).toBe(true);
    // retired keys are kept without their private part; the file stays private
    const stored = JSON.parse(readFileSync(file, "utf8"));
    for (const key of stored.retired) expect(key).not.toHaveProperty("d");
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it("with keys in the environment, prints the next values and changes nothing", async () => {
    const env = { CERT_SIGNING_KEY: JSON.stringify(generatePrivateJwk()) };
    const before = await loadKeySet(env);
    const oldJws = await signCredential(buildCredential(claims, "https://learn.example.org"), before.signing, "https://learn.example.org");
    const next = await rotatedEnvironment(env);
    const after = await loadKeySet({ CERT_SIGNING_KEY: next.CERT_SIGNING_KEY, CERT_VERIFICATION_KEYS: next.CERT_VERIFICATION_KEYS });
    expect(after.signing.kid).toBe(next.current);
    expect(after.verification.map((k) => k.kid)).toContain(before.signing.kid);
    expect((await verifyCredential(oldJws, after)).ok).toBe(true);
    expect(JSON.parse(next.CERT_VERIFICATION_KEYS).keys.every((k: object) => !("d" in k))).toBe(true);
  });
});
