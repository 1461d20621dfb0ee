// The no-SMTP default: messages become .eml files that the admin outbox can read back.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseEnv } from "~/env.server";
import { createMailer, mailConfigFromEnv, messageIdFor } from "./mailer.server";
import { readOutboxMessage } from "./outbox.server";
import { renderEmail } from "./templates.server";

const dir = mkdtempSync(path.join(tmpdir(), "outbox-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mail configuration", () => {
  it("no SMTP_HOST: the outbox folder; SMTP_HOST: SMTP with sensible ports", () => {
    expect(mailConfigFromEnv(parseEnv({}))).toMatchObject({ kind: "outbox", dir: path.resolve(".data/outbox") });
    expect(mailConfigFromEnv(parseEnv({ SMTP_HOST: "mail.example.org" }))).toMatchObject({ kind: "smtp", port: 587, secure: false });
    expect(mailConfigFromEnv(parseEnv({ SMTP_HOST: "mail.example.org", SMTP_SECURE: "true" }))).toMatchObject({ port: 465, secure: true });
  });
  it("refuses a bad port and a user without a password", () => {
    expect(() => parseEnv({ SMTP_HOST: "h", SMTP_PORT: "99999" })).toThrow(/SMTP_PORT/);
    expect(() => parseEnv({ SMTP_HOST: "h", SMTP_USER: "u" })).toThrow(/SMTP_PASSWORD/);
  });
});

describe("outbox transport", () => {
  it("writes one .eml per message, readable with its text and HTML", async () => {
    const mailer = createMailer({ kind: "outbox", dir, from: "Rights Academy <no-reply@learn.example.org>" });
    const email = await renderEmail({
      kind: "CERTIFICATE_EXPIRED",
      params: { certificateId: "c1", courseSlug: "rights-101", courseTitle: { en: "Rights 101", ar: "الحقوق 101" }, sourceLocale: "en", expiresAt: "2026-03-10T00:00:00.000Z" },
      locale: "ar",
      recipientName: "أمينة",
      origin: "https://learn.example.org/",
    });
    const { messageId } = await mailer.send({ notificationId: "n1", to: "amina@example.org", locale: "ar", ...email });
    expect(messageId).toBe(messageIdFor("n1", "x <a@learn.example.org>"));
    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/-n1\.eml$/);
    const read = await readOutboxMessage(dir, files[0]);
    expect(read?.subject).toBe("انتهت صلاحية الشهادة: الحقوق 101");
    expect(read?.text).toContain("https://learn.example.org/courses/rights-101");
    expect(read?.text).toContain("https://learn.example.org/account/notifications");
    expect(read?.html).toContain('dir="rtl"');
    // names that are not outbox messages are refused
    expect(await readOutboxMessage(dir, "../package.json")).toBeNull();
    expect(await readOutboxMessage(dir, "nothing.eml")).toBeNull();
  });

  it("escapes what it interpolates into HTML", async () => {
    const email = await renderEmail({
      kind: "ASSIGNED",
      params: { courseSlug: "x", courseTitle: { en: "<script>alert(1)</script>" }, sourceLocale: "en", organizationName: "A & B", dueAt: "2026-03-10T23:59:59.999Z" },
      locale: "en",
      recipientName: '"><img src=x>',
      origin: "https://learn.example.org",
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain("&lt;script&gt;");
    expect(email.text).toContain("A & B has assigned you");
  });
});
