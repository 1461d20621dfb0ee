// Authoring in the browser (issue 7): the acceptance journey — an author writes a small course in
// English and French, a second author of the academy publishes it, the demo learner takes it in
// French — plus isolation (404), the draft conflict message, XSS payloads that stay inert for
// learners, and an accessibility pass over the editor in Arabic.
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { newId } from "../../app/ids";
import { DEMO_PASSWORD, expectAccessible, signIn, signOut, uniqueEmail, visit } from "./helpers";
import { registerAccount } from "./mail";
import { answerCurrent } from "./quiz-helpers";

const XSS_MARKDOWN = [
  "Bienvenue dans ce cours sur le logement.",
  "<script>window.__xss = 'script'</script>",
  '<img src="x" onerror="window.__xss = \'img\'">',
  "[Cliquez ici](javascript:window.__xss='link')",
  '<a href="javascript:window.__xss=\'raw\'" onclick="window.__xss=\'click\'">brut</a>',
  "",
  "::: key-points",
  "Le logement est un droit humain.",
  ":::",
].join("\n\n");

const slug = `housing-${Date.now().toString(36)}`;

/** Fills every field of a form whose name starts with `prefix`, except those given. */
async function fillAll(page: Page, selector: string, value: (name: string, i: number) => string) {
  const fields = page.locator(selector);
  const count = await fields.count();
  for (let i = 0; i < count; i++) {
    const field = fields.nth(i);
    await field.fill(value((await field.getAttribute("name"))!, i));
  }
}

async function saved(page: Page) {
  await expect(page.locator(".alert--success[role=status]")).toBeVisible();
}

async function createCourse(page: Page, courseSlug: string, title: string) {
  await visit(page, "/author");
  await page.getByRole("link", { name: "New course" }).click();
  await page.waitForURL("/author/new");
  await page.locator("#field-title").fill(title);
  await page.locator("#field-slug").fill(courseSlug);
  await page.locator("#field-sourceLocale").selectOption("en");
  await page.locator("#field-summary").fill("How a city keeps everyone housed, with rights in mind.");
  await page.locator("#field-durationMinutes").fill("15");
  await page.getByRole("button", { name: "Create the course" }).click();
  await page.waitForURL(`/author/courses/${courseSlug}/edit`);
  await page.locator("html[data-hydrated]").waitFor();
}

