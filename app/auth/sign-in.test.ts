// The sign-in throttle under concurrency and the lock-out policy (docs/security.md). Password hash
// verifications are counted: that is what an attacker gets to try.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { newId } from "~/ids";

const evaluations = { count: 0 };
vi.mock("./hash.server", () => ({
  hashPassword: async (p: string) => `hash:${p}`,
  verifyPassword: async (hash: string, p: string) => {
    evaluations.count++;
    await new Promise((r) => setTimeout(r, 2)); // a real verification takes time: let requests overlap
    return hash === `hash:${p}`;
  },
  verifyAgainstDummy: async () => {
    evaluations.count++;
    return false;
  },
}));

const { attemptSignIn } = await import("./sign-in.server");
const { ACCOUNT_MAX, DEVICE_MAX, IP_MAX } = await import("./rate-limit.server");

let db: Db;
let cleanup: () => Promise<void>;

async function account() {
  const email = `owner-${newId()}@example.org`;
  await db.user.create({ data: { id: newId(), email, name: "Owner", passwordHash: "hash:right-password-123", locale: "en" } });
  return email;
}

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
});
afterAll(() => cleanup());
beforeEach(() => {
  evaluations.count = 0;
});

describe("sign-in throttle", () => {
  it("200 simultaneous wrong passwords for one account: at most 10 are evaluated, then even the right one is refused", async () => {
    const email = await account();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => attemptSignIn({ email, password: `wrong-${i}`, ip: `198.51.100.${i % 250}`, deviceId: null })),
    );
    expect(evaluations.count).toBeLessThanOrEqual(ACCOUNT_MAX);
    expect(results.filter((r) => r.status === "invalid")).toHaveLength(evaluations.count);
    expect(results.filter((r) => r.status === "throttled")).toHaveLength(200 - evaluations.count);
    const right = await attemptSignIn({ email, password: "right-password-123", ip: "203.0.113.1", deviceId: null });
    expect(right.status).toBe("throttled");
  }, 60_000);

  it("a browser that signed in before keeps its own allowance while strangers exhaust the account's", async () => {
    const email = await account();
    for (let i = 0; i < ACCOUNT_MAX; i++) await attemptSignIn({ email, password: "guess", ip: "192.0.2.66", deviceId: null });
    expect((await attemptSignIn({ email, password: "right-password-123", ip: "192.0.2.7", deviceId: null })).status).toBe("throttled");
    const device = "0123456789abcdef0123456789abcdef";
    expect((await attemptSignIn({ email, password: "right-password-123", ip: "192.0.2.7", deviceId: device })).status).toBe("ok");
  });

  it("the device allowance is limited too, and only for that device", async () => {
    const email = await account();
    const device = "fedcba9876543210fedcba9876543210";
    evaluations.count = 0;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => attemptSignIn({ email, password: "typo", ip: "192.0.2.8", deviceId: device })),
    );
    expect(evaluations.count).toBe(DEVICE_MAX);
    expect(results.filter((r) => r.status === "throttled")).toHaveLength(50 - DEVICE_MAX);
    // strangers' allowance for the account is untouched by the device's typos
    expect((await attemptSignIn({ email, password: "right-password-123", ip: "192.0.2.9", deviceId: null })).status).toBe("ok");
  });

  it("a successful sign-in does not use up the allowance", async () => {
    const email = await account();
    for (let i = 0; i < ACCOUNT_MAX + 5; i++) {
      expect((await attemptSignIn({ email, password: "right-password-123", ip: "192.0.2.10", deviceId: null })).status).toBe("ok");
    }
  });

  it("one address is limited across accounts (password spraying), more generously than one account", async () => {
    const ip = "203.0.113.99";
    const emails = await Promise.all(Array.from({ length: 12 }, () => account()));
    evaluations.count = 0;
    for (let i = 0; i < IP_MAX + 10; i++) await attemptSignIn({ email: emails[i % emails.length], password: "Spring2026!", ip, deviceId: null });
    expect(evaluations.count).toBe(IP_MAX);
  });
});

describe("the current-password check on /account", () => {
  it("a stolen session guesses at most 10 current passwords per 15 minutes, also at once; then even the right one waits", async () => {
    const email = await account();
    const { id: userId } = await db.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    const { changePassword } = await import("./accounts.server");
    evaluations.count = 0;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => changePassword(userId, `guess-${i}`, "a brand new passphrase", `198.51.100.${i}`)),
    );
    expect(evaluations.count).toBe(ACCOUNT_MAX);
    expect(results.filter((r) => !r.ok && r.errors[0].key === "password.wrongCurrent")).toHaveLength(ACCOUNT_MAX);
    expect(results.filter((r) => !r.ok && r.errors[0].key === "login.tooMany")).toHaveLength(40 - ACCOUNT_MAX);
    const right = await changePassword(userId, "right-password-123", "a brand new passphrase", "192.0.2.77");
    expect(right).toMatchObject({ ok: false, errors: [{ key: "login.tooMany" }] });
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash).toBe("hash:right-password-123");
  }, 60_000);
});
