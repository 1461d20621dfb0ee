// The organizations' OpenID Connect client secrets, encrypted at rest with AES-256-GCM (authenticated:
// a changed ciphertext fails to decrypt instead of yielding garbage). The key comes from
// OIDC_SECRET_KEY, or else is derived from SESSION_SECRET; HKDF separates it from every other use
// of the same secret. Stored as "v1.<iv>.<tag>.<ciphertext>" (base64url), the version allowing a
// later change of scheme.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "~/env.server";

export function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.alloc(0), "rights-academy oidc client secret v1", 32));
}

export function encryptWith(key: Buffer, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** The plaintext, or null when the value was not encrypted with this key (or was altered). */
export function decryptWith(key: Buffer, stored: string): string | null {
  const [version, iv, tag, ciphertext] = stored.split(".");
  if (version !== "v1" || !iv || !tag || ciphertext === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const configuredKey = () => {
  const config = env();
  return deriveKey(config.OIDC_SECRET_KEY ?? config.SESSION_SECRET);
};

export const encryptSecret = (plaintext: string) => encryptWith(configuredKey(), plaintext);
export const decryptSecret = (stored: string) => decryptWith(configuredKey(), stored);
