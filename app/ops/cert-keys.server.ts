// Rotation of the certificate signing key (docs/deployment.md, "Certificate signing key"): a new
// key becomes current and the old one's PUBLIC part moves to the retired list, so that every
// credential signed before keeps verifying. The private part of a retired key is not kept: it
// cannot sign anything any more, even if the file leaks later.
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { JWK } from "jose";
import { generatePrivateJwk, loadKeySet, parsePrivateKey, publicJwkOf, type PublicJwk } from "~/certificates/keys.server";

type KeyFile = { current: JWK; retired?: JWK[] };

export async function describeKeys(source: Record<string, string | undefined> = process.env) {
  const set = await loadKeySet(source);
  return {
    from: source.CERT_SIGNING_KEY ? "CERT_SIGNING_KEY" : path.resolve(source.CERT_KEYS_FILE ?? ".data/certificate-keys.json"),
    signing: set.signing.kid,
    retired: set.verification.filter((k) => k.kid !== set.signing.kid).map((k) => k.kid),
  };
}

/** Rotates the key file in place (written to a temporary file, then renamed: never half-written). */
export async function rotateKeyFile(file: string): Promise<{ previous: string; current: string; retired: string[] }> {
  const before = await loadKeySet({ CERT_KEYS_FILE: file });
  const stored = JSON.parse(readFileSync(file, "utf8")) as KeyFile;
  const retired: PublicJwk[] = [before.signing.publicJwk];
  for (const jwk of stored.retired ?? []) {
    const pub = await publicJwkOf(jwk);
    if (!retired.some((k) => k.kid === pub.kid)) retired.push(pub);
  }
  const next: KeyFile = { current: generatePrivateJwk(), retired };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(next, null, 2) + "\n", { mode: 0o600, flag: "wx" });
  renameSync(temporary, file);
  const after = await loadKeySet({ CERT_KEYS_FILE: file });
  return { previous: before.signing.kid, current: after.signing.kid, retired: after.verification.slice(1).map((k) => k.kid) };
}

/**
 * For keys given in the environment: the values to set for the next deployment (nothing is
 * changed here — the environment belongs to the process manager).
 */
export async function rotatedEnvironment(source: Record<string, string | undefined>) {
  if (!source.CERT_SIGNING_KEY) throw new Error("CERT_SIGNING_KEY is not set");
  const before = await loadKeySet(source);
  parsePrivateKey(source.CERT_SIGNING_KEY); // a readable key, or it throws
  const current = generatePrivateJwk();
  const retired = before.verification; // the current public key first, then the earlier ones
  return {
    CERT_SIGNING_KEY: JSON.stringify(current),
    CERT_VERIFICATION_KEYS: JSON.stringify({ keys: retired }),
    previous: before.signing.kid,
    current: (await publicJwkOf(current)).kid,
  };
}
