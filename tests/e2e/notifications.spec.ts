// Notifications end to end: a manager assigns a course → the learner sees it in the app with an unread
// count and marks it read; email preferences are saved; the administrator reads the email in the
// outbox (no SMTP server in the e2e setup, so emails are .eml files); the manager sees it was sent.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { expectAccessible, signIn, visit } from "./helpers";

test.describe.configure({ mode: "serial" });

const LEARNER = "learner@demo.test";
let courseTitle = "";

/**
 * axe on the page around the email. The email's HTML sits in a sandboxed iframe where no script may
 * run, so axe cannot be injected there (it would wait for it until the test times out).
 */
async function expectAccessibleAroundEmail(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).exclude("iframe.mail-frame").analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`), `axe violations on ${page.url()}`).toEqual([]);
  await expect(page.locator("iframe.mail-frame")).toHaveAttribute("title", /.+/);
}

async function as(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

test("a manager assigns a course: the learner gets an in-app notification and marks it read", async ({ browser }) => {
  const manager = await as(browser, "manager@demo.test");
  const { page } = manager;
  await visit(page, "/manage/riverside/assignments");
  const option = page.locator("#field-courseId option:not([value=''])").first();
  courseTitle = (await option.innerText()).trim();
  await page.locator("#field-courseId").selectOption({ label: courseTitle });
  await page.locator("input[name=target][value=people]").check();
  await page.locator("#field-emails").fill(LEARNER);
  const due = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
  await page.locator("#field-dueDate").fill(due);
  await page.locator("section[aria-labelledby=new-heading] button[type=submit]").click();
  await expect(page.locator("[role=status]")).toBeVisible();
  await manager.context.close();

  const learner = await as(browser, LEARNER);
  const lp = learner.page;
  const navLink = lp.locator("nav.site-nav a[href='/notifications']");
  await expect(navLink.locator(".nav-badge")).toBeVisible();
  const unreadBefore = Number(await navLink.locator(".nav-badge").innerText());
  expect(unreadBefore).toBeGreaterThanOrEqual(1);
  await expect(navLink).toContainText(`${unreadBefore} unread`);
  await navLink.click();
  await lp.waitForURL("/notifications");
  const notice = lp.locator("li.notice", { hasText: `New course assigned: ${courseTitle}` });
  await expect(notice).toHaveClass(/notice--unread/);
  await expect(notice.getByRole("link", { name: "Open the course" })).toBeVisible();
  await expectAccessible(lp);
  await notice.getByRole("button", { name: /Mark as read/ }).click();
  await expect(notice).not.toHaveClass(/notice--unread/);
  if (unreadBefore > 1) await expect(navLink.locator(".nav-badge")).toHaveText(String(unreadBefore - 1));
  else await expect(navLink.locator(".nav-badge")).toHaveCount(0);
  // mark all read: the count disappears
  const markAll = lp.getByRole("button", { name: "Mark all as read" });
  if (await markAll.count()) await markAll.click();
  await expect(navLink.locator(".nav-badge")).toHaveCount(0);
  // Arabic: right to left, translated, accessible
  await visit(lp, "/notifications?lng=ar");
  await expect(lp.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(lp.locator("h1")).toHaveText("الإشعارات");
  await expect(lp.locator("li.notice", { hasText: "دورة جديدة مُسندة إليك" }).first()).toBeVisible();
  await expectAccessible(lp);
  await visit(lp, "/notifications?lng=en");
  await learner.context.close();
});

test("email preferences are saved; invitations and assignments stay on", async ({ browser }) => {
  const { context, page } = await as(browser, LEARNER);
  await visit(page, "/account/notifications");
  await expect(page.locator("#pref-assignments")).toBeDisabled();
  await expect(page.locator("#pref-assignments")).toBeChecked();
  await expect(page.locator("#pref-overdue")).toBeChecked();
  await expectAccessible(page);
  await page.getByLabel("Overdue notices").uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.locator("[role=status]")).toHaveText("Your preferences are saved.");
  await visit(page, "/account/notifications");
  await expect(page.locator("#pref-overdue")).not.toBeChecked();
  await expect(page.locator("#pref-dueReminders")).toBeChecked();
  await visit(page, "/account/notifications?lng=ar");
  await expect(page.locator("h1")).toHaveText("تفضيلات البريد الإلكتروني");
  await expectAccessible(page);
  await visit(page, "/account/notifications?lng=en");
  await context.close();
});

test("the administrator reads the email in the outbox", async ({ browser }) => {
  const { context, page } = await as(browser, "admin@demo.test");
  await visit(page, "/admin/outbox");
  await page.getByRole("button", { name: "Send due notifications now" }).click();
  await expect(page.locator("[role=status]")).toContainText("Pass finished");
  const row = page.locator("tbody tr", { hasText: LEARNER }).filter({ hasText: `New course assigned: ${courseTitle}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Sent");
  await expectAccessible(page);
  await row.getByRole("link").click();
  await page.waitForURL(/\/admin\/outbox\?open=/);
  await expect(page.locator("h1")).toHaveText(`New course assigned: ${courseTitle}`);
  await expect(page.locator("pre.mail-text")).toContainText("Hello Amina Haddad,");
  await expect(page.locator("pre.mail-text")).toContainText("/account/notifications");
  const frame = page.locator("iframe.mail-frame");
  await expect(frame).toHaveAttribute("sandbox", "");
  await expect(page.frameLocator("iframe.mail-frame").locator("h1")).toHaveText(`New course assigned: ${courseTitle}`);
  await expectAccessibleAroundEmail(page);
  await visit(page, "/admin/outbox?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  await visit(page, "/admin/outbox?lng=en");
  await context.close();
});

