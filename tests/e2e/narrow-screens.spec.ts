// A phone (390 px wide), in English and Arabic: the manager pages that hold wide tables do not make the
// whole page scroll sideways, their scroll boxes are reachable by keyboard (axe), the signed-in menu is
// one line until opened, and the dashboard's months carry the full year. Uses the second demo
// municipality (Lakeside), whose figures no other spec counts.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, signIn, uniqueEmail, visit } from "./helpers";
import { registerAccount } from "./mail";

test.use({ viewport: { width: 390, height: 844 } });

async function expectNoSidewaysScroll(page: Page) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `page is ${scrollWidth}px wide at ${innerWidth}px: ${page.url()}`).toBeLessThanOrEqual(innerWidth);
}

test("manager pages fit a phone, tables scroll inside keyboard-reachable regions (en, ar)", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "manager2@demo.test");

  // Something in the two wide tables: an open invitation with a long address, a current assignment.
  await visit(page, "/manage/lakeside/invite");
  await page.locator("#invite-list").fill(uniqueEmail("a-rather-long-address-for-a-narrow-screen"));
  await page.locator("form:has(#invite-list) button[type=submit]").click();
  await page.locator("form:has(input[name=intent][value=confirm]) button[type=submit]").click();
  await expect(page.locator("#links-heading")).toBeVisible();
  await visit(page, "/manage/lakeside/assignments");
  await page.locator("#field-courseId").selectOption({ index: 1 });
  await page.locator("#field-departmentId").selectOption({ index: 1 });
  await page.locator("#field-dueDate").fill(`${new Date().getUTCFullYear() + 1}-03-01`);
  await page.locator("form:has(#field-courseId) button[type=submit]").click();
  await expect(page.locator("#list-heading")).toBeVisible();
  await expect(page.locator("section:has(#list-heading) table tbody tr")).not.toHaveCount(0);

  for (const lng of ["en", "ar"]) {
    for (const path of ["/manage/lakeside/invite", "/manage/lakeside/assignments", "/manage/lakeside", "/manage/lakeside/audit", "/manage/lakeside/notifications"]) {
      await visit(page, `${path}${path.includes("?") ? "&" : "?"}lng=${lng}`);
      await expectNoSidewaysScroll(page);
      await expectAccessible(page);
    }
  }

  // Dashboard months: "Dec 2026", never "Dec 26" (read as the 26th).
  await visit(page, "/manage/lakeside?lng=en");
  const monthHeaders = page.locator("section:has(#timeline-heading) table thead th");
  await expect(monthHeaders.first()).toHaveText(/\b\d{4}\b/);
  // the headline counts assigned courses and, beside it, every completion, assigned or voluntary
  await expect(page.locator(".stat__label", { hasText: "of assigned courses completed" })).toBeVisible();
  await expect(page.locator(".stat__label", { hasText: "assigned or voluntary" })).toBeVisible();
});

test("the signed-in menu folds into one line on a phone and opens without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.locator("#field-email").fill("manager@demo.test");
  await page.locator("#field-password").fill("demo-password-2026");
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
  const header = await page.locator("header.site-header").boundingBox();
  expect(header!.height).toBeLessThan(150);
  const myLearning = page.locator("nav.site-nav a[href='/learning']");
  await expect(myLearning).toBeHidden();
  await page.locator("nav.site-nav summary").click();
  await expect(myLearning).toBeVisible();
  await myLearning.click();
  await page.waitForURL("**/learning");
  await context.close();
});

test("on a wide screen the menu is the plain list of links", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await signIn(page, "learner@demo.test");
  await expect(page.locator("nav.site-nav summary")).toBeHidden();
  await expect(page.locator("nav.site-nav a[href='/learning']")).toBeVisible();
  await context.close();
});

test("the catalogue and a lesson describe themselves to search engines and link previews", async ({ page }) => {
  await visit(page, "/courses?lng=fr");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /droits humains/);
  // a new learner (the demo learner's enrolments are other specs' business)
  await registerAccount(page, { name: "Nadia Karimi", email: uniqueEmail("describe"), password: "learning every single day", locale: "en" });
  await visit(page, "/courses/short-course?lng=en");
  await page.getByTestId("enrol").click();
  await page.waitForURL(/\/courses\/short-course\/[^/]+\/[^/]+/);
  const description = await page.locator('meta[name="description"]').getAttribute("content");
  expect(description?.length ?? 0).toBeGreaterThan(40);
  expect(description).not.toMatch(/[<>]/);
});
