// A municipal manager's work, end to end: invite by CSV (one row invalid), the newcomer joins, a course
// is assigned to their department with a due date, they complete it through the real learning journey,
// the dashboard, staff report and exports show it; another municipality's manager reaches none of it;
// a deactivated member is signed out at once.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, signIn, uniqueEmail, visit } from "./helpers";
import { answerCurrent, answerKey } from "./quiz-helpers";

const COURSE = "short-course"; // tests/fixtures/courses, imported into the e2e database only
const key = answerKey("tests/fixtures/courses/short-course/modules/essentials");
const BOM = [0xef, 0xbb, 0xbf];

test.describe.configure({ mode: "serial" });

const newcomer = { email: uniqueEmail("newcomer"), name: "أمينة الخطيب", password: "a new colleague joins the team" };
const colleague = { email: uniqueEmail("colleague"), name: "@Chen Jie" }; // a name a spreadsheet would run as a formula
let newcomerLink = "";
let newcomerId = "";
let invitationIdOfColleague = "";
let assignmentId = "";

async function completeShortCourse(page: Page) {
  await visit(page, `/courses/${COURSE}`);
  await page.getByTestId("enrol").click();
  await page.waitForURL(/\/courses\/short-course\/essentials\//);
  await page.locator("html[data-hydrated]").waitFor();
  for (let i = 0; i < 2; i++) {
    await page.getByTestId("complete-lesson").click();
    await page.waitForURL(i === 0 ? /duty-bearers/ : /essentials\/quiz/);
    await page.locator("html[data-hydrated]").waitFor();
  }
  await page.getByTestId("start-quiz").click();
  for (let i = 0; i < key.size; i++) {
    await answerCurrent(page, key, true);
    await page.getByTestId("next-question").click();
  }
  await page.getByTestId("submit-quiz").click();
  await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "true");
}

async function managerPage(browser: Browser, email = "manager@demo.test") {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return { context, page };
}

/** The row of the "per course" table for a course title, as numbers. */
async function courseRow(page: Page, title: string) {
  const row = page.locator("section[aria-labelledby=by-course-heading] tbody tr", { has: page.getByRole("link", { name: title, exact: true }) });
  if ((await row.count()) === 0) return { assigned: 0, completed: 0 };
  const cells = await row.locator("td").allInnerTexts();
  return { assigned: Number(cells[0]), completed: Number(cells[1]) };
}

