// Assessment a certificate can stand on (issue 13), in English and Arabic, on the pool fixture course
// (tests/fixtures/courses/pool-course: draw 3 of 8, two attempts, review after-pass; the right
// option of every question is "r"): a learner fails and sees which answers were wrong but no right
// answer, the retake asks other questions, the attempts run out, the manager of the learner's
// municipality grants one more from the person's record, and the learner passes.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { ensureMembership, ensureUser } from "../../app/demo/demo-data.server";
import { DEMO_PASSWORD, expectAccessible, signIn, signOut, uniqueEmail, visit } from "./helpers";

const QUIZ = "/courses/pool-course/pool/quiz";
const learning = (locale: string) => JSON.parse(readFileSync(`locales/${locale}/learning.json`, "utf8"));

/** A new member of Riverside (the demo municipality) in this language. */
async function newLearner(locale: string) {
  const db = await openDb(process.env.E2E_DATABASE_URL ?? "file:./e2e.db");
  try {
    const email = uniqueEmail(`pool-${locale}`);
    const user = await ensureUser(db, { email, name: locale === "ar" ? "سلمى ناصر" : "Sam Porter", locale, password: DEMO_PASSWORD });
    const riverside = await db.organization.findUniqueOrThrow({ where: { slug: "riverside" }, select: { id: true } });
    await ensureMembership(db, { userId: user.id, organizationId: riverside.id, role: "LEARNER" });
    return { email, id: user.id };
  } finally {
    await db.$disconnect();
  }
}

/** Answers the three questions of the attempt on screen ("r" is right, "w1" wrong); returns their keys. */
async function answerAll(page: Page, right: boolean) {
  const keys: string[] = [];
  for (let i = 0; i < 3; i++) {
    await expect(page.getByTestId("question-position")).toHaveAttribute("data-index", String(i));
    const name = (await page.locator("fieldset input").first().getAttribute("name"))!;
    keys.push(name.slice(2));
    await page.locator(`fieldset input[value="${right ? "r" : "w1"}"]`).check();
    await page.getByTestId("check-answer").click();
    await expect(page.getByTestId("feedback")).toHaveClass(right ? /feedback--right/ : /feedback--wrong/);
    // after-pass: the feedback on a wrong answer never names the right one
    await expect(page.getByTestId("feedback-right-answer")).toHaveCount(0);
    await page.getByTestId("next-question").click();
  }
  await page.getByTestId("submit-quiz").click();
  return keys;
}

for (const locale of ["en", "ar"]) {
  test(`assessment in ${locale}: fail without the answers, retake other questions, run out, a manager grants one more, pass`, async ({ page }) => {
    test.setTimeout(150_000);
    const texts = learning(locale);
    const learner = await newLearner(locale);
    await signIn(page, learner.email);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    await visit(page, "/courses/pool-course");
    await page.getByTestId("enrol").click();
    await page.waitForURL(/\/courses\/pool-course\/pool\/basics/);
    await visit(page, QUIZ);

    // first attempt, all wrong: the score and which answers were wrong, no right answer, no explanation
    await page.getByTestId("start-quiz").click();
    const first = await answerAll(page, false);
    await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "false");
    await expect(page.getByTestId("answers-hidden")).toHaveText(texts.quiz.answersHidden["after-pass"]);
    await expect(page.getByTestId("right-answer")).toHaveCount(0);
    await expect(page.locator(".badge--bad")).toHaveCount(3);
    await expect(page.getByText(`${texts.quiz.why}:`)).toHaveCount(0);
    await expectAccessible(page);

    // the retake draws three questions this person has not seen
    await page.getByTestId("retake").click();
    const second = await answerAll(page, false);
    expect(second.filter((k) => first.includes(k))).toEqual([]);
    await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "false");
    // no attempt left: no retake, and the server refuses a start sent anyway
    await expect(page.getByTestId("retake")).toHaveCount(0);
    await expect(page.getByText(texts.quiz.noAttemptsLeft)).toBeVisible();
    const forced = await page.request.post(`${QUIZ}.data`, { form: { intent: "start" }, headers: { Origin: new URL(page.url()).origin } });
    expect(forced.status()).toBe(409);
    await signOut(page);

    // the manager of Riverside gives one more attempt from the person's record, with a reason
    await signIn(page, "manager@demo.test");
    await visit(page, `/manage/riverside/staff/${learner.id}`);
    const form = page.getByTestId("quiz-override");
    await form.locator("summary").click();
    await form.locator("input[name=overrideAction][value=extra]").check();
    await form.locator("textarea[name=reason]").fill("Asked for help after two attempts; went through the lesson together");
    await expectAccessible(page);
    await form.locator("button[type=submit]").click();
    await expect(page.locator(".alert--success")).toBeVisible();
    await expect(page.locator("table caption", { hasText: /Decisions so far/ })).toBeVisible();
    await signOut(page);

    // the learner is told, takes the extra attempt and passes; now the answers are shown
    await signIn(page, learner.email);
    await visit(page, "/notifications");
    await expect(page.locator("main")).toContainText(locale === "ar" ? "فرصة أخرى" : "You can take the quiz again");
    await visit(page, QUIZ);
    // the page still shows the last (failed) result, now with an attempt to take
    await page.getByTestId("retake").click();
    const third = await answerAll(page, true);
    expect(third.filter((k) => [...first, ...second].includes(k))).toHaveLength(1); // 2 unseen left in the pool of 8
    await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "true");
    await expect(page.getByText(`${texts.quiz.why}:`).first()).toBeVisible();
    await expect(page.getByTestId("answers-hidden")).toHaveCount(0);
  });
}

test("a manager of another municipality cannot give an attempt (404), nor can the learner", async ({ page, baseURL }) => {
  const learner = await newLearner("en");
  const form = { intent: "quizOverride", courseId: "x", quizKey: "pool-quiz", overrideAction: "extra", extraAttempts: "1", reason: "no right to do this" };
  await signIn(page, "manager2@demo.test");
  let response = await page.request.post(`/manage/lakeside/staff/${learner.id}`, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(response.status()).toBe(404);
  response = await page.request.post(`/manage/riverside/staff/${learner.id}`, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(response.status()).toBe(404);
  await signOut(page);
  await signIn(page, learner.email);
  response = await page.request.post(`/manage/riverside/staff/${learner.id}`, { form, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(response.status()).toBe(404);
  response = await page.request.post("/author/courses/pool-course", { form: { ...form, email: learner.email }, headers: { Origin: baseURL! }, maxRedirects: 0 });
  expect(response.status()).toBe(404);
});
