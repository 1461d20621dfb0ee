// The portable, signed form of a certificate: an Open Badges 3.0 OpenBadgeCredential (a W3C
// Verifiable Credential, data model 2.0) secured as OB 3.0 §8.2 ("VC-JWT") says: the credential JSON
// is the payload of a compact JWS, with the registered claims iss, jti, sub, nbf (and exp when it
// expires) mirroring the credential, header {alg: "EdDSA", kid: "<DID URL of the key>", typ: "JWT"}.
// We follow OB 3.0's header (typ JWT, no cty) rather than VC-JOSE-COSE's vc+jwt because Open Badges
// verifiers and wallets check for it; the Bitstring Status List credential, a plain W3C VC, uses
// vc+jwt (status-list.server.ts). JWS rather than eddsa-rdfc-2022: anyone can check it offline with
// standard tools (openssl, any JOSE library), without an RDF canonicalizer. See docs/certificates.md.
import { createHash, randomBytes } from "node:crypto";
import { compactVerify, CompactSign, decodeProtectedHeader, importJWK, type JWK } from "jose";
import type { LocalizedText } from "~/courses/schema";
import type { Locale } from "~/i18n/config";
import type { KeySet, PublicJwk, SigningKey } from "./keys.server";

/** The downloaded file (`.jwt`) is the compact JWS itself: RFC 7519's media type. */
export const CREDENTIAL_MEDIA_TYPE = "application/jwt";
export const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";
export const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";

/** The texts of the credential in one language (the learner's), from locales/<lng>/certificates.json. */
export type CredentialTexts = { name: string; description: string; criteria: string };

/** What a credential says: everything comes from the stored Certificate record and its holder. */
export type CredentialClaims = {
  certificateId: string;
  /** the account's id: only a one-way derivative of it appears (credentialSubject.id) */
  holderId: string;
  holderName: string;
  /** appears only salted and hashed (IdentityObject, OB 3.0 "IdentityHash") */
  holderEmail: string;
  courseSlug: string;
  courseVersion: number;
  courseTitle: LocalizedText;
  sourceLocale: Locale;
  /** the learner's language: the achievement's name and description are in it when the course has it */
  locale: Locale;
  texts: CredentialTexts;
  issuerName: string;
  issuedAt: Date;
  expiresAt: Date | null;
  /** the certificate's position in the Bitstring Status List (status-list.server.ts), when it has one */
  statusListIndex: number | null;
  /** for tests: the IdentityObject's salt (otherwise 16 random bytes) */
  salt?: string;
};

/** did:web identifier of the platform at an origin (a port's colon is percent-encoded, as did:web says). */
export function didWebFor(origin: string): string {
  const url = new URL(origin);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.replace(/\/+$/, "");
  return `did:web:${host}${path ? path.split("/").filter(Boolean).map((p) => `:${encodeURIComponent(p)}`).join("") : ""}`;
}

/**
 * The DID URL of a key, as in did.json and in the JWS header's kid. The fragment is the key's RFC 7638
 * thumbprint rather than a counter such as "#key-1": after a rotation "#key-1" would name another key
 * and every older credential would stop resolving.
 */
export function keyDidUrl(origin: string, kid: string): string {
  return `${didWebFor(origin)}#${kid}`;
}

export function verificationUrl(origin: string, certificateId: string): string {
  return `${origin.replace(/\/+$/, "")}/verify/${certificateId}`;
}

export function badgeImageUrl(origin: string, courseSlug: string): string {
  return `${origin.replace(/\/+$/, "")}/badges/${encodeURIComponent(courseSlug)}.png`;
}

export function statusListUrl(origin: string, list: number): string {
  return `${origin.replace(/\/+$/, "")}/credentials/status/${list}`;
}

/** OB 3.0 IdentityHash: "sha256$" + hex SHA-256 of the identity followed by the salt (both UTF-8). */
export function identityHash(identity: string, salt: string): string {
  return `sha256$${createHash("sha256").update(identity + salt, "utf8").digest("hex")}`;
}

/**
 * A stable, opaque URI for the learner (credentialSubject.id, and so the JWT's sub): a name-based
 * UUID (RFC 9562 version 8) from a hash of the account id, which reveals nothing about the person.
 */
