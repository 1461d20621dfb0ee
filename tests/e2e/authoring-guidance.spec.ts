// The editor guides its authors (issue 18): problems in the author's language that link to the field
// (no compiler messages, no file paths), required fields marked and checked by the browser first,
// translation fields labelled with question numbers and the source's first words, the save result
// at the top of the page with the focus, and a published course's editor that offers a new draft
// instead of a 404. English and Arabic.
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { expectAccessible, signIn, visit } from "./helpers";

const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e.db";

async function createCourse(page: Page, slug: string) {
  await visit(page, "/author/new?lng=en");
  await page.locator("#field-title").fill("Guided course");
  await page.locator("#field-slug").fill(slug);
  await page.locator("#field-sourceLocale").selectOption("en");
  await page.locator("#field-summary").fill("A course to see what the editor says.");
  await page.locator("#field-durationMinutes").fill("15");
  await page.getByRole("button", { name: "Create the course" }).click();
  await page.waitForURL(`/author/courses/${slug}/edit`);
  await page.locator("html[data-hydrated]").waitFor();
  await page.locator("#field-addModule-title").fill("Basics");
  await page.getByRole("button", { name: "Add the module" }).click();
  await expect(page.getByTestId("save-status")).toBeVisible();
  await page.locator("#field-addLesson-basics-title").fill("Welcome");
  await page.getByRole("button", { name: "Add the lesson" }).click();
  await expect(page.getByRole("link", { name: "Welcome", exact: true })).toBeVisible();
}

/** What a person sees (closed <details> left out), for "no developer message" checks. */
async function visibleText(page: Page) {
  return page.locator("main").evaluate((main) => (main as HTMLElement).innerText);
}

/** An author's new course with one module, on the page of its first, still empty question. */
async function newCourseWithEmptyQuestion(page: Page, slug: string) {
  await signIn(page, "author@demo.test");
  await createCourse(page, slug);
  await visit(page, `/author/courses/${slug}/modules/basics?lng=en`);
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.waitForURL(/\/questions\/basics\/q-1/);
  await page.locator("html[data-hydrated]").waitFor();
}

