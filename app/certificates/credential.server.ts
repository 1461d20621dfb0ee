// The portable, signed form of a certificate: an Open Badges 3.0 OpenBadgeCredential (a W3C
// Verifiable Credential, data model 2.0) secured with JOSE as the VC-JOSE-COSE specification
// describes: the credential JSON is the payload of a compact JWS signed with Ed25519 (alg EdDSA),
// header {alg, kid, typ: "vc+jwt", cty: "vc"}. We chose JWS over eddsa-rdfc-2022 because anyone
// can check it offline with standard tools (openssl, any JOSE library) without an RDF canonicalizer
// or a cache of JSON-LD contexts. See docs/certificates.md.
import { compactVerify, CompactSign, decodeProtectedHeader, importJWK, type JWK } from "jose";
import type { LocalizedText } from "~/courses/schema";
import type { Locale } from "~/i18n/config";
import type { KeySet, PublicJwk, SigningKey } from "./keys.server";

export const CREDENTIAL_MEDIA_TYPE = "application/vc+jwt";
const OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const VC_CONTEXT = "https://www.w3.org/ns/credentials/v2";

/** What a credential says: everything comes from the stored Certificate record. */
export type CredentialClaims = {
  certificateId: string;
  holderName: string;
  courseSlug: string;
  courseVersion: number;
  courseTitle: LocalizedText;
  sourceLocale: Locale;
  issuerName: string;
  issuedAt: Date;
  expiresAt: Date | null;
};

/** did:web identifier of the platform at an origin (a port's colon is percent-encoded, as did:web says). */
export function didWebFor(origin: string): string {
  const url = new URL(origin);
  const host = url.port ? `${url.hostname}%3A${url.port}` : url.hostname;
  const path = url.pathname.replace(/\/+$/, "");
  return `did:web:${host}${path ? path.split("/").filter(Boolean).map((p) => `:${encodeURIComponent(p)}`).join("") : ""}`;
}

export function verificationUrl(origin: string, certificateId: string): string {
  return `${origin.replace(/\/+$/, "")}/verify/${certificateId}`;
}

export function buildCredential(claims: CredentialClaims, origin: string) {
  const base = origin.replace(/\/+$/, "");
  const title = claims.courseTitle[claims.sourceLocale] ?? Object.values(claims.courseTitle)[0] ?? claims.courseSlug;
  const issuer = { id: didWebFor(base), type: ["Profile"], name: claims.issuerName, url: `${base}/` };
  return {
    "@context": [VC_CONTEXT, OB_CONTEXT],
    id: verificationUrl(base, claims.certificateId),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: `Certificate of completion: ${title}`,
    issuer,
    validFrom: claims.issuedAt.toISOString(),
    ...(claims.expiresAt ? { validUntil: claims.expiresAt.toISOString() } : {}),
    credentialSubject: {
      type: ["AchievementSubject"],
      // No DID for the learner: Open Badges identifies the holder with an IdentityObject.
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: claims.holderName }],
      activityEndDate: claims.issuedAt.toISOString(),
      achievement: {
        id: `${base}/courses/${claims.courseSlug}#version-${claims.courseVersion}`,
        type: ["Achievement"],
        achievementType: "Certificate",
        name: title,
        description: `Completion of version ${claims.courseVersion} of the course "${title}".`,
        criteria: { narrative: "Completed every lesson and passed every quiz of the course version." },
        version: String(claims.courseVersion),
        inLanguage: claims.sourceLocale,
        creator: issuer,
      },
    },
    credentialSchema: [
      {
        id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
        type: "1EdTechJsonSchemaValidator2019",
      },
    ],
  };
}

export type Credential = ReturnType<typeof buildCredential>;

export async function signCredential(credential: Credential, key: SigningKey, now = new Date()): Promise<string> {
  // Registered JWT claims mirror the credential (VC-JOSE-COSE allows them; iss must equal issuer.id)
  // so that generic JWT tools show who issued what, and when.
  const payload = { ...credential, iss: credential.issuer.id, jti: credential.id, iat: Math.floor(now.getTime() / 1000) };
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "vc+jwt", cty: "vc" })
    .sign(key.privateKey);
}

/** The JSON a holder downloads: a VC 2.0 EnvelopedVerifiableCredential that carries the JWS. */
export function envelope(jws: string) {
  return { "@context": [VC_CONTEXT], id: `data:${CREDENTIAL_MEDIA_TYPE},${jws}`, type: "EnvelopedVerifiableCredential" };
}

export type VerifyResult =
  | { ok: true; kid: string; credential: Credential & { iss: string; jti: string; iat: number } }
  | { ok: false; reason: "malformed" | "unknownKey" | "badSignature" | "wrongType" };

/**
 * Checks the signature with the published keys (any of them: old keys keep verifying after a rotation).
 * Says nothing of expiry or revocation: those are states of the record (see status.ts).
 */
export async function verifyCredential(jws: string, keys: PublicJwk[] | KeySet): Promise<VerifyResult> {
  const list = Array.isArray(keys) ? keys : keys.verification;
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (header.alg !== "EdDSA" || header.typ !== "vc+jwt") return { ok: false, reason: "wrongType" };
  const jwk = list.find((k) => k.kid === header.kid);
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

/** The JWS inside a downloaded envelope (or the JWS itself). */
export function jwsFromEnvelope(input: string | { id?: unknown }): string | null {
  const text = typeof input === "string" ? input.trim() : typeof input.id === "string" ? input.id : "";
  const prefix = `data:${CREDENTIAL_MEDIA_TYPE},`;
  const jws = text.startsWith(prefix) ? text.slice(prefix.length) : text;
  return /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(jws) ? jws : null;
}
