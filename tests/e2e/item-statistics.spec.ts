// Item statistics (issue 13): after learners took a quiz in English and in Arabic, an author of the
// academy sees the version's statistics page (English and Arabic, axe-checked) and its CSV; an
// author of another academy gets 404 (the other roles are in access-control.spec.ts).
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { hashPassword } from "../../app/auth/hash.server";
import { newId } from "../../app/ids";
import { DEMO_PASSWORD, expectAccessible, signIn, signOut, uniqueEmail, visit } from "./helpers";
import { answerCurrent, answerKey } from "./quiz-helpers";
import { registerAccount } from "./mail";

const key = answerKey("tests/fixtures/courses/short-course/modules/essentials");

async function takeQuiz(page: Page, locale: "en" | "ar") {
  await registerAccount(page, { name: locale === "ar" ? "سلمى يوسف" : "Ana Ortiz", email: uniqueEmail(`stats-${locale}`), password: "learning every single day", locale });
  await visit(page, "/courses/short-course");
  await page.getByTestId("enrol").click();
  await page.waitForURL(/\/courses\/short-course\/essentials\//);
  await visit(page, "/courses/short-course/essentials/quiz");
  await page.getByTestId("start-quiz").click();
  // the English learner answers everything right, the Arabic one everything wrong
  for (let i = 0; i < key.size; i++) {
    await answerCurrent(page, key, locale === "en");
    await page.getByTestId("next-question").click();
  }
  await page.getByTestId("submit-quiz").click();
  await expect(page.getByTestId("result")).toHaveAttribute("data-passed", locale === "en" ? "true" : "false");
  await signOut(page);
}

test("an author sees the item statistics of a version after learners took its quiz, in English and Arabic", async ({ page }) => {
  test.setTimeout(180_000);
  await takeQuiz(page, "en");
  await takeQuiz(page, "ar");

  await signIn(page, "author@demo.test");
  await visit(page, "/author/courses/short-course?lng=en");
  // the newest version learners can take is the first row with a statistics link
  await page.locator("table a[href$='/statistics']").first().click();
  await page.waitForURL(/\/author\/courses\/short-course\/versions\/\d+\/statistics$/);
  await page.locator("html[data-hydrated]").waitFor();
  await expect(page.locator("h1")).toContainText("Item statistics");
  const summary = page.locator("table").first();
  await expect(summary.locator("caption")).toHaveText("Every question of the quiz, all languages together");
  await expect(summary.locator("tbody tr")).toHaveCount(key.size);
  // the single-choice question's details: a row for English and one for Arabic, option shares
  const single = page.locator("#q-who-holds-rights");
  await expect(single.getByRole("rowheader", { name: "English" })).toBeVisible();
  await expect(single.getByRole("rowheader", { name: "العربية" })).toBeVisible();
  await expect(single.getByText("right answer")).toBeVisible();
  // the ordering question reports the share right only
  await expect(page.locator("#q-steps")).toContainText("only the share of fully right answers");
  await page.locator("details.stats-explain summary").click();
  await expect(page.locator("details.stats-explain dd").first()).toBeVisible();
  await expectAccessible(page);

  // the CSV: a header in the author's language, and rows for the languages of the attempts
  const url = page.url();
  const csv = await page.request.get(`${url}.csv`);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const text = await csv.text();
  expect(text.startsWith("\uFEFFModule,Quiz,Question key")).toBe(true);
  expect(text).toMatch(/,who-holds-rights,[^\n]*,single,ar,/);
  expect(text).toMatch(/,who-holds-rights,[^\n]*,single,en,/);

  // the same page in Arabic: right to left, translated, accessible
  await visit(page, `${new URL(url).pathname}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.locator("h1")).toContainText("إحصاءات الأسئلة");
  await expect(page.locator("#q-who-holds-rights").getByRole("rowheader", { name: "العربية" })).toBeVisible();
  await page.locator("details.stats-explain summary").click();
  await expectAccessible(page);
});

test("an author of another academy gets 404", async ({ page }) => {
  // a second academy with its own author, straight in the throwaway database
  const db = await openDb(process.env.E2E_DATABASE_URL ?? "file:./e2e.db");
  const email = uniqueEmail("other-author");
  try {
    const academyId = newId();
    const userId = newId();
    await db.organization.create({ data: { id: academyId, slug: `other-academy-${Date.now()}`, name: "Other Academy", kind: "ACADEMY" } });
    await db.user.create({ data: { id: userId, email, name: "Other Author", passwordHash: await hashPassword(DEMO_PASSWORD) } });
    await db.membership.create({ data: { id: newId(), userId, organizationId: academyId, role: "AUTHOR" } });
  } finally {
    await db.$disconnect();
  }
  await signIn(page, email);
  for (const path of ["/author/courses/short-course/versions/1/statistics", "/author/courses/short-course/versions/1/statistics.csv"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
});