export function subjectIdFor(holderId: string): string {
  const h = createHash("sha256").update(`rights-academy:learner:${holderId}`).digest();
  h[6] = (h[6] & 0x0f) | 0x80;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Entries per status list: 131,072 bits, the 16 KB minimum the Bitstring Status List spec sets. */
export const STATUS_LIST_SIZE = 131_072;

/** Where a (global, 0-based) status index lives: list number (1, 2, …) and index inside the list. */
export function statusPosition(globalIndex: number): { list: number; index: number } {
  return { list: Math.floor(globalIndex / STATUS_LIST_SIZE) + 1, index: globalIndex % STATUS_LIST_SIZE };
}

export function buildCredential(claims: CredentialClaims, origin: string) {
  const base = origin.replace(/\/+$/, "");
  const titleIn = (lng: string) => claims.courseTitle[lng as Locale];
  const language = titleIn(claims.locale) ? claims.locale : claims.sourceLocale;
  const issuer = { id: didWebFor(base), type: ["Profile"], name: claims.issuerName, url: `${base}/` };
  const achievementId = `${base}/courses/${encodeURIComponent(claims.courseSlug)}#version-${claims.courseVersion}`;
  const salt = claims.salt ?? randomBytes(16).toString("hex");
  const status = claims.statusListIndex === null ? null : statusPosition(claims.statusListIndex);
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: verificationUrl(base, claims.certificateId),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: claims.texts.name,
    issuer,
    validFrom: claims.issuedAt.toISOString(),
    ...(claims.expiresAt ? { validUntil: claims.expiresAt.toISOString() } : {}),
    credentialSubject: {
      id: subjectIdFor(claims.holderId),
      type: ["AchievementSubject"],
      identifier: [
        // the name as printed on the certificate, so that a person can match it to an ID card…
        { type: "IdentityObject", identityType: "name", hashed: false, identityHash: claims.holderName },
        // …and the e-mail address, salted and hashed: whoever knows the address can check it, nobody can read it
        { type: "IdentityObject", identityType: "emailAddress", hashed: true, identityHash: identityHash(claims.holderEmail, salt), salt },
      ],
      activityEndDate: claims.issuedAt.toISOString(),
      achievement: {
        id: achievementId,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: claims.texts.name,
        description: claims.texts.description,
        criteria: { narrative: claims.texts.criteria },
        image: { id: badgeImageUrl(base, claims.courseSlug), type: "Image", caption: claims.texts.name },
        version: String(claims.courseVersion),
        inLanguage: language,
        // OB 3.0 gives name and description one string each (no language map in its schema); the other
        // language editions of the same achievement are "related" achievements, as the spec intends
        related: Object.keys(claims.courseTitle)
          .filter((lng) => lng !== language && titleIn(lng))
          .sort()
          .map((lng) => ({ id: `${base}/courses/${encodeURIComponent(claims.courseSlug)}?lng=${lng}#version-${claims.courseVersion}`, type: ["Related"], inLanguage: lng, version: String(claims.courseVersion) })),
        creator: issuer,
      },
    },
    ...(status
      ? {
          credentialStatus: {
            id: `${statusListUrl(base, status.list)}#${status.index}`,
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: String(status.index),
            statusListCredential: statusListUrl(base, status.list),
          },
        }
      : {}),
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

export type Credential = ReturnType<typeof buildCredential>;
export type JwtClaims = { iss: string; jti: string; sub: string; nbf: number; exp?: number; iat: number };

const seconds = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);

export async function signCredential(credential: Credential, key: SigningKey, origin: string, now = new Date()): Promise<string> {
  // OB 3.0 §8.2: the registered claims mirror the credential (exp = validUntil, iss = issuer.id,
  // nbf = validFrom, jti = id, sub = credentialSubject.id); iat says when it was signed
  const payload = {
    ...credential,
    iss: credential.issuer.id,
    jti: credential.id,
    sub: credential.credentialSubject.id,
    nbf: seconds(credential.validFrom),
    ...("validUntil" in credential && credential.validUntil ? { exp: seconds(credential.validUntil) } : {}),
    iat: Math.floor(now.getTime() / 1000),
  };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: keyDidUrl(origin, key.kid), typ: "JWT" })
    .sign(key.privateKey);
}

/** The claims of a JWS, without checking anything (for the human-readable JSON view). */
export function decodePayload(jws: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jws.split(".")[1] ?? "", "base64url").toString("utf8"));
}

export type VerifyResult =
  | { ok: true; kid: string; credential: Credential & JwtClaims }
  | { ok: false; reason: "malformed" | "unknownKey" | "badSignature" | "wrongType" };

/**
 * Checks the signature with the published keys (any of them: old keys keep verifying after a rotation).
 * Says nothing of expiry or revocation: those are states of the record (see status.ts).
 * Accepts the header of credentials issued before OB 3.0's (typ vc+jwt, kid the bare thumbprint).
 */
export async function verifyCredential(jws: string, keys: PublicJwk[] | KeySet): Promise<VerifyResult> {
  const list = Array.isArray(keys) ? keys : keys.verification;
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (header.alg !== "EdDSA" || (header.typ !== "JWT" && header.typ !== "vc+jwt")) return { ok: false, reason: "wrongType" };
  const thumbprint = typeof header.kid === "string" ? header.kid.slice(header.kid.indexOf("#") + 1) : "";
  const jwk = list.find((k) => k.kid === thumbprint);
  if (!jwk) return { ok: false, reason: "unknownKey" };
  try {
    const key = await importJWK(jwk as JWK, "EdDSA");
    const { payload } = await compactVerify(jws, key, { algorithms: ["EdDSA"] });
    const credential = JSON.parse(new TextDecoder().decode(payload));
    return { ok: true, kid: jwk.kid, credential };
  } catch {
    return { ok: false, reason: "badSignature" };
  }
}

/** The compact JWS in a text (a downloaded .jwt file, or a VC 2.0 envelope's data: URL). */
export function jwsFrom(input: string | { id?: unknown }): string | null {
  const text = typeof input === "string" ? input.trim() : typeof input.id === "string" ? input.id : "";
  const jws = text.replace(/^data:application\/vc\+jwt,/, "");
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws) ? jws : null;
}