test("problems are plain sentences in the author's language that lead to the field, in English and Arabic", async ({ page }) => {
  test.setTimeout(180_000);
  const slug = `guided-${Date.now().toString(36)}`;
  await newCourseWithEmptyQuestion(page, slug);

  // the question page: the compiler said "questions.0.options: Array must contain at least 2 element(s)"
  const problem = page.getByRole("link", { name: "Question 1 of “Basics” needs at least two options." });
  await expect(problem).toBeVisible();
  await expect(problem).toHaveAttribute("href", `/author/courses/${slug}/questions/basics/q-1#field-options`);
  const text = await visibleText(page);
  for (const developer of ["Array must contain", "questions.0", "quiz.yaml", "npm run", "courses:check"]) expect(text).not.toContain(developer);
  // the file and line are one click away for those who use the course files
  await page.locator(".author-detail summary").first().click();
  await expect(page.locator(".author-detail code").first()).toContainText("quiz.yaml");
  // the options group names its problem
  const problemId = await page.locator(".author-errors li").first().getAttribute("id");
  await expect(page.locator("#field-options")).toHaveAttribute("aria-describedby", new RegExp(problemId!));
  await expectAccessible(page);

  // the lesson without text: the course page's list links to the lesson's text field, which names the problem
  await visit(page, `/author/courses/${slug}/edit`);
  const lessonProblem = page.getByRole("link", { name: "The lesson “Welcome” has no text yet." });
  await expect(lessonProblem).toHaveAttribute("href", `/author/courses/${slug}/lessons/basics/welcome#field-markdown`);
  await lessonProblem.click();
  await page.waitForURL(/\/lessons\/basics\/welcome/);
  await expect(page.locator("#field-markdown")).toHaveAttribute("aria-describedby", /problem-\d+-at/);
  await expect(page.locator("#field-markdown")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator(".field-error", { hasText: "The lesson “Welcome” has no text yet." })).toBeVisible();

  // the course page's list before submitting: no command line
  await visit(page, `/author/courses/${slug}`);
  expect(await visibleText(page)).not.toContain("npm run");

  // Arabic
  await visit(page, `/author/courses/${slug}/questions/basics/q-1?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("link", { name: "يحتاج السؤال 1 من «Basics» إلى خيارين على الأقل." })).toBeVisible();
  expect(await visibleText(page)).not.toContain("Array must contain");
  await expectAccessible(page);
  await visit(page, "/author?lng=en");
});

test("required fields are marked, and the browser checks them before anything is sent (English and Arabic)", async ({ page }) => {
  test.setTimeout(180_000);
  const slug = `required-${Date.now().toString(36)}`;
  await newCourseWithEmptyQuestion(page, slug);

  // per-option feedback: required, said in the label and on the control
  await expect(page.locator("label[for=field-o0_feedback]")).toContainText("(required)");
  await expect(page.locator("#field-o0_feedback")).toHaveAttribute("required", "");
  await expect(page.locator("#field-text")).toHaveAttribute("required", "");
  // a spare row is not required until it is used
  await expect(page.locator("#field-o2_feedback")).not.toHaveAttribute("required", "");
  await page.locator("#field-o2_text").fill("A third option");
  await expect(page.locator("#field-o2_feedback")).toHaveAttribute("required", "");
  await expect(page.locator("label[for=field-o2_feedback]")).toContainText("(required)");

  // the browser refuses the empty form: nothing is posted, the first empty field is flagged
  let posted = false;
  page.on("request", (r) => {
    if (r.method() === "POST") posted = true;
  });
  await page.getByRole("button", { name: "Save" }).click();
  expect(await page.locator("#field-text").evaluate((el) => (el as HTMLTextAreaElement).validity.valueMissing)).toBe(true);
  await expect(page.locator("#field-text")).toBeFocused();
  expect(posted).toBe(false);

  await visit(page, `/author/courses/${slug}/questions/basics/q-1?lng=ar`);
  await expect(page.locator("label[for=field-o0_feedback]")).toContainText("(مطلوب)");
  await expect(page.locator("#field-o0_feedback")).toHaveAttribute("required", "");
  await expectAccessible(page);
  await visit(page, "/author?lng=en");
});

test("the translation page names questions by number and source words, and the save result is at the top with the focus", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const slug = `labels-${Date.now().toString(36)}`;
  await newCourseWithEmptyQuestion(page, slug);
  await page.locator("#field-text").fill("Who holds the right to adequate housing in the city?");
  await page.locator("#field-o0_text").fill("Everyone living there");
  await page.locator("#field-o0_feedback").fill("Yes: human rights are universal.");
  await page.locator("#field-o1_text").fill("Only citizens");
  await page.locator("#field-o1_feedback").fill("No: rights do not depend on nationality.");
  await page.locator("input[name=correct][value='0']").check();
  await page.locator("#field-explanation").fill("Human rights belong to every person.");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("save-status")).toHaveText("Saved.");
  await expect(page.getByTestId("save-status")).toBeFocused();

  await visit(page, `/author/courses/${slug}/translate?to=fr&lng=en`);
  const labels = page.locator(".author-pair__source p.muted");
  await expect(labels.filter({ hasText: "Question 1 – “Who holds the right to adequate…”" })).toHaveCount(1);
  await expect(labels.filter({ hasText: "Question 1, option 2 – “Only citizens”" })).toHaveCount(1);
  await expect(labels.filter({ hasText: "Question 1, feedback for option 1 – “Everyone living there”" })).toHaveCount(1);
  await expect(labels.filter({ hasText: "Lesson 1: title – “Welcome”" })).toHaveCount(1);
  for (const label of await labels.allInnerTexts()) expect(label).not.toMatch(/\bq-1\b|option-\d/);
  await expect(page.getByLabel(/^Question 1, option 2 – “Only citizens” in /)).toBeVisible();

  // the save button is at the bottom of a long page; the result is at the top, focused and in view
  await page.locator("[name='t.course.title']").fill("Cours guidé");
  await page.locator(".author-sticky button").click();
  const status = page.getByTestId("save-status");
  await expect(status).toHaveText("Saved.");
  await expect(status).toBeFocused();
  await expect(status).toBeInViewport();
  // polled: the form is re-created with the new revision after the save (a detached one measures 0)
  const top = (selector: string) => page.locator(selector).evaluate((el) => (el.isConnected ? el.getBoundingClientRect().top + window.scrollY : Number.NaN));
  await expect.poll(async () => (await top("form:has([name='t.course.title'])")) - (await top("[data-testid=save-status]"))).toBeGreaterThan(0);

  // in Arabic, the same labels
  await visit(page, `/author/courses/${slug}/translate?to=fr&lng=ar`);
  await expect(page.locator(".author-pair__source p.muted").filter({ hasText: "السؤال 1، الخيار 2 – «Only citizens»" })).toHaveCount(1);
  await expectAccessible(page);

  // without JavaScript: the page comes back with the result at the top, focused by autofocus
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto(`/author/courses/${slug}/translate?to=fr&lng=en`);
  await plain.locator("[name='t.course.summary']").fill("Un cours pour voir ce que dit l’éditeur.");
  await plain.locator(".author-sticky button").click();
  const plainStatus = plain.getByTestId("save-status");
  await expect(plainStatus).toHaveText("Saved.");
  await expect(plainStatus).toHaveAttribute("autofocus", "");
  await expect(plainStatus).toBeInViewport();
  await context.close();
  await visit(page, "/author?lng=en");
});

test("a published course's editor shows the published version and starts a new draft (English and Arabic)", async ({ page }) => {
  test.setTimeout(180_000);
  const slug = `published-${Date.now().toString(36)}`;
  await signIn(page, "author@demo.test");
  await createCourse(page, slug);
  // published directly in the database: the review journey itself is authoring.spec.ts's
  const db = await openDb(databaseUrl);
  try {
    await db.courseVersion.updateMany({ where: { course: { slug }, status: "DRAFT" }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  } finally {
    await db.$disconnect();
  }
  for (const path of ["edit", "translate?to=fr"]) {
    const response = await page.goto(`/author/courses/${slug}/${path}${path.includes("?") ? "&" : "?"}lng=en`);
    expect(response?.status(), path).toBe(200);
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.getByTestId("published-state")).toContainText("This version is published and cannot be changed.");
    await expect(page.getByRole("button", { name: "Start a new draft version" })).toBeVisible();
  }
  await expect(page.getByText("Basics")).toBeVisible();
  await expectAccessible(page);
  await visit(page, `/author/courses/${slug}/edit?lng=ar`);
  await expect(page.getByRole("button", { name: "بدء إصدار جديد كمسودة" })).toBeVisible();
  await expectAccessible(page);

  // from the translation page, the new draft opens the translation page
  await visit(page, `/author/courses/${slug}/translate?to=fr&lng=en`);
  await page.getByRole("button", { name: "Start a new draft version" }).click();
  await page.waitForURL(`/author/courses/${slug}/translate`);
  await page.locator("html[data-hydrated]").waitFor();
  await expect(page.getByTestId("published-state")).toHaveCount(0);
  await expect(page.locator("[name='t.course.title']")).toBeVisible();
  await visit(page, `/author/courses/${slug}/edit`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Version 2");
});