test("invite two staff by CSV: the invalid row is shown and nothing is written for it", async ({ browser }) => {
  const { context, page } = await managerPage(browser);
  await visit(page, "/manage/riverside/invite");
  await expectAccessible(page);
  const csv =
    "name,email,department,role\n" +
    `${newcomer.name},${newcomer.email},Urban Planning,learner\n` +
    `"${colleague.name}",${colleague.email},social services,Learner\n` +
    "Broken Row,not-an-email,Nowhere,chief\n";
  await page.locator("#invite-file").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.locator("section[aria-labelledby=csv-heading] button[type=submit]").click();
  const preview = page.locator("section[aria-labelledby=preview-heading]");
  await expect(preview).toBeVisible();
  await expect(preview.locator("tbody tr")).toHaveCount(3);
  const bad = preview.locator("tbody tr.row--error");
  await expect(bad).toHaveCount(1);
  await expect(bad).toContainText("not-an-email");
  await expect(bad).toContainText("valid email address");
  await expect(bad).toContainText("No department of this municipality has this name");
  await expect(bad).toContainText("learner or manager");
  await expectAccessible(page);
  // nothing is written by the preview
  await visit(page, "/manage/riverside/invite");
  await expect(page.locator("section[aria-labelledby=open-heading]")).not.toContainText(newcomer.email);

  // again, and confirm
  await page.locator("#invite-file").setInputFiles({ name: "staff.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.locator("section[aria-labelledby=csv-heading] button[type=submit]").click();
  await page.locator("section[aria-labelledby=preview-heading] button[type=submit]").click();
  const links = page.locator("section[aria-labelledby=links-heading]");
  await expect(links).toBeVisible();
  await expect(links.locator("input.invite-link")).toHaveCount(2);
  // what happened to each email (issue 18): the e2e server has no SMTP_HOST, so each is in the outbox
  await expect(links.locator("[data-outcome=outbox]")).toHaveCount(2);
  await expect(links.locator("[data-outcome=outbox]").first()).toContainText("outbox");
  newcomerLink = await links.locator("li", { hasText: newcomer.email }).locator("input").inputValue();
  expect(newcomerLink).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  await expectAccessible(page);

  await visit(page, "/manage/riverside/invite");
  const open = page.locator("section[aria-labelledby=open-heading]");
  await expect(open).toContainText(newcomer.email);
  await expect(open).toContainText(colleague.email);
  await expect(open).not.toContainText("not-an-email");
  invitationIdOfColleague = await open.locator("tr", { hasText: colleague.email }).locator("input[name=invitationId]").first().inputValue();
  // the audit log has the invitations
  await visit(page, "/manage/riverside/audit");
  await expect(page.locator("table")).toContainText(newcomer.email);
  await expectAccessible(page);
  await context.close();
});

test("the newcomer sets a password with the link and joins the department", async ({ page }) => {
  await visit(page, newcomerLink);
  await expect(page.locator("h1")).toContainText("City of Riverside");
  await expectAccessible(page);
  await page.locator("#field-password").fill("short");
  await page.locator("form.card button[type=submit]").click();
  await expect(page.locator("#field-password-error")).toBeVisible();
  await expect(page.locator("#field-name")).toHaveValue(newcomer.name);
  await page.locator("#field-password").fill(newcomer.password);
  await page.locator("form.card button[type=submit]").click();
  await page.waitForURL(/\/learning/);
  await expect(page.locator("form[action='/logout']")).toBeVisible();
  // the link works once
  const again = await page.request.get(newcomerLink);
  expect(again.status()).toBe(410);
});

test("assign a course to a department with a due date; the newcomer completes it; dashboard, staff report and exports follow", async ({ browser }) => {
  // a long journey (a whole course, three reports, four axe checks): CPU-bound, minutes on a busy machine
  test.setTimeout(300_000);
  const { context, page } = await managerPage(browser);
  await visit(page, "/manage/riverside/assignments");
  await expectAccessible(page);
  const title = await page.locator("#field-courseId option", { hasText: "Human rights in ten minutes" }).innerText();
  // a due date in the past is refused, nothing written
  await page.locator("#field-courseId").selectOption({ label: title });
  await page.locator("#field-departmentId").selectOption({ label: "Urban Planning" });
  await page.locator("#field-dueDate").fill("2020-01-01");
  await page.locator(".assign-form button[type=submit]").click();
  await expect(page.locator("#field-dueDate-error")).toContainText("past");
  await expect(page.locator("#field-dueDate")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
  const due = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  await page.locator("#field-dueDate").fill(due);
  await page.locator("#field-recertifyMonths").selectOption("12");
  await page.locator(".assign-form button[type=submit]").click();
  await expect(page.getByRole("status")).toContainText("assigned");
  const row = page.locator("section[aria-labelledby=list-heading] tbody tr", { hasText: title }).filter({ hasText: "Urban Planning" });
  await expect(row).toHaveCount(1);
  assignmentId = await row.locator("input[name=assignmentId]").inputValue();

  // the newcomer (Urban Planning) has it; the dashboard counts them before and after completing
  await visit(page, "/manage/riverside");
  await expectAccessible(page);
  const before = await courseRow(page, title);
  expect(before.assigned).toBeGreaterThanOrEqual(2); // the demo learner and the newcomer
  await visit(page, "/manage/riverside/staff?q=" + encodeURIComponent(newcomer.email));
  await expect(page.locator("tbody tr")).toHaveCount(1);
  await expect(page.locator("tbody tr")).toContainText("0 of 1");
  await page.locator("tbody tr a").click();
  await page.waitForURL(/\/manage\/riverside\/staff\/[a-z0-9]+$/);
  newcomerId = page.url().split("/").pop()!;
  await expect(page.locator("section[aria-labelledby=assignments-heading]")).toContainText("Not yet due");

  const learner = await browser.newContext();
  const learnerPage = await learner.newPage();
  await signIn(learnerPage, newcomer.email, newcomer.password);
  await completeShortCourse(learnerPage);
  await learner.close();

  await visit(page, "/manage/riverside");
  const after = await courseRow(page, title);
  expect(after).toEqual({ assigned: before.assigned, completed: before.completed + 1 });
  await visit(page, `/manage/riverside/staff/${newcomerId}`);
  await expect(page.locator("section[aria-labelledby=assignments-heading]")).toContainText("Completed");
  await expect(page.locator("section[aria-labelledby=courses-heading]")).toContainText(title);
  await expectAccessible(page);
  await visit(page, "/manage/riverside/staff?status=completed&q=" + encodeURIComponent(newcomer.email));
  await expect(page.locator("tbody tr")).toHaveCount(1);

  // the export of completions for the department and course filter has the newcomer, completed
  await visit(page, "/manage/riverside");
  await page.locator("#filter-department").selectOption({ label: "Urban Planning" });
  await page.locator("#filter-course").selectOption({ label: title });
  await page.locator("form[role=search] button[type=submit]").click();
  await page.waitForURL(/department=/);
  const exportLink = page.getByRole("link", { name: /Export completions/ });
  await expect(exportLink).toHaveAttribute("href", /department=.*course=/);
  const exportHref = await exportLink.getAttribute("href");
  const response = await page.request.get(exportHref!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/csv");
  expect(response.headers()["content-disposition"]).toContain("attachment");
  const body = await response.body();
  expect([...body.subarray(0, 3)]).toEqual(BOM);
  const text = body.toString("utf8");
  const line = text.split("\r\n").find((l) => l.includes(newcomer.email))!;
  expect(line).toContain(newcomer.name); // Arabic kept as UTF-8
  expect(line).toContain("Completed");
  expect(line).toContain(due);
  expect(text).not.toContain(colleague.email); // another department: filtered out

  // the certificates export neutralises formula-like names (the colleague has none yet: check the header)
  const certificates = await page.request.get("/manage/riverside/export/certificates.csv");
  expect([...(await certificates.body()).subarray(0, 3)]).toEqual(BOM);

  // the dashboard in Arabic is accessible too
  await visit(page, "/manage/riverside?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expectAccessible(page);
  for (const path of ["/staff", "/invite", "/assignments", "/audit", `/staff/${newcomerId}`]) {
    await visit(page, `/manage/riverside${path}`);
    await expectAccessible(page);
  }
  await visit(page, "/manage/riverside?lng=en");
  await context.close();
});

test("a second municipality's manager reaches none of it (404)", async ({ browser }) => {
  const { context, page } = await managerPage(browser, "manager2@demo.test");
  const own = await page.request.get("/manage/lakeside");
  expect(own.status()).toBe(200);
  for (const path of [
    "/manage/riverside",
    "/manage/riverside/staff",
    `/manage/riverside/staff/${newcomerId}`,
    `/manage/lakeside/staff/${newcomerId}`,
    "/manage/riverside/invite",
    "/manage/riverside/assignments",
    "/manage/riverside/audit",
    "/manage/riverside/export/completions.csv",
    "/manage/riverside/export/certificates.csv",
  ]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
  }
  // nor with Riverside's ids through Lakeside's own pages
  const origin = new URL(page.url()).origin;
  const posts: [string, Record<string, string>][] = [
    ["/manage/lakeside/assignments", { intent: "cancel", assignmentId }],
    ["/manage/lakeside/invite", { intent: "revoke", invitationId: invitationIdOfColleague }],
    [`/manage/lakeside/staff/${newcomerId}`, { intent: "deactivate" }],
    [`/manage/riverside/staff/${newcomerId}`, { intent: "deactivate" }],
  ];
  for (const [path, form] of posts) {
    const response = await page.request.post(path, { form, headers: { Origin: origin }, maxRedirects: 0 });
    expect(response.status(), path).toBe(404);
  }
  // and Lakeside's staff report does not list Riverside's people
  await visit(page, "/manage/lakeside/staff?q=" + encodeURIComponent(newcomer.email));
  await expect(page.locator("tbody tr")).toHaveCount(0);
  await context.close();
});

test("a deactivated member is signed out at once; their records stay", async ({ browser }) => {
  const learner = await browser.newContext();
  const learnerPage = await learner.newPage();
  await signIn(learnerPage, newcomer.email, newcomer.password);
  await visit(learnerPage, "/account");
  await expect(learnerPage).toHaveURL(/\/account/);

  const { context, page } = await managerPage(browser);
  await visit(page, `/manage/riverside/staff/${newcomerId}`);
  await page.getByRole("button", { name: "Deactivate" }).click();
  await expect(page.getByRole("status")).toContainText("deactivated");
  await expect(page.locator("section[aria-labelledby=membership-heading]")).toContainText("Deactivated");
  // records kept
  await expect(page.locator("section[aria-labelledby=courses-heading]")).toContainText("Completed on");

  await visit(learnerPage, "/account");
  await expect(learnerPage).toHaveURL(/\/login/);
  // signing in again works (the account exists) but the municipality is closed to them
  await signIn(learnerPage, newcomer.email, newcomer.password);
  const response = await learnerPage.request.get("/manage/riverside/staff");
  expect(response.status()).toBe(404);

  // the audit log tells who did it
  await visit(page, "/manage/riverside/audit");
  await expect(page.locator("tbody tr").first()).toContainText("Member deactivated");
  await expect(page.locator("tbody tr").first()).toContainText("Carlos Méndez");
  // reactivation for the next runs of this spec on the same database is not needed: each run is fresh
  await learner.close();
  await context.close();
});

test("the platform administrator creates a municipality and appoints its first manager", async ({ browser }) => {
  const { context, page } = await managerPage(browser, "admin@demo.test");
  await visit(page, "/admin");
  await expectAccessible(page);
  const slug = `town-${Date.now()}`;
  const chief = uniqueEmail("chief");
  await page.locator("#field-name").fill("Town of Testing");
  await page.locator("#field-slug").fill(slug);
  await page.locator("#field-departments").fill("Roads\nParks");
  await page.locator("#field-firstEmail").fill(chief);
  await page.locator("form.card button[type=submit]").click();
  const link = await page.locator("#admin-link").inputValue();
  await expect(page.locator("table")).toContainText(slug);
  await context.close();

  const newcomerContext = await browser.newContext();
  const newPage = await newcomerContext.newPage();
  await visit(newPage, link);
  await newPage.locator("#field-name").fill("Chief Manager");
  await newPage.locator("#field-password").fill("running the town well");
  await newPage.locator("form.card button[type=submit]").click();
  await newPage.waitForURL(new RegExp(`/manage/${slug}`));
  await expect(newPage.locator("h1")).toContainText("Training dashboard");
  await expect(newPage.getByRole("navigation", { name: /main/i }).locator(`a[href='/manage/${slug}']`)).toBeVisible();
  await newcomerContext.close();
});
