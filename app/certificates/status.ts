// A certificate's state, from its record alone. Pure, so that pages, the PDF and tests agree.
export type CertificateState = "valid" | "expired" | "revoked";

export function certificateState(
  record: { expiresAt: Date | string | null; revokedAt: Date | string | null },
  now: Date = new Date(),
): CertificateState {
  // Revocation wins over expiry: a revoked certificate must never read as merely "expired".
  if (record.revokedAt) return "revoked";
  if (record.expiresAt && new Date(record.expiresAt).getTime() <= now.getTime()) return "expired";
  return "valid";
}

/** Certificate ids come from newId(): 128 random bits in lowercase base32, 26 characters. */
export const CERTIFICATE_ID = /^[a-z2-7]{26}$/;

export function isCertificateId(value: unknown): value is string {
  return typeof value === "string" && CERTIFICATE_ID.test(value);
}
