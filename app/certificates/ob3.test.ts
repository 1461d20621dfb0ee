// Open Badges 3.0 conformance of a fresh credential: the official JSON schema (vendored, see the
// fixture's $comment), the JWT claims of OB 3.0 §8.2, the hashed e-mail identity, the status list
// and the baked badge.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, inflateSync } from "node:zlib";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { badgePng, bakePng, readChunks, unbakePng } from "./badge.server";
import { buildCredential, identityHash, signCredential, STATUS_LIST_SIZE, verifyCredential, type CredentialClaims } from "./credential.server";
import { generatePrivateJwk, keySetFrom } from "./keys.server";
import { bitAt, buildStatusListCredential, encodeBitstring } from "./status-list.server";

const schema = JSON.parse(readFileSync(path.resolve("tests/fixtures/ob_v3p0_achievementcredential_schema.json"), "utf8"));
const ajv = new Ajv2019({ strict: false, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);

const origin = "http://localhost:3100"; // the default origin: a did:web with a port
const claims: CredentialClaims = {
  certificateId: "abcdefghijklmnopqrstuvwxyz",
  holderId: "user-1",
  holderName: "نادية بن علي",
  holderEmail: "nadia@example.org",
  courseSlug: "short-course",
  courseVersion: 3,
  courseTitle: { en: "Human rights in ten minutes", fr: "Les droits humains en dix minutes", ar: "حقوق الإنسان في عشر دقائق" },
  sourceLocale: "en",
  locale: "fr",
  texts: { name: "Certificat de réussite : Les droits humains en dix minutes", description: "Réussite de la version 3.", criteria: "Toutes les leçons suivies." },
  issuerName: "Demo Academy",
  issuedAt: new Date("2026-11-15T10:00:00Z"),
  expiresAt: null,
  statusListIndex: 7,
};

async function fresh(over: Partial<CredentialClaims> = {}) {
  const keys = await keySetFrom(generatePrivateJwk());
  const jws = await signCredential(buildCredential({ ...claims, ...over }, origin), keys.signing, origin);
  const result = await verifyCredential(jws, keys);
  if (!result.ok) throw new Error(result.reason);
  return { jws, keys, vc: result.credential };
}

describe("Open Badges 3.0 credential", () => {
  it("a fresh credential (and its JWT payload) validates against the OB 3.0 AchievementCredential schema", async () => {
    for (const over of [{}, { expiresAt: new Date("2028-11-15T10:00:00Z") }, { statusListIndex: null }]) {
      const { vc } = await fresh(over);
      const ok = validate(vc);
      expect(validate.errors ?? []).toEqual([]);
      expect(ok).toBe(true);
    }
  });

  it("the schema is not a rubber stamp: it rejects what OB 3.0 forbids", async () => {
    const { vc } = await fresh();
    const broken: Array<(v: any) => void> = [
      (v) => delete v.validFrom,
      (v) => delete v.credentialSubject.achievement.criteria,
      (v) => (v.credentialSubject.identifier[1].identityHash = "nadia@example.org"), // hashed: true, but plain
      (v) => (v.credentialSubject.identifier[1].identityType = "mail"),
      (v) => (v.credentialSubject.favouriteColour = "blue"), // AchievementSubject is closed
      (v) => (v.type = ["VerifiableCredential"]),
      (v) => (v["@context"] = ["https://www.w3.org/ns/credentials/v2"]),
      (v) => v["@context"].reverse(), // the VC context must come first
    ];
    for (const edit of broken) {
      const copy = structuredClone(vc);
      edit(copy);
      expect(validate(copy)).toBe(false);
    }
  });

  it("carries OB 3.0's JWT header and registered claims", async () => {
    const { jws, keys, vc } = await fresh({ expiresAt: new Date("2028-11-15T10:00:00Z") });
    expect(decodeProtectedHeader(jws)).toEqual({ alg: "EdDSA", typ: "JWT", kid: `did:web:localhost%3A3100#${keys.signing.kid}` });
    expect(vc.iss).toBe("did:web:localhost%3A3100");
    expect(vc.iss).toBe(vc.issuer.id);
    expect(vc.jti).toBe(`${origin}/verify/${claims.certificateId}`);
    expect(vc.sub).toBe(vc.credentialSubject.id);
    expect(vc.nbf).toBe(Date.parse("2026-11-15T10:00:00Z") / 1000);
    expect(vc.exp).toBe(Date.parse("2028-11-15T10:00:00Z") / 1000);
    expect("exp" in (await fresh()).vc).toBe(false); // no expiry, no exp
  });

  it("the e-mail is an OB 3.0 IdentityHash: sha256 of the address followed by the salt", async () => {
    // the example of the OB 3.0 IdentityHash definition
    expect(identityHash("a@example.com", "Kosher")).toBe(`sha256$${createHash("sha256").update("a@example.comKosher").digest("hex")}`);
    const { vc } = await fresh();
    const email = vc.credentialSubject.identifier.find((i) => i.identityType === "emailAddress")!;
    expect(email).toMatchObject({ type: "IdentityObject", hashed: true });
    expect(email.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(email.identityHash).toBe(identityHash("nadia@example.org", email.salt!));
    expect(JSON.stringify(vc)).not.toContain("nadia@example.org");
    // a new credential, a new salt: two credentials of one person cannot be linked by the hash
    const other = (await fresh()).vc.credentialSubject.identifier.find((i) => i.identityType === "emailAddress")!;
    expect(other.identityHash).not.toBe(email.identityHash);
  });

  it("names the achievement in the learner's language, links the other languages, and shows the badge image", async () => {
    const { vc } = await fresh();
    const achievement = vc.credentialSubject.achievement;
    expect(achievement).toMatchObject({ name: claims.texts.name, description: claims.texts.description, inLanguage: "fr" });
    expect(achievement.image).toEqual({ id: `${origin}/badges/short-course.png`, type: "Image", caption: claims.texts.name });
    expect(achievement.related.map((r) => r.inLanguage)).toEqual(["ar", "en"]);
    // a learner whose language the course lacks gets the course's own language
    const { vc: es } = await fresh({ locale: "en" });
    expect(es.credentialSubject.achievement.related.map((r) => r.inLanguage)).toEqual(["ar", "fr"]);
  });
});

describe("Bitstring Status List", () => {
  it("encodes at least 16 KB, GZIP then multibase base64url, most significant bit first", () => {
    const encoded = encodeBitstring([0, 7, 42, STATUS_LIST_SIZE - 1]);
    expect(encoded.startsWith("u")).toBe(true);
    expect(encoded).not.toMatch(/[+/=]/);
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), "base64url"));
    expect(bytes.length).toBe(16 * 1024);
    expect(bytes[0]).toBe(0b1000_0001);
    expect(bytes[5]).toBe(0b0010_0000); // 42 = byte 5, bit 2
    expect(bytes[bytes.length - 1]).toBe(1);
    for (const [i, on] of [[0, true], [1, false], [42, true], [43, false], [STATUS_LIST_SIZE - 1, true]] as const) expect(bitAt(encoded, i)).toBe(on);
  });

  it("the list credential names the platform as issuer and its own URL as id", () => {
    const list = buildStatusListCredential(origin, 1, encodeBitstring([]), new Date("2026-01-01T00:00:00Z"));
    expect(list).toMatchObject({
      id: `${origin}/credentials/status/1`,
      type: ["VerifiableCredential", "BitstringStatusListCredential"],
      issuer: "did:web:localhost%3A3100",
      credentialSubject: { type: "BitstringStatusList", statusPurpose: "revocation" },
    });
  });
});

describe("baked badge", () => {
  it("is a valid PNG with the JWS in an iTXt chunk 'openbadgecredential', each chunk's CRC right", async () => {
    const { jws } = await fresh();
    const png = bakePng(badgePng("short-course"), jws);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "IDAT", "iTXt", "IEND"]);
    const itxt = chunks[2].data;
    expect(itxt.subarray(0, 24).toString("latin1")).toBe("openbadgecredential\0\0\0\0\0");
    expect(itxt.subarray(24).toString("utf8")).toBe(jws);
    expect(unbakePng(png)).toBe(jws);
    // the pixels decode: 256 rows of 1 + 256 × 4 bytes
    expect(inflateSync(chunks[1].data).length).toBe(256 * (1 + 256 * 4));
    // baking again replaces the credential instead of adding a second one
    const again = bakePng(png, "a.b.c");
    expect(readChunks(again).filter((c) => c.type === "iTXt")).toHaveLength(1);
    expect(unbakePng(again)).toBe("a.b.c");
    // every chunk's CRC-32 checks out (computed here independently of badge.server.ts)
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
      at += 12 + length;
    }
  });
});

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
