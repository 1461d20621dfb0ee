import { expect, test, type Page, type Request as PlaywrightRequest } from "@playwright/test";
import { expectAccessible, uniqueEmail, visit } from "./helpers";
import { registerAccount } from "./mail";
import { answerCurrent, answerKey } from "./quiz-helpers";

const SHORT = "tests/fixtures/courses/short-course/modules/essentials";
const key = answerKey(SHORT);

async function registerLearner(page: Page, locale: string) {
  await registerAccount(page, { name: locale === "ar" ? "ليلى حسن" : "Maria Lopez", email: uniqueEmail(`learner-${locale}`), password: "learning every single day", locale });
}

for (const locale of ["en", "ar"]) {
  test(`learner journey in ${locale}: enrol, read, fail, retake, resume, pass, complete`, async ({ page }) => {
    test.setTimeout(300_000); // a long journey with six axe checks: minutes on a busy CI machine
    await registerLearner(page, locale);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);

    // catalogue
    await visit(page, "/courses");
    await expect(page.locator("a[href='/courses/short-course']")).toBeVisible();
    await expectAccessible(page);

    // course page → enrol → first lesson
    await visit(page, "/courses/short-course");
    await page.getByTestId("enrol").click();
    await page.waitForURL(/\/courses\/short-course\/essentials\/rights-holders/);
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.locator(".block--key-points")).toBeVisible();
    if (locale === "ar") await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);
    await page.getByTestId("complete-lesson").click();
    await page.waitForURL(/duty-bearers/);
    await page.locator("html[data-hydrated]").waitFor();
    await page.getByTestId("complete-lesson").click();
    await page.waitForURL(/essentials\/quiz/);
    await page.locator("html[data-hydrated]").waitFor();

    // first attempt: everything wrong → failed
    await expectAccessible(page);
    // "start" and "answer" reply with all they change: the browser reloads no loader after them,
    // neither the quiz's nor the layout's (learning/quiz-view.ts, quizStepKeepsPageData)
    const reloads: string[] = [];
    const onRequest = (r: PlaywrightRequest) => {
      if (r.method() === "GET" && /\.data(\?|$)/.test(r.url())) reloads.push(r.url());
    };
    page.on("request", onRequest);
    await page.getByTestId("start-quiz").click();
    for (let i = 0; i < 4; i++) {
      await answerCurrent(page, key, false);
      await expect(page.getByTestId("feedback")).toHaveClass(/feedback--wrong/);
      await page.getByTestId("next-question").click();
    }
    page.off("request", onRequest);
    expect(reloads).toEqual([]);
    await expectAccessible(page);
    await page.getByTestId("submit-quiz").click();
    await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "false");
    // review after-pass (the default): which answers were wrong, never the right ones
    await expect(page.getByTestId("answers-hidden")).toBeVisible();
    await expect(page.getByTestId("right-answer")).toHaveCount(0);
    await expectAccessible(page);

    // retake: two right answers, then reload mid-quiz → resumes at question 3
    await page.getByTestId("retake").click();
    await answerCurrent(page, key, true);
    await page.getByTestId("next-question").click();
    await answerCurrent(page, key, true);
    await page.getByTestId("next-question").click();
    await expect(page.getByTestId("question-position")).toHaveAttribute("data-index", "2");
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.getByTestId("question-position")).toHaveAttribute("data-index", "2");
    for (let i = 0; i < 2; i++) {
      await answerCurrent(page, key, true);
      await expect(page.getByTestId("feedback")).toHaveClass(/feedback--right/);
      await page.getByTestId("next-question").click();
    }
    // a double click on submit stores one attempt
    await page.getByTestId("submit-quiz").dblclick();
    await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "true");
    await expect(page.getByTestId("history").locator("li")).toHaveCount(2);
    await page.reload();
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "true");
    await expect(page.getByTestId("history").locator("li")).toHaveCount(2);

    // the course is complete at 100 %
    await visit(page, "/courses/short-course");
    await expect(page.getByTestId("percent")).toHaveText("100 %");
    await expect(page.locator(".alert--success").first()).toBeVisible();
    await visit(page, "/learning");
    await expectAccessible(page);
  });
}

test("a lesson missing in the reader's language falls back with a notice", async ({ page }) => {
  await registerLearner(page, "fr");
  await visit(page, "/courses/short-course");
  await page.getByTestId("enrol").click();
  await page.waitForURL(/rights-holders/);
  await expect(page.locator(".alert--notice")).toBeVisible();
  await expect(page.locator("article [lang=en]")).toBeVisible();
});

test("forged and out-of-bounds quiz submissions change nothing", async ({ page, baseURL }) => {
  await registerLearner(page, "en");
  await visit(page, "/courses/short-course");
  await page.getByTestId("enrol").click();
  await page.waitForURL(/rights-holders/);
  const url = `/courses/short-course/essentials/quiz`;
  const post = (form: Record<string, string>) =>
    page.request.post(`${url}.data`, { form, headers: { Origin: baseURL! } });
  // unknown attempt id
  let response = await post({ intent: "answer", attemptId: "forged-attempt-id", questionKey: "duties", answer: '["respect"]' });
  expect(response.status()).toBe(404);
  // start a real attempt, then send an unknown question, an unknown option, garbage
  await visit(page, url);
  await page.getByTestId("start-quiz").click();
  await expect(page.getByTestId("question-position")).toBeVisible();
  const attemptId = (await page.locator("[data-attempt-id]").getAttribute("data-attempt-id")) ?? "";
  expect(attemptId).not.toBe("");
  response = await post({ intent: "answer", attemptId, questionKey: "no-such-question", answer: '["a"]' });
  expect(response.status()).toBe(400);
  response = await post({ intent: "answer", attemptId, questionKey: "who-holds-rights", answer: '["martians"]' });
  expect(response.status()).toBe(400);
  response = await post({ intent: "answer", attemptId, questionKey: "who-holds-rights", answer: "not json" });
  expect(response.status()).toBe(400);
  // a "score" in the submission is ignored: nothing was answered, so the attempt fails
  response = await post({ intent: "submit", attemptId, idempotencyKey: "forged-key-12345", score: "100", passed: "true" });
  expect(response.status()).toBe(200);
  await visit(page, url);
  await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "false");
  // a finished attempt takes no more answers
  response = await post({ intent: "answer", attemptId, questionKey: "who-holds-rights", answer: '["everyone"]' });
  expect(response.status()).toBe(400);
});
