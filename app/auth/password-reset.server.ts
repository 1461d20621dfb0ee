// Password reset (issue 16). A request always gets the same answer, whether an account exists or not;
// when it does, an email with a single-use link valid for one hour is sent. Only the token's SHA-256
// is stored. Using the link sets the new password and ends every session of the account.
import { createHash, randomBytes } from "node:crypto";
import { fail, type Failed } from "~/http/forms";
import { getDb } from "~/db.server";
import { newId } from "~/ids";
import { isLocale, type Locale } from "~/i18n/config";
import { defaultMailer, type Mailer } from "~/notifications/mailer.server";
import { hashPassword } from "./hash.server";
import { passwordError } from "./accounts.server";
import { sendAccountEmail } from "./account-email.server";
import { endAllSessions } from "./session.server";
import { passwordResetLimits, reserveAttempt } from "./rate-limit.server";
import { publicUrl } from "~/http/public-origin.server";

export const RESET_TTL_MS = 60 * 60 * 1000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Tokens are 32 random bytes in base64url (43 characters): anything else is not looked up. */
export const isTokenShaped = (token: unknown): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);

/**
 * "throttled" only when this client address asked too often (it says nothing about the account);
 * otherwise "sent", also for an unknown address or one that asked too often (no email then).
 * The email goes out after the answer (not awaited), so the response time does not tell either.
 */
export async function requestPasswordReset(
  input: { email: string; ip: string; locale: Locale },
  mailer: Mailer = defaultMailer(),
): Promise<"sent" | "throttled"> {
  const limits = passwordResetLimits(input);
  const ipOnly = await reserveAttempt(limits.slice(0, 1));
  if (!ipOnly) return "throttled";
  const perAddress = await reserveAttempt(limits.slice(1));
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email: input.email }, select: { id: true, name: true, email: true, locale: true } });
  if (!perAddress || !user) return "sent";
  void sendResetLink(user, input.locale, mailer).catch((error) => console.error("password reset email could not be sent", error));
  return "sent";
}

/** A new single-use one-hour token for `user`, emailed in their language (else `fallbackLocale`). */
async function sendResetLink(
  user: { id: string; name: string; email: string; locale: string | null },
  fallbackLocale: Locale,
  mailer: Mailer,
): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  await (await getDb()).passwordResetToken.create({
    data: { id: newId(), userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) },
  });
  await sendAccountEmail(mailer, {
    to: user.email,
    name: user.name,
    locale: isLocale(user.locale) ? user.locale : fallbackLocale,
    kind: "reset",
    url: publicUrl(`/reset-password/${token}`),
  });
}

/**
 * A reset link sent at the platform administrator's request (app/admin/users.server.ts): the same
 * single-use one-hour token as a person's own request, without the per-address limit (the
 * administrator acts on purpose, and is audit-logged). Awaited, so the page can say it was sent.
 * False when the account does not exist.
 */
export async function sendResetLinkFor(userId: string, mailer: Mailer = defaultMailer()): Promise<boolean> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, name: true, email: true, locale: true } });
  if (!user) return false;
  await sendResetLink(user, "en", mailer);
  return true;
}

/** The account a still-valid, unused token belongs to, or null. */
export async function findResetToken(token: unknown, now = new Date()) {
  if (!isTokenShaped(token)) return null;
  const db = await getDb();
  const row = await db.passwordResetToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true } } },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return row;
}

/** A refused reset: the key "reset.invalidLink" (the link is void), or the password field's problem. */
export type ResetResult = { ok: true } | Failed;

/** Sets the new password once per token (two simultaneous uses: one wins) and ends every session. */
export async function resetPassword(token: unknown, newPassword: string, now = new Date()): Promise<ResetResult> {
  const row = await findResetToken(token, now);
  if (!row) return fail("reset.invalidLink");
  const problem = passwordError(newPassword, row.user.email);
  if (problem) return fail(problem, { field: "password" });
  const passwordHash = await hashPassword(newPassword);
  const db = await getDb();
  const done = await db.$transaction(async (tx) => {
    const { count } = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (count !== 1) return false;
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // any other link sent before is void too: the password they were meant to replace is gone
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: now } });
    return true;
  });
  if (!done) return fail("reset.invalidLink");
  await endAllSessions(row.userId);
  return { ok: true };
}
