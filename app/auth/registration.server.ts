// Registration with email confirmation (issue 16: the form told which addresses have accounts).
//
// The form answers the same for every address: "check your email". Behind that answer:
// - a new address gets a link (single-use, 24 hours, only its SHA-256 stored) that creates the account
//   and signs the person in when it is used; until then nothing exists but a PendingRegistration row,
//   so a stranger who registers someone else's address first blocks nothing;
// - an address that has an account gets, instead, a notice to its owner ("someone tried to register with
//   your address; if it was you, sign in or reset your password") and nothing about the account changes.
// Both paths hash the password and send the email after the answer (not awaited), so neither the
// answer, its status nor its timing class tells the two apart. Limits: docs/security.md.
import { randomBytes } from "node:crypto";
import { getDb } from "~/db.server";
import { newId } from "~/ids";
import { isLocale, type Locale } from "~/i18n/config";
import { defaultMailer, type Mailer } from "~/notifications/mailer.server";
import { passwordError } from "./accounts.server";
import { sendAccountEmail } from "./account-email.server";
import { hashPassword } from "./hash.server";
import { hashToken, isTokenShaped } from "./password-reset.server";
import { registrationLimits, reserveAttempt } from "./rate-limit.server";
import { publicUrl } from "~/http/public-origin.server";
import { fail, type Failed } from "~/http/forms";

/** A day: long enough for an email that arrives late or is opened the next morning at work. */
export const REGISTRATION_TTL_MS = 24 * 60 * 60 * 1000;

export type RegistrationRequest = { name: string; email: string; locale: Locale; password: string; ip: string };

export type RegistrationAnswer =
  | { status: "sent" }
  | { status: "throttled" }
  | ({ status: "invalid" } & Failed);

/**
 * "invalid" only for a password the policy refuses (it depends on what was typed, not on any account);
 * "throttled" only when this client address registered too often; otherwise "sent", also when the
 * address asked too often (no email then: the mailbox is not flooded).
 */
export async function requestRegistration(input: RegistrationRequest, mailer: Mailer = defaultMailer()): Promise<RegistrationAnswer> {
  const problem = passwordError(input.password, input.email);
  if (problem) return { status: "invalid", ...fail(problem, { field: "password" }) };
  // reserved before anything is looked up: every attempt counts, taken address or not
  const limits = registrationLimits(input);
  if (!(await reserveAttempt(limits.slice(0, 1)))) return { status: "throttled" };
  const perAddress = await reserveAttempt(limits.slice(1));
  await pruneRegistrations();
  const passwordHash = await hashPassword(input.password);
  const db = await getDb();
  const owner = await db.user.findUnique({ where: { email: input.email }, select: { name: true, locale: true } });
  if (!perAddress) return { status: "sent" };
  if (owner) {
    send(mailer, {
      to: input.email,
      name: owner.name,
      locale: isLocale(owner.locale) ? owner.locale : input.locale,
      kind: "registerTaken",
      url: publicUrl("/login"),
    });
    return { status: "sent" };
  }
  const token = randomBytes(32).toString("base64url");
  await db.pendingRegistration.create({
    data: {
      id: newId(),
      tokenHash: hashToken(token),
      email: input.email,
      name: input.name,
      locale: input.locale,
      passwordHash,
      expiresAt: new Date(Date.now() + REGISTRATION_TTL_MS),
    },
  });
  send(mailer, { to: input.email, name: null, locale: input.locale, kind: "registerConfirm", url: publicUrl(`/register/confirm/${token}`) });
  return { status: "sent" };
}

function send(mailer: Mailer, mail: Parameters<typeof sendAccountEmail>[1]) {
  void sendAccountEmail(mailer, mail).catch((error) => console.error(`${mail.kind} email could not be sent`, error));
}

/** The registration a still-valid, unused link belongs to, or null. */
export async function findPendingRegistration(token: unknown, now = new Date()) {
  if (!isTokenShaped(token)) return null;
  const db = await getDb();
  const row = await db.pendingRegistration.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, email: true, name: true, locale: true, passwordHash: true, expiresAt: true, usedAt: true },
  });
  if (!row || row.usedAt || row.expiresAt <= now) return null;
  return row;
}

/** The new account, or the refusal (keys in "errors": registerConfirm.invalidLink, email.taken). */
export type ConfirmResult = { ok: true; userId: string; email: string; locale: Locale } | Failed;
const invalidLink = () => fail("registerConfirm.invalidLink");
const taken = () => fail("email.taken");

/**
 * Creates the account of a registration link, once (two simultaneous uses: one wins). "taken" when the
 * address got an account since the link was sent (another link of the same address, an invitation).
 */
export async function confirmRegistration(token: unknown, now = new Date()): Promise<ConfirmResult> {
  const row = await findPendingRegistration(token, now);
  if (!row) return invalidLink();
  const db = await getDb();
  try {
    return await db.$transaction(async (tx): Promise<ConfirmResult> => {
      const { count } = await tx.pendingRegistration.updateMany({
        where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count !== 1) return invalidLink();
      // every other link of the address is void once it has an account (whichever way it got it)
      await tx.pendingRegistration.updateMany({ where: { email: row.email, usedAt: null }, data: { usedAt: now } });
      if (await tx.user.findUnique({ where: { email: row.email }, select: { id: true } })) return taken();
      const userId = newId();
      await tx.user.create({ data: { id: userId, email: row.email, name: row.name, locale: row.locale, passwordHash: row.passwordHash } });
      return { ok: true, userId, email: row.email, locale: isLocale(row.locale) ? row.locale : "en" };
    });
  } catch (error) {
    // PostgreSQL: an account for the address was created by another transaction at the same moment
    if ((error as { code?: string }).code === "P2002") return taken();
    throw error;
  }
}

/** Used and expired registrations are of no use and hold password hashes: removed after a day. */
export async function pruneRegistrations(now = new Date()): Promise<void> {
  const db = await getDb();
  await db.pendingRegistration.deleteMany({
    where: { OR: [{ usedAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } }, { expiresAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } }] },
  });
}