async function addQuestion(page: Page, type: string, fill: () => Promise<void>) {
  await page.locator("#field-addQuestion-type").selectOption(type);
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.waitForURL(/\/questions\//);
  await page.locator("html[data-hydrated]").waitFor();
  await fill();
  await page.getByRole("button", { name: "Save" }).click();
  await saved(page);
  await page.getByRole("link", { name: "Back to the quiz" }).click();
  await page.waitForURL(/\/modules\/basics/);
  await page.locator("html[data-hydrated]").waitFor();
}

test("an author writes a course in English and French, a reviewer publishes it, the learner completes it in French", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await signIn(page, "author@demo.test");
  await expect(page.getByRole("link", { name: "Authoring" })).toBeVisible();
  await createCourse(page, slug, "Housing rights in practice");
  await expect(page.locator(".alert--error").first()).toBeVisible(); // no module yet: the checks say so

  // one module, one lesson
  await page.locator("#field-addModule-title").fill("Basics");
  await page.getByRole("button", { name: "Add the module" }).click();
  await saved(page);
  await page.locator("#field-addLesson-basics-title").fill("Welcome");
  await page.getByRole("button", { name: "Add the lesson" }).click();
  await saved(page);
  await page.getByRole("link", { name: "Welcome", exact: true }).click();
  await page.waitForURL(`/author/courses/${slug}/lessons/basics/welcome`);
  await page.locator("html[data-hydrated]").waitFor();
  await page.locator("#field-markdown").fill("Welcome to this course on housing.\n\n::: key-points\nHousing is a human right.\n:::\n");
  // live preview, rendered by the server as learners see it
  await expect(page.getByTestId("lesson-preview").locator(".block--key-points")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await saved(page);

  // the quiz: title, then three questions of three types
  await visit(page, `/author/courses/${slug}/modules/basics`);
  await page.locator("#field-quizTitle").fill("Check your understanding");
  await page.locator("#field-passMark").fill("60");
  await page.getByRole("button", { name: "Save" }).click();
  await saved(page);
  await addQuestion(page, "single", async () => {
    await page.locator("#field-text").fill("Who holds the right to housing?");
    await page.locator("#field-o0_text").fill("Everyone");
    await page.locator("#field-o0_feedback").fill("Yes: human rights are universal.");
    await page.locator("#field-o1_text").fill("Only citizens");
    await page.locator("#field-o1_feedback").fill("No: rights do not depend on nationality.");
    await page.locator("input[name=correct][value='0']").check();
    await page.locator("#field-explanation").fill("Human rights belong to every person.");
  });
  await addQuestion(page, "true-false", async () => {
    await page.locator("#field-text").fill("A city is a duty-bearer.");
    await page.locator("input[name=correct][value='true']").check();
    await page.locator("#field-o_true_feedback").fill("Right: local governments carry obligations.");
    await page.locator("#field-o_false_feedback").fill("Not so: local governments carry obligations.");
    await page.locator("#field-explanation").fill("Every level of government is bound.");
  });
  await addQuestion(page, "multiple", async () => {
    await page.locator("#field-text").fill("Which are parts of adequate housing?");
    await page.locator("#field-o0_text").fill("Security of tenure");
    await page.locator("#field-o0_feedback").fill("Yes.");
    await page.locator("#field-o1_text").fill("Affordability");
    await page.locator("#field-o1_feedback").fill("Yes.");
    await page.locator("#field-o2_text").fill("A garden");
    await page.locator("#field-o2_feedback").fill("No.");
    await page.locator("#field-explanation").fill("Tenure and affordability are two of the seven elements.");
    // a refused save keeps what was typed: no right answer chosen yet
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator(".alert--error[role=alert]")).toBeVisible();
    await expect(page.locator("#field-o2_text")).toHaveValue("A garden");
    await page.locator("input[name=correct][value='0']").check();
    await page.locator("input[name=correct][value='1']").check();
  });
  await expect(page.locator(".author-list li")).toHaveCount(3);

  // French, side by side with the English source; payloads that must stay inert for learners
  await visit(page, `/author/courses/${slug}/translate?to=fr`);
  await fillAll(page, "form [name^='t.']", (name, i) => {
    if (name === "t.course.title") return "Le droit au logement en pratique";
    if (name === "t.course.summary") return "Comment une ville loge chacun, dans le respect des droits.";
    if (name === "t.m.basics.l.welcome.title") return "Bienvenue";
    if (name === "t.m.basics.l.welcome.body") return XSS_MARKDOWN;
    if (name === "t.m.basics.q.q-1.text") return `Qui a droit au logement ? <img src="x" onerror="window.__xss='quiz'">`;
    return `Texte en français n° ${i}`;
  });
  await page.getByRole("button", { name: "Save" }).click();
  await saved(page);

  // the checks pass: submit
  await visit(page, `/author/courses/${slug}`);
  await expect(page.getByText("The checks pass: ready for review")).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Version 1 was submitted for review.")).toBeVisible();
  // the author cannot approve their own submission
  await expect(page.getByRole("button", { name: "Approve and publish" })).toHaveCount(0);
  await signOut(page);

  // the reviewer publishes
  await signIn(page, "reviewer@demo.test");
  await visit(page, `/author/courses/${slug}?lng=en`);
  // the reviewer reads the version first: lessons as learners see them, the quiz with its answers
  await page.getByRole("link", { name: "Read this version", exact: true }).click();
  await page.waitForURL(/\/read\?version=1/);
  await expect(page.getByRole("heading", { name: "Welcome", level: 3 })).toBeVisible();
  await expect(page.locator(".badge--ok")).toHaveCount(4); // 1 + 1 + 2 right answers
  await expectAccessible(page);
  await visit(page, `/author/courses/${slug}/read?version=1&locale=fr`);
  await expect(page.getByRole("heading", { name: "Bienvenue", level: 3 })).toBeVisible();
  expect(await page.locator("article.lesson script, article.lesson img").count()).toBe(0);
  await visit(page, `/author/courses/${slug}`);
  await page.getByRole("button", { name: "Approve and publish" }).click();
  await expect(page.locator(".alert--success")).toContainText("Version 1");
  await expect(page.locator("table .badge--ok")).toHaveText("Published");
  await signOut(page);

  // the learner, in French
  const learner = await browser.newPage();
  await learner.addInitScript(() => {
    (window as unknown as { __xss?: string }).__xss = undefined;
  });
  await signIn(learner, "learner@demo.test");
  await visit(learner, "/courses?lng=fr");
  await expect(learner.locator("html")).toHaveAttribute("lang", "fr");
  await expect(learner.getByRole("link", { name: "Le droit au logement en pratique" })).toBeVisible();
  await visit(learner, `/courses/${slug}`);
  await learner.getByTestId("enrol").click();
  await learner.waitForURL(new RegExp(`/courses/${slug}/basics/welcome`));
  await learner.locator("html[data-hydrated]").waitFor();
  await expect(learner.getByRole("heading", { level: 1 })).toHaveText("Bienvenue");
  await expect(learner.locator(".block--key-points")).toBeVisible();
  // the payloads are text, not markup
  const lesson = learner.locator("article.lesson > div[lang]");
  await expect(lesson).toContainText("<script>window.__xss");
  expect(await lesson.locator("script, img, a[href^='javascript'], [onclick], [onerror]").count()).toBe(0);
  expect(await learner.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  await learner.getByTestId("complete-lesson").click();
  await learner.waitForURL(/\/basics\/quiz/);
  await learner.locator("html[data-hydrated]").waitFor();
  await learner.getByTestId("start-quiz").click();
  const key = new Map([
    ["q-1", { type: "single", options: ["option-1", "option-2"], answer: ["option-1"] }],
    ["q-2", { type: "true-false", options: ["true", "false"], answer: ["true"] }],
    ["q-3", { type: "multiple", options: ["option-1", "option-2", "option-3"], answer: ["option-1", "option-2"] }],
  ]);
  for (let i = 0; i < 3; i++) {
    await answerCurrent(learner, key, true);
    await learner.getByTestId("next-question").click();
  }
  await learner.getByTestId("submit-quiz").click();
  await expect(learner.getByTestId("result")).toHaveAttribute("data-passed", "true");
  expect(await learner.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
  expect(await learner.locator("main img, main script:not([type])").count()).toBe(0);
  await visit(learner, `/courses/${slug}`);
  await expect(learner.getByTestId("percent")).toHaveText("100 %");
  await learner.close();
});

test("two authors saving the same draft: the second is told, and keeps what they typed", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const conflictSlug = `conflict-${Date.now().toString(36)}`;
  await signIn(page, "author@demo.test");
  await createCourse(page, conflictSlug, "Conflict course");
  const other = await browser.newPage();
  await signIn(other, "reviewer@demo.test");
  await visit(other, `/author/courses/${conflictSlug}/edit?lng=en`); // the reviewer's own language is French

  await page.locator("#field-summary").fill("The first author's summary.");
  await page.getByRole("button", { name: "Save" }).first().click();
  await saved(page);

  await other.locator("#field-summary").fill("The second author's summary, typed at the same time.");
  await other.getByRole("button", { name: "Save" }).first().click();
  await expect(other.getByText("someone else saved this draft after you opened it")).toBeVisible();
  await expect(other.locator("#field-summary")).toHaveValue("The second author's summary, typed at the same time.");
  await visit(other, `/author/courses/${conflictSlug}/edit`);
  await expect(other.locator("#field-summary")).toHaveValue("The first author's summary.");
  await other.close();
});

test("an author discards the draft of a course never published: the course goes with it", async ({ page }) => {
  test.setTimeout(120_000);
  const discardSlug = `discard-${Date.now().toString(36)}`;
  await signIn(page, "author@demo.test");
  await createCourse(page, discardSlug, "Course to discard");
  await visit(page, `/author/courses/${discardSlug}?lng=en`);
  await expect(page.getByRole("heading", { name: "Discard this draft" })).toBeVisible();
  await expectAccessible(page);
  // asked first: without the box ticked the browser does not send the form
  await page.getByRole("button", { name: "Discard this draft" }).click();
  await expect(page).toHaveURL(new RegExp(`/author/courses/${discardSlug}`));
  await page.getByLabel("I understand the draft and its changes will be deleted").check();
  await page.getByRole("button", { name: "Discard this draft" }).click();
  await page.waitForURL((url) => url.pathname === "/author");
  await expect(page.locator("[role=status]")).toContainText(`The course “${discardSlug}” had never been published`);
  await expect(page.getByRole("link", { name: "Course to discard" })).toHaveCount(0);
  await expect(page.locator(`a[href^="/author/courses/${discardSlug}"]`)).toHaveCount(0);
  expect((await page.request.get(`/author/courses/${discardSlug}`, { maxRedirects: 0 })).status()).toBe(404);
});

test("deleting a lesson or a module says what goes and asks first, without JavaScript", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const deleteSlug = `delete-${Date.now().toString(36)}`;
  await signIn(page, "author@demo.test");
  await createCourse(page, deleteSlug, "Course to prune");
  await page.locator("#field-addModule-title").fill("Basics");
  await page.getByRole("button", { name: "Add the module" }).click();
  await saved(page);
  for (const lesson of ["Welcome", "Goodbye"]) {
    await page.locator("#field-addLesson-basics-title").fill(lesson);
    await page.getByRole("button", { name: "Add the lesson" }).click();
    // the lesson's link, not the "saved" notice: the previous one is still on the page
    await expect(page.getByRole("link", { name: lesson, exact: true })).toBeVisible();
  }
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const plain = await context.newPage();
  await plain.goto(`/author/courses/${deleteSlug}/edit`);
  const lessonDelete = plain.locator("details.delete-confirm", { has: plain.locator("summary", { hasText: "Goodbye" }) });
  await lessonDelete.locator("summary").click();
  await expect(lessonDelete).toContainText("The lesson “Goodbye” will be deleted.");
  await expect(lessonDelete).toContainText("English");
  // without the box ticked the browser does not send the form
  await lessonDelete.getByRole("button", { name: "Delete for good" }).click();
  await expect(plain.getByRole("link", { name: "Goodbye", exact: true })).toHaveCount(1);
  await lessonDelete.getByLabel("Yes, delete it with its translations").check();
  await lessonDelete.getByRole("button", { name: "Delete for good" }).click();
  await expect(plain.getByRole("link", { name: "Goodbye", exact: true })).toHaveCount(0);
  await expect(plain.getByRole("link", { name: "Welcome", exact: true })).toHaveCount(1);
  const moduleDelete = plain.locator("details.delete-confirm", { has: plain.locator("summary", { hasText: "Basics" }) });
  await moduleDelete.locator("summary").click();
  await expect(moduleDelete).toContainText("The module “Basics” will be deleted, with its lessons and its quiz.");
  await expect(moduleDelete).toContainText("Lessons: 1");
  await context.close();
});

