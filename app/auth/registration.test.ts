// Registration without telling which addresses have accounts (issue 16), its links and its limits.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { newId } from "~/ids";
import type { Mailer, OutgoingMail } from "~/notifications/mailer.server";

vi.mock("./hash.server", () => ({
  hashPassword: async (p: string) => `hash:${p}`,
  verifyPassword: async (hash: string, p: string) => hash === `hash:${p}`,
  verifyAgainstDummy: async () => false,
}));

const { confirmRegistration, findPendingRegistration, requestRegistration, REGISTRATION_TTL_MS } = await import("./registration.server");
const { REGISTER_ADDRESS_MAX, REGISTER_MAX } = await import("./rate-limit.server");

let db: Db;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  // the emails' links name the platform's one public address (app/http/public-origin.server.ts)
  vi.stubEnv("PUBLIC_URL", "https://academy.example");
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

function recordingMailer() {
  const sent: OutgoingMail[] = [];
  const mailer: Mailer = { config: { kind: "outbox", dir: "/nonexistent", from: "academy@example.org" }, send: async (m) => (sent.push(m), { messageId: "x" }) };
  return { sent, mailer };
}

let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;
const request = (email: string, extra: Partial<Parameters<typeof requestRegistration>[0]> = {}) => ({
  name: "Amina Haddad",
  email,
  locale: "fr" as const,
  password: "a long enough passphrase",
  ip: freshIp(),
  ...extra,
});
const linkIn = (mail: OutgoingMail) => /https:\/\/academy\.example\/register\/confirm\/([A-Za-z0-9_-]{43})/.exec(mail.text)?.[1];

describe("registration", () => {
  it("a new address: the same answer, an email with a link; the account exists only once the link is used, once", async () => {
    const { sent, mailer } = recordingMailer();
    const email = `new-${newId()}@example.org`;
    expect(await requestRegistration(request(email), mailer)).toEqual({ status: "sent" });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0].to).toBe(email);
    expect(sent[0].locale).toBe("fr");
    // no text typed into the form goes to an address nobody has confirmed
    expect(sent[0].text).not.toContain("Amina");
    expect(await db.user.findUnique({ where: { email } })).toBeNull();
    const token = linkIn(sent[0]);
    expect(token).toBeTruthy();
    expect(await findPendingRegistration(token)).not.toBeNull();

    const confirmed = await confirmRegistration(token);
    expect(confirmed).toMatchObject({ ok: true, email, locale: "fr" });
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ name: "Amina Haddad", locale: "fr", passwordHash: "hash:a long enough passphrase" });
    expect(await confirmRegistration(token)).toEqual({ ok: false, errors: [{ key: "registerConfirm.invalidLink" }] });
    expect(await db.user.count({ where: { email } })).toBe(1);
  });

  it("a taken address: the same answer, a notice to the owner (in the owner's name and language), nothing changes", async () => {
    const email = `owner-${newId()}@example.org`;
    await db.user.create({ data: { id: newId(), email, name: "Real Owner", locale: "ar", passwordHash: "hash:the owner's own password" } });
    const before = await db.user.findUniqueOrThrow({ where: { email } });
    const { sent, mailer } = recordingMailer();
    expect(await requestRegistration(request(email, { name: "Intruder Text" }), mailer)).toEqual({ status: "sent" });
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toMatchObject({ to: email, locale: "ar" });
    expect(sent[0].text).toContain("Real Owner");
    expect(sent[0].text).not.toContain("Intruder");
    expect(sent[0].text).toContain("https://academy.example/login");
    expect(linkIn(sent[0])).toBeUndefined();
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toEqual(before);
    expect(await db.pendingRegistration.count({ where: { email } })).toBe(0);
  });

  it("a password the policy refuses is said at once (it depends on what was typed, not on any account)", async () => {
    const { sent, mailer } = recordingMailer();
    expect(await requestRegistration(request(`p-${newId()}@example.org`, { password: "short" }), mailer)).toMatchObject({ status: "invalid", ok: false, errors: [{ field: "password" }] });
    expect(sent).toHaveLength(0);
  });

  it(`per address: ${REGISTER_ADDRESS_MAX} emails an hour, then the same answer without an email`, async () => {
    const { sent, mailer } = recordingMailer();
    const email = `flood-${newId()}@example.org`;
    for (let i = 0; i < REGISTER_ADDRESS_MAX + 3; i++) expect(await requestRegistration(request(email), mailer)).toEqual({ status: "sent" });
    await vi.waitFor(() => expect(sent).toHaveLength(REGISTER_ADDRESS_MAX));
    expect(await db.pendingRegistration.count({ where: { email } })).toBe(REGISTER_ADDRESS_MAX);
  });

  it(`per client address: ${REGISTER_MAX} attempts an hour, reserved before anything is looked up, also under concurrency`, async () => {
    const { mailer } = recordingMailer();
    const ip = "192.0.2.200";
    const answers = await Promise.all(
      Array.from({ length: REGISTER_MAX + 20 }, (_, i) => requestRegistration(request(`burst-${i}-${newId()}@example.org`, { ip }), mailer)),
    );
    expect(answers.filter((a) => a.status === "sent")).toHaveLength(REGISTER_MAX);
    expect(answers.filter((a) => a.status === "throttled")).toHaveLength(20);
  }, 60_000);

  it("one link voids the address's other links; an account made meanwhile (an invitation) makes a link answer 'taken'", async () => {
    const { sent, mailer } = recordingMailer();
    const email = `twice-${newId()}@example.org`;
    await requestRegistration(request(email), mailer);
    await requestRegistration(request(email, { name: "Second Try" }), mailer);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    const [first, second] = sent.map(linkIn);
    expect((await confirmRegistration(second)).ok).toBe(true);
    expect(await confirmRegistration(first)).toEqual({ ok: false, errors: [{ key: "registerConfirm.invalidLink" }] });
    expect((await db.user.findUniqueOrThrow({ where: { email } })).name).toBe("Second Try");

    const invited = `invited-${newId()}@example.org`;
    await requestRegistration(request(invited), mailer);
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    await db.user.create({ data: { id: newId(), email: invited, name: "Via Invitation", locale: "en", passwordHash: "hash:x" } });
    expect(await confirmRegistration(linkIn(sent[2]))).toEqual({ ok: false, errors: [{ key: "email.taken" }] });
    expect((await db.user.findUniqueOrThrow({ where: { email: invited } })).name).toBe("Via Invitation");
  });

  it("a link expires after 24 hours; simultaneous uses of one link create one account", async () => {
    const { sent, mailer } = recordingMailer();
    const email = `late-${newId()}@example.org`;
    await requestRegistration(request(email), mailer);
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const token = linkIn(sent[0]);
    const later = new Date(Date.now() + REGISTRATION_TTL_MS + 1000);
    expect(await confirmRegistration(token, later)).toEqual({ ok: false, errors: [{ key: "registerConfirm.invalidLink" }] });
    expect(await confirmRegistration("not-a-token")).toEqual({ ok: false, errors: [{ key: "registerConfirm.invalidLink" }] });

    const results = await Promise.all(Array.from({ length: 5 }, () => confirmRegistration(token)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});
