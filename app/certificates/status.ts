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

/** `months` calendar months after `from` (UTC), clamped to the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(from: Date, months: number): Date {
  const d = new Date(from.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
