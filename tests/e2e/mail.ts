// Emails in the e2e server's outbox (scripts/e2e-server.mjs writes them as .eml files), and the
// registration journey that needs one: the form answers "check your email" and the account exists
// once the emailed link is used (app/auth/registration.server.ts).
import { expect, type Page } from "@playwright/test";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";

export const OUTBOX = path.resolve(`.data/e2e-outbox-${process.env.E2E_PORT ?? 3100}`);

/** The newest .eml in the outbox sent to `to` since `after`, parsed; waits for it (emails go out after the answer). */
export async function emailTo(to: string, after: number) {
  let found: Awaited<ReturnType<typeof simpleParser>> | null = null;
  await expect
    .poll(
      async () => {
        if (!existsSync(OUTBOX)) return false;
        const files = readdirSync(OUTBOX, { withFileTypes: true })
          .filter((f) => f.isFile() && f.name.endsWith(".eml"))
          .map((f) => path.join(OUTBOX, f.name))
          .filter((f) => statSync(f).mtimeMs >= after - 1000)
          .sort((a, b) => statSync(a).mtimeMs - statSync(b).mtimeMs);
        for (const file of files.reverse()) {
          const mail = await simpleParser(readFileSync(file));
          const recipients = [mail.to].flat().flatMap((a) => a?.value ?? []).map((v) => v.address);
          if (recipients.includes(to)) {
            found = mail;
            return true;
          }
        }
        return false;
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  return found!;
}

/** The path of the first link in an email that matches `pattern` (e.g. /\/register\/confirm\/[\w-]{43}/). */
export function linkIn(mail: { text?: string }, pattern: RegExp): string {
  const match = new RegExp(`https?://\\S+?${pattern.source}`).exec(mail.text ?? "");
  expect(match, mail.text).toBeTruthy();
  return new URL(match![0]).pathname;
}

/** Fills in /register and submits; returns when the "check your email" answer is shown. */
export async function submitRegistration(page: Page, input: { name: string; email: string; password: string; locale?: string }) {
  await page.goto(`/register${input.locale ? `?lng=${input.locale}` : ""}`);
  await page.locator("html[data-hydrated]").waitFor();
  await page.locator("#field-name").fill(input.name);
  await page.locator("#field-email").fill(input.email);
  if (input.locale) await page.locator("#field-locale").selectOption(input.locale);
  await page.locator("#field-password").fill(input.password);
  await page.locator("form.card button[type=submit]").click();
  await expect(page.locator("[role=status]")).toBeVisible({ timeout: 30_000 });
}

/** A new account, through the whole journey: the form, the emailed link, "Create my account"; ends signed in on /learning. */
export async function registerAccount(page: Page, input: { name: string; email: string; password: string; locale?: string }) {
  const asked = Date.now();
  await submitRegistration(page, input);
  const mail = await emailTo(input.email, asked);
  await page.goto(linkIn(mail, /\/register\/confirm\/[A-Za-z0-9_-]{43}/));
  await page.locator("html[data-hydrated]").waitFor();
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL(/\/learning/);
  await page.locator("html[data-hydrated]").waitFor();
}
