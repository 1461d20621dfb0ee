import { getDb, lockUntilCommit, onPostgres } from "~/db.server";

// Attempt throttling, stored in the database so that it holds across app processes (policy and
// numbers: docs/security.md). Each attempt RESERVES a row per key before the expensive or secret
// check runs (the password hash, a reset email), in one transaction that counts and inserts
// atomically. Checking first and recording the failure afterwards let 200 simultaneous guesses all
// pass the check before the first failure was written (199 evaluated, issue 16).
//
// SQLite: transactions begin IMMEDIATE (db.server.ts), so the count-then-insert holds the database's
// write lock: one reservation at a time across every process on the file.
// PostgreSQL: a transaction-scoped advisory lock per key (lockUntilCommit) serialises reservations of
// the same key across connections and processes; different keys do not wait for each other.
//
// The rows live in the LoginFailure table (its name predates reservations: a row is an attempt that
// counts, whatever it was for).

export const WINDOW_15_MIN = 15 * 60 * 1000;
export const WINDOW_1_HOUR = 60 * 60 * 1000;

export type Limit = { key: string; max: number; windowMs: number };

/** A granted attempt. `release()` takes it back (a successful sign-in does not count). */
export type Reservation = { release(): Promise<void> };

/**
 * Reserves one attempt under every limit at once, or none when any of them is used up (null).
 * A database error also answers null: when in doubt, refuse rather than evaluate unthrottled.
 */
export async function reserveAttempt(limits: Limit[], now = new Date()): Promise<Reservation | null> {
  const db = await getDb();
  let ids: number[] | null;
  try {
    ids = await db.$transaction(
      async (tx) => {
        if (onPostgres(db)) {
          // sorted: two reservations sharing keys take their locks in the same order (no deadlock)
          for (const key of [...new Set(limits.map((l) => l.key))].sort()) await lockUntilCommit(tx, key);
        }
        for (const limit of limits) {
          const since = new Date(now.getTime() - limit.windowMs);
          const used = await tx.loginFailure.count({ where: { key: limit.key, createdAt: { gt: since } } });
          if (used >= limit.max) return null;
        }
        const created: number[] = [];
        for (const limit of limits) {
          created.push((await tx.loginFailure.create({ data: { key: limit.key, createdAt: now }, select: { id: true } })).id);
        }
        return created;
      },
      // a burst queues behind the write lock; waiting is fine, evaluating unthrottled is not
      { maxWait: 30_000, timeout: 30_000 },
    );
  } catch (error) {
    console.error("rate limit: reservation failed, attempt refused", error);
    return null;
  }
  if (!ids) return null;
  const granted = ids;
  return {
    async release() {
      await db.loginFailure.deleteMany({ where: { id: { in: granted } } });
    },
  };
}

/** Anything older than a day no longer counts under any limit; keeps the table small. */
export async function pruneAttempts(now = new Date()): Promise<void> {
  const db = await getDb();
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
}

/** Forgets the attempts under a key (a platform administrator unlocking an account). */
export async function clearKey(key: string): Promise<void> {
  const db = await getDb();
  await db.loginFailure.deleteMany({ where: { key } });
}

// ---- The limits (docs/security.md explains each number) ----

/** Password guesses for one account from browsers it has never signed in on: the brute-force cap. */
export const ACCOUNT_MAX = 10;
/** A browser that signed in to this account before keeps its own allowance (device cookie). */
export const DEVICE_MAX = 10;
/** One address: generous, because a town hall's whole staff may sit behind one NAT. */
export const IP_MAX = 100;

const norm = (email: string) => email.trim().toLowerCase();

export function signInLimits(input: { email: string; ip: string; deviceId: string | null }): Limit[] {
  const email = norm(input.email);
  return [
    { key: `ip:${input.ip}`, max: IP_MAX, windowMs: WINDOW_15_MIN },
    input.deviceId
      ? { key: `device:${email}:${input.deviceId}`, max: DEVICE_MAX, windowMs: WINDOW_15_MIN }
      : { key: `account:${email}`, max: ACCOUNT_MAX, windowMs: WINDOW_15_MIN },
  ];
}

/** Re-entering the current password on /account (a stolen session must not guess it unthrottled). */
export function currentPasswordLimits(input: { userId: string; ip: string }): Limit[] {
  return [
    { key: `ip:${input.ip}`, max: IP_MAX, windowMs: WINDOW_15_MIN },
    { key: `reauth:${input.userId}`, max: ACCOUNT_MAX, windowMs: WINDOW_15_MIN },
  ];
}

/** Reset emails: a few per address per hour (no mailbox flooding), more per client address. */
export function passwordResetLimits(input: { email: string; ip: string }): Limit[] {
  return [
    { key: `reset-ip:${input.ip}`, max: 20, windowMs: WINDOW_1_HOUR },
    { key: `reset:${norm(input.email)}`, max: 3, windowMs: WINDOW_1_HOUR },
  ];
}

/**
 * Registrations per client address, successful or not: probing which addresses have accounts must
 * stay slow. Generous enough for a training room registering together behind one address. Per
 * address, a few an hour: each one sends an email to that address (no mailbox flooding).
 */
export const REGISTER_MAX = 50;
export const REGISTER_ADDRESS_MAX = 5;
export function registrationLimits(input: { ip: string; email: string }): Limit[] {
  return [
    { key: `register-ip:${input.ip}`, max: REGISTER_MAX, windowMs: WINDOW_1_HOUR },
    { key: `register:${norm(input.email)}`, max: REGISTER_ADDRESS_MAX, windowMs: WINDOW_1_HOUR },
  ];
}
