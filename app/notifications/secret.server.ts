// The invitation token must reach the invited person by email, but the database keeps only its
// SHA-256 (app/organizations/invitations.server.ts) so that a copy of the database opens no account.
// The pending email therefore holds the token encrypted with AES-256-GCM under a key derived from
// SESSION_SECRET (HKDF-SHA256), and the runner erases it once the email is sent or given up.
// A database copy alone reveals nothing; database + SESSION_SECRET reveals only links still unsent.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { env } from "~/env.server";

function key(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "rights-academy", "notification-secret-v1", 32));
}

export function sealSecret(plain: string, secret = env().SESSION_SECRET): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** null when the value was not sealed with this secret (e.g. SESSION_SECRET changed since). */
export function openSecret(sealed: string, secret = env().SESSION_SECRET): string | null {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
