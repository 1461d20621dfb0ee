import { onFirstUse, requirePackage } from "~/lazy.server";

// NIST SP 800-63B style: a length range and a block list of common passwords, no composition rules.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

// The zxcvbn-ts common-password list (~49,000 entries from public breach corpora). Kept server-side,
// read at the first password checked (app/lazy.server.ts).
const common = onFirstUse(() => {
  const { dictionary } = requirePackage("@zxcvbn-ts/language-common") as typeof import("@zxcvbn-ts/language-common");
  return new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
});

export type PasswordProblem = "tooShort" | "tooLong" | "tooCommon" | "containsEmail";

/** Returns the first problem with a password, or null when it is acceptable. */
export function checkPassword(password: string, context: { email?: string } = {}): PasswordProblem | null {
  const length = [...password].length; // count characters, not UTF-16 units
  if (length < PASSWORD_MIN) return "tooShort";
  if (length > PASSWORD_MAX) return "tooLong";
  const lower = password.toLowerCase();
  if (common().has(lower) || common().has(lower.replace(/[0-9!.?]+$/, ""))) return "tooCommon";
  const local = context.email?.split("@")[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local)) return "containsEmail";
  return null;
}
