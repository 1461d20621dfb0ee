// Platform administration of accounts (issue 16 item 2): the admin menu, the people list and a
// person's page, deactivation at platform level (sessions end, sign-in refused), reactivation,
// unlocking a rate-limited account, archiving a course version, and the platform audit log.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, signIn, uniqueEmail, visit } from "./helpers";
import { registerAccount } from "./mail";

const PASSWORD = "a river runs through our town";

async function register(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await registerAccount(page, { name: "Rosa Admin-Test", email, password: PASSWORD });
  return page;
}

async function passwordSignIn(page: Page, email: string, password: string) {
  await visit(page, "/login");
  await page.locator("#field-email").fill(email);
  await page.locator("#field-password").fill(password);
  await page.locator("form.card button[type=submit]").click();
}

/** Presses an account action's button and waits for that action's own answer (an earlier action's may still show). */
async function act(page: Page, name: string, answer: string) {
  await page.getByRole("button", { name }).click();
  await expect(page.getByRole("status").filter({ hasText: answer })).toBeVisible();
}

test.describe("platform administration", () => {
  test("the menu links every admin page, the outbox included", async ({ page }) => {
    await signIn(page, "admin@demo.test");
    await visit(page, "/admin");
    const menu = page.getByRole("navigation", { name: "Platform administration" });
    for (const [name, path] of [
      ["Organizations", "/admin"],
      ["People", "/admin/users"],
      ["Courses", "/admin/courses"],
      ["Single sign-on", "/admin/sso"],
      ["Audit log", "/admin/audit"],
      ["Emails", "/admin/outbox"],
    ]) {
      await expect(menu.getByRole("link", { name, exact: true })).toHaveAttribute("href", path);
    }
    await menu.getByRole("link", { name: "Emails" }).click();
    await page.waitForURL("/admin/outbox");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  });

  test("find a person, deactivate (sessions end, sign-in refused), reactivate, unlock", async ({ page, browser }) => {
    // one long journey through two browsers, registration by email included (a loaded machine took 180 s)
    test.setTimeout(300_000);
    const email = uniqueEmail("rosa");
    const person = await register(browser, email);

    await signIn(page, "admin@demo.test");
    await visit(page, `/admin/users?q=${encodeURIComponent(email)}`);
    await expect(page.getByRole("status")).toContainText("1 person");
    await page.getByRole("link", { name: "Rosa Admin-Test" }).click();
    await page.waitForURL(/\/admin\/users\/.+/);
    await page.locator("html[data-hydrated]").waitFor();
    const personUrl = page.url();
    await expect(page.locator("dl.details")).toContainText(email);
    // registration signed them in: one session, a last sign-in
    await expect(page.locator("dd").nth(3)).toHaveText("1");
    await expect(page.locator("dd").nth(2)).not.toHaveText("Never");
    await expectAccessible(page);

    await act(page, "Deactivate account", "deactivated");
    await expect(page.locator("dd").nth(3)).toHaveText("0");

    // their session ended: the next page asks them to sign in; the password no longer works
    await person.goto("/learning");
    await person.waitForURL(/\/login/);
    await passwordSignIn(person, email, PASSWORD);
    await expect(person.getByRole("alert")).toContainText("This account has been deactivated");

    // the list filters by status
    await visit(page, `/admin/users?q=${encodeURIComponent(email)}&status=active`);
    await expect(page.getByRole("status")).toContainText("0 people");
    await visit(page, `/admin/users?q=${encodeURIComponent(email)}&status=deactivated`);
    await expect(page.getByRole("status")).toContainText("1 person");

    await visit(page, personUrl);
    await act(page, "Reactivate account", "active again");

    // three wrong passwords, then the administrator clears them
    for (let i = 0; i < 3; i++) {
      await passwordSignIn(person, email, "not the password at all");
      await expect(person.getByRole("alert")).toContainText("not correct");
    }
    await visit(page, personUrl);
    await expect(page.locator("dd").nth(4)).not.toHaveText("0");
    await act(page, "Unlock sign-in", "Sign-in is unlocked");
    await expect(page.locator("dd").nth(4)).toHaveText("0");

    await passwordSignIn(person, email, PASSWORD);
    await person.waitForURL(/\/learning/);

    // (the person's next page must not race the sessions' deletion: act() waits for this action's answer)
    await act(page, "End all sessions", "All sessions of this account have ended");
    await person.goto("/learning");
    await person.waitForURL(/\/login/);

    await act(page, "Send a password reset link", "password reset link");

    await visit(page, "/admin/audit");
    for (const label of ["Account deactivated (platform)", "Account reactivated (platform)", "Sign-in unlocked", "All sessions ended", "Password link sent"]) {
      await expect(page.getByRole("cell", { name: label }).first()).toBeVisible();
    }
    await expectAccessible(page);
    await person.context().close();
  });

  test("the administrator cannot deactivate their own account", async ({ page }) => {
    await signIn(page, "admin@demo.test");
    await visit(page, "/admin/users?q=admin%40demo.test");
    await page.getByRole("link", { name: "Olga Petrova" }).click();
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.getByRole("button", { name: "End all sessions" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Deactivate account" })).toHaveCount(0);
    // the memberships name the organization in the reader's language (the platform's Arabic name)
    await visit(page, `${new URL(page.url()).pathname}?lng=ar`);
    await expect(page.locator("section[aria-labelledby=memberships-heading]")).toContainText("أكاديمية الحقوق");
    await visit(page, "/?lng=en");
  });

  test("the courses page lists versions (Arabic, right to left)", async ({ page }) => {
    await signIn(page, "admin@demo.test");
    await visit(page, "/admin/courses?lng=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("الدورات");
    // the academy in the reader's language, as on the other pages
    await expect(page.getByText("الأكاديمية التجريبية لحقوق الإنسان على المستوى المحلي").first()).toBeVisible();
    await expectAccessible(page);
  });
});
