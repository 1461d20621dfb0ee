import { getDb } from "~/db.server";

// Sign-in throttling, stored in the database so that it holds across app processes.
// 10 failures in 15 minutes per account and per IP address → 429. The window slides, so the real
// user is never locked out for longer than 15 minutes, and a successful sign-in clears the account.
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const LOGIN_MAX_FAILURES = 10;

const keys = (email: string, ip: string) => [`account:${email.toLowerCase()}`, `ip:${ip}`];

export async function isLoginBlocked(email: string, ip: string, now = new Date()): Promise<boolean> {
  const db = await getDb();
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
  for (const key of keys(email, ip)) {
    const count = await db.loginFailure.count({ where: { key, createdAt: { gt: since } } });
    if (count >= LOGIN_MAX_FAILURES) return true;
  }
  return false;
}

export async function recordLoginFailure(email: string, ip: string, now = new Date()): Promise<void> {
  const db = await getDb();
  await db.loginFailure.createMany({ data: keys(email, ip).map((key) => ({ key, createdAt: now })) });
  // keep the table small: anything older than a day no longer matters
  await db.loginFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
}

export async function clearAccountFailures(email: string): Promise<void> {
  const db = await getDb();
  await db.loginFailure.deleteMany({ where: { key: `account:${email.toLowerCase()}` } });
}
