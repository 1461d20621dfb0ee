// The platform's Ed25519 signing key for credentials, and the public keys that verify them.
//
// Kept outside the database on purpose: a copy of the database must not be enough to forge
// credentials. Sources, in order:
//   1. CERT_SIGNING_KEY: the current private key, as a JWK (JSON) or a PKCS#8 PEM.
//      CERT_VERIFICATION_KEYS (optional): earlier public keys, a JWKS ({"keys":[…]}) or a JSON
//      array of JWKs, so that credentials signed before a rotation still verify.
//   2. Otherwise a key file (CERT_KEYS_FILE, default .data/certificate-keys.json, gitignored),
//      generated once on first use, like the session secret of the embedded setup.
// Every key is named by its RFC 7638 thumbprint (`kid`), which is what a JWS header carries.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { calculateJwkThumbprint, type JWK } from "jose";

export type SigningKey = { kid: string; privateKey: KeyObject; publicJwk: PublicJwk };
export type PublicJwk = { kty: "OKP"; crv: "Ed25519"; x: string; kid: string; alg: "EdDSA"; use: "sig" };
export type KeySet = { signing: SigningKey; verification: PublicJwk[] };

type KeyFile = { current: JWK; retired?: JWK[] };

export const defaultKeysFile = () => path.resolve(process.env.CERT_KEYS_FILE ?? ".data/certificate-keys.json");

export async function publicJwkOf(jwk: JWK): Promise<PublicJwk> {
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.x !== "string") {
    throw new Error("Certificate keys must be Ed25519 keys (JWK kty OKP, crv Ed25519)");
  }
  const kid = await calculateJwkThumbprint({ kty: "OKP", crv: "Ed25519", x: jwk.x });
  return { kty: "OKP", crv: "Ed25519", x: jwk.x, kid, alg: "EdDSA", use: "sig" };
}

/** A fresh Ed25519 private key as a JWK (for the key file, tests and rotation). */
export function generatePrivateJwk(): JWK {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "jwk" }) as JWK;
}

async function signingKeyFrom(privateJwk: JWK): Promise<SigningKey> {
  if (typeof privateJwk.d !== "string") throw new Error("The certificate signing key has no private part (d)");
  const publicJwk = await publicJwkOf(privateJwk);
  const privateKey = createPrivateKey({ key: { kty: "OKP", crv: "Ed25519", x: privateJwk.x!, d: privateJwk.d }, format: "jwk" });
  return { kid: publicJwk.kid, privateKey, publicJwk };
}

export function parsePrivateKey(value: string): JWK {
  const text = value.trim();
  if (text.startsWith("{")) return JSON.parse(text) as JWK;
  if (text.includes("-----BEGIN")) return createPrivateKey(text).export({ format: "jwk" }) as JWK;
  throw new Error("CERT_SIGNING_KEY must be an Ed25519 private key as a JWK (JSON) or a PKCS#8 PEM");
}

function parseJwkList(value: string): JWK[] {
  const parsed = JSON.parse(value) as unknown;
  if (Array.isArray(parsed)) return parsed as JWK[];
  if (parsed && typeof parsed === "object" && Array.isArray((parsed as { keys?: unknown }).keys)) {
    return (parsed as { keys: JWK[] }).keys;
  }
  return [parsed as JWK];
}

/** Builds a key set from a current private key and earlier (public or private) keys. */
export async function keySetFrom(current: JWK, retired: JWK[] = []): Promise<KeySet> {
  const signing = await signingKeyFrom(current);
  const verification = [signing.publicJwk];
  for (const jwk of retired) {
    const pub = await publicJwkOf(jwk);
    if (!verification.some((k) => k.kid === pub.kid)) verification.push(pub);
  }
  return { signing, verification };
}

function readOrCreateKeyFile(file: string): KeyFile {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as KeyFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": when the server and a test process start at once, exactly one of them creates the key
    writeFileSync(file, JSON.stringify({ current: generatePrivateJwk(), retired: [] }, null, 2) + "\n", {
      mode: 0o600,
      flag: "wx",
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return JSON.parse(readFileSync(file, "utf8")) as KeyFile;
}

export async function loadKeySet(source: Record<string, string | undefined> = process.env): Promise<KeySet> {
  if (source.CERT_SIGNING_KEY) {
    const retired = source.CERT_VERIFICATION_KEYS ? parseJwkList(source.CERT_VERIFICATION_KEYS) : [];
    return keySetFrom(parsePrivateKey(source.CERT_SIGNING_KEY), retired);
  }
  const file = readOrCreateKeyFile(source.CERT_KEYS_FILE ? path.resolve(source.CERT_KEYS_FILE) : defaultKeysFile());
  return keySetFrom(file.current, file.retired ?? []);
}

let cached: Promise<KeySet> | undefined;
/** The process's key set, read once. */
export function getKeySet(): Promise<KeySet> {
  return (cached ??= loadKeySet().catch((error) => {
    cached = undefined;
    throw error;
  }));
}

/** For tests that switch keys. */
export function resetKeySetCache() {
  cached = undefined;
}