test("authoring pages are a 404 for a learner and for an author of another academy", async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  // an author of another academy, made directly in the e2e database
  const email = uniqueEmail("other-author");
  await registerAccount(page, { name: "Other Author", email, password: "writing courses elsewhere" });
  const db = await openDb(process.env.E2E_DATABASE_URL ?? "file:./e2e.db");
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    const org = await db.organization.create({ data: { id: newId(), slug: `other-academy-${Date.now()}`, name: "Other Academy", kind: "ACADEMY" } });
    await db.membership.create({ data: { id: newId(), userId: user.id, organizationId: org.id, role: "AUTHOR" } });
  } finally {
    await db.$disconnect();
  }
  const paths = [
    "/author/courses/human-rights-based-planning",
    "/author/courses/human-rights-based-planning/edit",
    "/author/courses/human-rights-based-planning/translate?to=fr",
  ];
  // the other academy's author has an authoring home of their own, but none of the demo academy's courses
  expect((await page.request.get("/author")).status()).toBe(200);
  for (const path of paths) expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
  const post = await page.request.post("/author/courses/human-rights-based-planning", {
    form: { intent: "startDraft" },
    headers: { Origin: baseURL! },
    maxRedirects: 0,
  });
  expect(post.status()).toBe(404);
  await signOut(page);

  await signIn(page, "learner@demo.test", DEMO_PASSWORD);
  await expect(page.getByRole("link", { name: "Authoring" })).toHaveCount(0);
  for (const path of ["/author", "/author/new", ...paths]) expect((await page.request.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
});

