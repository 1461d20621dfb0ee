import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password-2026";

/** Navigate and wait until React has hydrated (root.tsx sets html[data-hydrated]). */
export async function visit(page: Page, path: string) {
  await page.goto(path);
  await page.locator("html[data-hydrated]").waitFor();
}

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await visit(page, "/login");
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  await page.locator("html[data-hydrated]").waitFor();
}

export async function signOut(page: Page) {
  await page.locator("form[action='/logout'] button").click();
  await page.waitForURL("/");
}

/** No WCAG 2.1 A/AA violation that axe-core can detect. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `axe violations on ${page.url()}`).toEqual([]);
}

export function uniqueEmail(prefix: string) {
  return `${prefix}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}
