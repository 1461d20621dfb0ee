import { getDb, type Db } from "~/db.server";
import { fail, type Failed } from "~/http/forms";
import { newId } from "~/ids";
import type { Locale } from "~/i18n/config";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./hash.server";
import { checkPassword } from "./password-policy.server";
import { endAllSessions } from "./session.server";
import { currentPasswordLimits, reserveAttempt } from "./rate-limit.server";

export type AccountResult<T> = { ok: true; value: T } | Failed;

/** Password problems → translation keys in errors.json. */
export function passwordError(password: string, email?: string): string | null {
  const problem = checkPassword(password, { email });
  return problem ? `password.${problem}` : null;
}

/** Creates an account (no policy checks: callers check the password first). */
export async function createUser(db: Db, input: { email: string; name: string; locale: string; password: string }) {
  return db.user.create({
    data: { id: newId(), email: input.email, name: input.name, locale: input.locale, passwordHash: await hashPassword(input.password) },
    select: { id: true },
  });
}

/** The user id when the email and password match, else null (same timing either way). */
export async function authenticate(email: string, password: string): Promise<string | null> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true } });
  if (!user) return verifyAgainstDummy(password).then(() => null);
  return (await verifyPassword(user.passwordHash, password)) ? user.id : null;
}

export async function updateProfile(userId: string, input: { name: string; locale: Locale }) {
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { name: input.name, locale: input.locale } });
}

/** Changing the password signs the person out everywhere (a stolen session dies with the old password). */
export async function changePassword(
  userId: string,
  currentPassword: string,
  newPassword: string,
  ip = "unknown",
): Promise<AccountResult<null>> {
  const db = await getDb();
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, passwordHash: true } });
  // A stolen session must not be a way to guess the password unthrottled: the same reservation as
  // sign-in, before the hash is verified (docs/security.md).
  const reservation = await reserveAttempt(currentPasswordLimits({ userId, ip }));
  if (!reservation) return fail("login.tooMany", { field: "currentPassword" });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return fail("password.wrongCurrent", { field: "currentPassword" });
  }
  await reservation.release();
  const problem = passwordError(newPassword, user.email);
  if (problem) return fail(problem, { field: "newPassword" });
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(newPassword) } });
  await endAllSessions(userId);
  return { ok: true, value: null };
}