test("the editor pages in Arabic pass axe, with right-to-left text fields and preview", async ({ page }) => {
  test.setTimeout(180_000);
  const arSlug = `arabic-${Date.now().toString(36)}`;
  await signIn(page, "author@demo.test");
  await createCourse(page, arSlug, "Arabic check");
  await page.locator("#field-addModule-title").fill("Basics");
  await page.getByRole("button", { name: "Add the module" }).click();
  await saved(page);
  await page.locator("#field-addLesson-basics-title").fill("Welcome");
  await page.getByRole("button", { name: "Add the lesson" }).click();
  await saved(page);
  await visit(page, `/author/courses/${arSlug}/modules/basics`);
  await page.getByRole("button", { name: "Add a question" }).click();
  await page.waitForURL(/\/questions\/basics\/q-1/);

  await visit(page, "/author?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  for (const path of [
    `/author/new`,
    `/author/courses/${arSlug}`,
    `/author/courses/${arSlug}/edit`,
    `/author/courses/${arSlug}/modules/basics`,
    `/author/courses/${arSlug}/questions/basics/q-1`,
    `/author/courses/${arSlug}/translate?to=ar`,
  ]) {
    await visit(page, path);
    await expectAccessible(page);
  }
  await visit(page, `/author/courses/${arSlug}/lessons/basics/welcome?locale=ar`);
  await expect(page.locator("#field-markdown")).toHaveAttribute("dir", "rtl");
  await page.locator("#field-title").fill("مرحبا");
  await page.locator("#field-markdown").fill("## حق السكن\n\nالسكن حق من حقوق الإنسان.");
  await expect(page.getByTestId("lesson-preview").locator("h2")).toHaveText("حق السكن");
  await expect(page.getByTestId("lesson-preview")).toHaveAttribute("dir", "rtl");
  await expect(page.getByTestId("lesson-preview")).toHaveAttribute("lang", "ar");
  await expectAccessible(page);
  await page.locator("button[value=lesson]").click();
  await saved(page);

  // the English source changes: the Arabic lesson text is flagged as outdated until saved again
  await visit(page, `/author/courses/${arSlug}/translate?to=ar`);
  await expect(page.locator(".author-pair--outdated")).toHaveCount(0);
  await visit(page, `/author/courses/${arSlug}/lessons/basics/welcome?locale=en`);
  await page.locator("#field-markdown").fill("## The right to housing\n\nHousing is a human right, for everyone.");
  await page.locator("button[value=lesson]").click();
  await saved(page);
  await visit(page, `/author/courses/${arSlug}/translate?to=ar`);
  await expect(page.locator(".author-pair--outdated")).toHaveCount(1);
  await expect(page.locator(".author-pair--outdated textarea")).toHaveValue(/حق السكن/);
  await expectAccessible(page);
  await page.locator(".author-sticky button").click();
  await saved(page);
  await expect(page.locator(".author-pair--outdated")).toHaveCount(0);
  await visit(page, "/author?lng=en");
});
