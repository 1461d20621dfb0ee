import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCredential, didWebFor, jwsFrom, signCredential, verifyCredential, type CredentialClaims } from "./credential.server";
import { generatePrivateJwk, keySetFrom, loadKeySet } from "./keys.server";

const claims: CredentialClaims = {
  certificateId: "abcdefghijklmnopqrstuvwxyz",
  holderId: "user-amina",
  holderName: "Amina Haddad",
  holderEmail: "amina@example.org",
  courseSlug: "human-rights-based-planning",
  courseVersion: 2,
  courseTitle: { en: "Human-rights-based planning", ar: "التخطيط القائم على حقوق الإنسان" },
  sourceLocale: "en",
  locale: "en",
  texts: { name: "Certificate of completion: Human-rights-based planning", description: "Completion of version 2 of the course “Human-rights-based planning”.", criteria: "Completed every lesson and passed every quiz of the course version." },
  statusListIndex: 131_075,
  issuerName: "Demo Academy",
  issuedAt: new Date("2026-11-15T10:00:00Z"),
  expiresAt: new Date("2028-11-15T10:00:00Z"),
};
const origin = "https://learn.example.org";

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

describe("signed credential", () => {
  it("round trip: what is signed verifies with the published key and says what the record says", async () => {
    const keys = await keySetFrom(generatePrivateJwk());
    const jws = await signCredential(buildCredential(claims, origin), keys.signing, origin);
    const result = await verifyCredential(jws, keys.verification);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.kid).toBe(keys.signing.kid);
    const vc = result.credential;
    expect(vc.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(vc.issuer).toMatchObject({ id: "did:web:learn.example.org", name: "Demo Academy" });
    expect(vc.iss).toBe(vc.issuer.id);
    expect(vc.id).toBe(`${origin}/verify/${claims.certificateId}`);
    expect(vc.validFrom).toBe("2026-11-15T10:00:00.000Z");
    expect(vc.validUntil).toBe("2028-11-15T10:00:00.000Z");
    expect(vc.credentialSubject.identifier[0].identityHash).toBe("Amina Haddad");
    expect(vc.credentialSubject.achievement).toMatchObject({ name: claims.texts.name, version: "2", inLanguage: "en" });
    // OB 3.0 §8.2 registered claims
    expect(vc.jti).toBe(vc.id);
    expect(vc.sub).toBe(vc.credentialSubject.id);
    expect(vc.sub).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(vc.nbf).toBe(Date.parse("2026-11-15T10:00:00Z") / 1000);
    expect(vc.exp).toBe(Date.parse("2028-11-15T10:00:00Z") / 1000);
    // the second list (131,075 = 131,072 + 3), bit 3
    expect(vc.credentialStatus).toEqual({
      id: `${origin}/credentials/status/2#3`,
      type: "BitstringStatusListEntry",
      statusPurpose: "revocation",
      statusListIndex: "3",
      statusListCredential: `${origin}/credentials/status/2`,
    });
  });

  it("tampering with any claim makes verification fail", async () => {
    const keys = await keySetFrom(generatePrivateJwk());
    const jws = await signCredential(buildCredential(claims, origin), keys.signing, origin);
    const [header, payload, signature] = jws.split(".");
    const original = JSON.parse(Buffer.from(payload, "base64url").toString());
    const edits: Array<(vc: any) => void> = [
      (vc) => (vc.credentialSubject.identifier[0].identityHash = "Someone Else"),
      (vc) => (vc.credentialSubject.achievement.name = "Another course"),
      (vc) => (vc.validUntil = "2099-01-01T00:00:00.000Z"),
      (vc) => delete vc.validUntil,
      (vc) => (vc.issuer.name = "Fake Academy"),
      (vc) => (vc.validFrom = "2020-01-01T00:00:00.000Z"),
      (vc) => (vc.id = `${origin}/verify/zzzzzzzzzzzzzzzzzzzzzzzzzz`),
    ];
    for (const edit of edits) {
      const forged = structuredClone(original);
      edit(forged);
      const result = await verifyCredential(`${header}.${b64url(forged)}.${signature}`, keys.verification);
      expect(result).toEqual({ ok: false, reason: "badSignature" });
    }
    // a header swap (another kid, another algorithm) fails too
    const h = JSON.parse(Buffer.from(header, "base64url").toString());
    expect((await verifyCredential(`${b64url({ ...h, kid: "other" })}.${payload}.${signature}`, keys.verification)).ok).toBe(false);
    expect((await verifyCredential(`${b64url({ ...h, alg: "none" })}.${payload}.`, keys.verification)).ok).toBe(false);
    // and the untouched credential still verifies
    expect((await verifyCredential(jws, keys.verification)).ok).toBe(true);
  });

  it("a credential signed by another key does not verify", async () => {
    const ours = await keySetFrom(generatePrivateJwk());
    const theirs = await keySetFrom(generatePrivateJwk());
    const forged = await signCredential(buildCredential(claims, origin), { ...theirs.signing, kid: ours.signing.kid }, origin);
    expect(await verifyCredential(forged, ours.verification)).toEqual({ ok: false, reason: "badSignature" });
    const unknown = await signCredential(buildCredential(claims, origin), theirs.signing, origin);
    expect(await verifyCredential(unknown, ours.verification)).toEqual({ ok: false, reason: "unknownKey" });
  });

  it("after a key rotation, credentials signed with the old key still verify", async () => {
    const oldKey = generatePrivateJwk();
    const before = await keySetFrom(oldKey);
    const jws = await signCredential(buildCredential(claims, origin), before.signing, origin);
    const after = await keySetFrom(generatePrivateJwk(), [oldKey]);
    expect(after.signing.kid).not.toBe(before.signing.kid);
    expect(after.verification.map((k) => k.kid)).toEqual([after.signing.kid, before.signing.kid]);
    expect((await verifyCredential(jws, after.verification)).ok).toBe(true);
    // published keys never carry the private part
    for (const key of after.verification) expect(key).not.toHaveProperty("d");
  });

  it("keys come from CERT_SIGNING_KEY (JWK or PEM) or from a key file created once", async () => {
    const jwk = generatePrivateJwk();
    const fromJwk = await loadKeySet({ CERT_SIGNING_KEY: JSON.stringify(jwk) });
    const { createPrivateKey } = await import("node:crypto");
    const pem = createPrivateKey({ key: jwk as never, format: "jwk" }).export({ format: "pem", type: "pkcs8" }).toString();
    const fromPem = await loadKeySet({ CERT_SIGNING_KEY: pem });
    expect(fromPem.signing.kid).toBe(fromJwk.signing.kid);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "cert-keys-")), "keys.json");
    const first = await loadKeySet({ CERT_KEYS_FILE: file });
    const second = await loadKeySet({ CERT_KEYS_FILE: file });
    expect(second.signing.kid).toBe(first.signing.kid);
  });

  it("the JWS is found in a .jwt file or a VC 2.0 envelope; did:web names the origin", async () => {
    const keys = await keySetFrom(generatePrivateJwk());
    const jws = await signCredential(buildCredential(claims, origin), keys.signing, origin);
    expect(jwsFrom(`${jws}\n`)).toBe(jws);
    expect(jwsFrom({ id: `data:application/vc+jwt,${jws}` })).toBe(jws);
    expect(jwsFrom("not a jws")).toBeNull();
    expect(didWebFor("http://localhost:3100")).toBe("did:web:localhost%3A3100");
  });

  it("a standard tool (openssl) verifies the signature with the JWKS, as docs/certificates.md shows", async () => {
    // the recipe's tools; `npm test` installs them first where it can (scripts/ensure-test-tools.mjs)
    for (const [tool, args] of [["openssl", ["version"]], ["jq", ["--version"]]] as const) {
      try {
        execFileSync(tool, args, { stdio: "ignore" });
      } catch {
        throw new Error(`This test runs docs/certificates.md's verification recipe, which needs ${tool}: install it (Debian: apt-get install ${tool}).`);
      }
    }
    const keys = await keySetFrom(generatePrivateJwk());
    const jws = await signCredential(buildCredential(claims, origin), keys.signing, origin);
    const dir = mkdtempSync(path.join(tmpdir(), "cert-openssl-"));
    writeFileSync(path.join(dir, "certificate.jwt"), jws);
    writeFileSync(path.join(dir, "jwks.json"), JSON.stringify({ keys: keys.verification }));
    const script = readRecipe();
    const run = () => execFileSync("bash", ["-c", script], { cwd: dir, encoding: "utf8" });
    expect(run()).toContain("Signature Verified Successfully");
    // the same recipe on a tampered credential
    const [h, p, s] = jws.split(".");
    const forged = JSON.parse(Buffer.from(p, "base64url").toString());
    forged.credentialSubject.identifier[0].identityHash = "Someone Else";
    writeFileSync(path.join(dir, "certificate.jwt"), `${h}.${b64url(forged)}.${s}`);
    expect(run).toThrow();
  });
});

/** The shell recipe of docs/certificates.md, between its "verify-offline" markers. */
function readRecipe(): string {
  const doc = readFileSync(path.resolve("docs/certificates.md"), "utf8");
  const match = doc.match(/<!-- verify-offline -->\s*```sh\n([\s\S]*?)```/);
  if (!match) throw new Error("docs/certificates.md has no verify-offline recipe");
  return `set -euo pipefail\n${match[1]}`;
}