test("the manager sees the delivery status, and another municipality's manager does not", async ({ browser }) => {
  const { context, page } = await as(browser, "manager@demo.test");
  await visit(page, "/manage/riverside/notifications");
  await page.locator("#filter-kind").selectOption("ASSIGNED");
  await page.locator("#filter-status").selectOption("SENT");
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/kind=ASSIGNED/);
  const row = page.locator("tbody tr", { hasText: LEARNER });
  await expect(row.first()).toContainText("Sent");
  await expect(row.first()).toContainText("Course assigned");
  await expectAccessible(page);
  // the person record shows it too
  await visit(page, "/manage/riverside/staff");
  await page.getByRole("link", { name: "Amina Haddad" }).first().click();
  await expect(page.locator("section[aria-labelledby=notifications-heading] tbody tr").first()).toBeVisible();
  await visit(page, "/manage/riverside/notifications?lng=ar");
  await expect(page.locator("h1")).toHaveText("إشعارات البريد الإلكتروني");
  await expectAccessible(page);
  await visit(page, "/manage/riverside/notifications?lng=en");
  await context.close();

  const other = await as(browser, "manager2@demo.test");
  const response = await other.page.goto("/manage/riverside/notifications");
  expect(response?.status()).toBe(404);
  await visit(other.page, "/manage/lakeside/notifications");
  await expect(other.page.locator("body")).not.toContainText(LEARNER);
  await other.context.close();
});

/** Gives up the learner's newest "course assigned" email, as after the last failed SMTP attempt. */
async function failLearnersAssignmentEmail(): Promise<string> {
  const db = await openDb(process.env.E2E_DATABASE_URL ?? "file:./e2e.db");
  try {
    const row = await db.notification.findFirstOrThrow({ where: { email: LEARNER, kind: "ASSIGNED" }, orderBy: { createdAt: "desc" }, select: { id: true } });
    await db.notification.update({ where: { id: row.id }, data: { emailStatus: "FAILED", attempts: 8, lastError: "550 mailbox unavailable" } });
    return row.id;
  } finally {
    await db.$disconnect();
  }
}

/** A signed-in session in a browser context without JavaScript: the forms must work as plain HTML. */
async function withoutJavaScript(browser: Browser, email: string) {
  const signedIn = await as(browser, email);
  const storageState = await signedIn.context.storageState();
  await signedIn.context.close();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  return { context, page: await context.newPage() };
}

test("a manager sends a failed email again, without JavaScript; so does the administrator", async ({ browser }) => {
  await failLearnersAssignmentEmail();
  const { context, page } = await withoutJavaScript(browser, "manager@demo.test");
  await page.goto("/manage/riverside/notifications?status=FAILED");
  const row = page.locator("tbody tr", { hasText: LEARNER });
  await expect(row).toContainText("550 mailbox unavailable");
  await row.getByRole("button", { name: "Send again" }).click();
  await expect(page.locator("[role=status]")).toContainText("queued again");
  await expect(page.locator("tbody tr", { hasText: LEARNER })).toHaveCount(0);
  await page.goto("/manage/riverside/audit");
  await expect(page.locator("tbody tr").first()).toContainText("Email sent again");
  await context.close();

  await failLearnersAssignmentEmail();
  const admin = await withoutJavaScript(browser, "admin@demo.test");
  await admin.page.goto("/admin/outbox");
  const failed = admin.page.locator("section[aria-labelledby=failed-heading] tbody tr", { hasText: LEARNER });
  await expect(failed).toHaveCount(1);
  await failed.getByRole("button", { name: "Send again" }).click();
  await expect(admin.page.locator("[role=status]")).toContainText("queued again");
  await expect(admin.page.locator("section[aria-labelledby=failed-heading]")).toHaveCount(0);
  await admin.context.close();
});
