// The interfaces a municipality's other systems use, as a person meets them: "Add to LinkedIn profile"
// on the certificate page, and the private calendar feed made, renewed and turned off on the account
// page and read by a calendar client (no session), parsed with ical.js. In English and Arabic.
import ICAL from "ical.js";
import { expect, test, type Page } from "@playwright/test";
import { openDb, type Db } from "~/db.server";
import { ensureUser, DEMO_PASSWORD } from "~/demo/demo-data.server";
import { issueCertificateForEnrolment } from "~/certificates/issue.server";
import { newId } from "~/ids";
import { expectAccessible, signIn, uniqueEmail, visit } from "./helpers";

const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e.db";
const PORT = Number(process.env.E2E_PORT ?? 3100);

// generous: sign-ins, axe checks and PDF rendering with PDF.js take a while on a busy machine
test.describe.configure({ mode: "serial", timeout: 180_000 });

let db: Db;
let certificateId = "";
const learner = { email: uniqueEmail("integrations"), name: "Yasmin Farouk" };
const DUE = new Date(Date.now() + 20 * 86_400_000);
const dueDay = DUE.toISOString().slice(0, 10);

test.beforeAll(async () => {
  process.env.PUBLIC_URL ??= `http://localhost:${PORT}`;
  db = await openDb(databaseUrl);
  const riverside = await db.organization.findUniqueOrThrow({ where: { slug: "riverside" }, select: { id: true } });
  const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" }, select: { id: true } });
  const versions = await db.courseVersion.findMany({ where: { status: "PUBLISHED" }, select: { id: true, courseId: true, course: { select: { slug: true } } }, orderBy: { createdAt: "asc" } });
  const certified = versions.find((v) => v.course.slug === "short-course")!;
  const assigned = versions.find((v) => v.course.slug !== "short-course")!;
  const user = await ensureUser(db, { ...learner, locale: "en", password: DEMO_PASSWORD });
  await db.membership.create({ data: { id: newId(), userId: user.id, organizationId: riverside.id, role: "LEARNER" } });
  // Riverside assigned short-course (so its manager may see the certificate) and another course, due in 20 days
  for (const courseId of [certified.courseId, assigned.courseId]) {
    await db.assignment.create({ data: { id: newId(), organizationId: riverside.id, courseId, userId: user.id, dueAt: DUE, createdById: manager.id } });
  }
  const enrolmentId = newId();
  await db.enrolment.create({ data: { id: enrolmentId, userId: user.id, courseId: certified.courseId, courseVersionId: certified.id, completedAt: new Date() } });
  certificateId = (await issueCertificateForEnrolment(enrolmentId, undefined, db)).id;
});

test.afterAll(async () => {
  await db?.$disconnect();
});

test("the holder adds a valid certificate to their LinkedIn profile with LinkedIn's add-to-profile link; others do not see it", async ({ page, browser }) => {
  await signIn(page, learner.email);
  await visit(page, `/certificates/${certificateId}?lng=en`);
  const link = page.getByRole("link", { name: /Add to LinkedIn profile/ });
  await expect(link).toBeVisible();
  await expect(link).toHaveAttribute("target", "_blank");
  const url = new URL((await link.getAttribute("href"))!);
  expect(`${url.origin}${url.pathname}`).toBe("https://www.linkedin.com/profile/add");
  expect(url.searchParams.get("startTask")).toBe("CERTIFICATION_NAME");
  expect(url.searchParams.get("name")).toBe("Human rights in ten minutes");
  expect(url.searchParams.get("organizationName")).toBe("Demo Academy for Local Human Rights");
  expect(url.searchParams.get("certId")).toBe(certificateId);
  expect(url.searchParams.get("certUrl")).toBe(`${process.env.PUBLIC_URL}/verify/${certificateId}`);
  const issued = new Date();
  expect(url.searchParams.get("issueYear")).toBe(String(issued.getUTCFullYear()));
  expect(url.searchParams.get("issueMonth")).toBe(String(issued.getUTCMonth() + 1));
  await expectAccessible(page);

  await visit(page, `/certificates/${certificateId}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const arabicLink = page.getByRole("link", { name: /إضافة إلى الملف الشخصي على LinkedIn/ });
  await expect(arabicLink).toBeVisible();
  // the issuer as the page names it: the academy's name in the reader's language, copied at issue
  expect(new URL((await arabicLink.getAttribute("href"))!).searchParams.get("organizationName")).toBe("الأكاديمية التجريبية لحقوق الإنسان على المستوى المحلي");
  await expectAccessible(page);
  await visit(page, "/?lng=en");

  // the municipality's manager sees the certificate, but it is not theirs to add
  const context = await browser.newContext();
  const managerPage = await context.newPage();
  await signIn(managerPage, "manager@demo.test");
  await visit(managerPage, `/certificates/${certificateId}`);
  await expect(managerPage.getByTestId("certificate-id")).toHaveText(certificateId);
  await expect(managerPage.getByTestId("linkedin-add")).toHaveCount(0);
  await context.close();
});

test("a revoked certificate offers no LinkedIn link", async ({ page }) => {
  await db.certificate.update({ where: { id: certificateId }, data: { revokedAt: new Date(), revokedReason: "test" } });
  try {
    await signIn(page, learner.email);
    await visit(page, `/certificates/${certificateId}`);
    await expect(page.getByTestId("certificate-id")).toHaveText(certificateId);
    await expect(page.getByTestId("linkedin-add")).toHaveCount(0);
  } finally {
    await db.certificate.update({ where: { id: certificateId }, data: { revokedAt: null, revokedReason: null } });
  }
});

async function makeFeed(page: Page, button: RegExp): Promise<string> {
  await page.getByRole("button", { name: button }).click();
  const input = page.getByLabel(/Calendar address|عنوان التقويم/);
  await expect(input).toBeVisible();
  return input.inputValue();
}

test("a learner makes a private calendar feed, a calendar app reads it, renewing and turning it off close the old address", async ({ page, playwright }) => {
  await signIn(page, learner.email);
  await visit(page, "/account?lng=en");
  await expect(page.getByRole("heading", { name: "Calendar feed" })).toBeVisible();
  await expectAccessible(page);
  const first = await makeFeed(page, /Make my calendar address/);
  expect(first).toMatch(new RegExp(`^${process.env.PUBLIC_URL}/calendar/[A-Za-z0-9_-]{43}\\.ics$`));
  await expect(page.getByRole("link", { name: "Open in my calendar app" })).toHaveAttribute("href", first.replace(/^http:/, "webcal:"));
  await expectAccessible(page);

  // a calendar client: no cookies, just the address
  const client = await playwright.request.newContext();
  try {
    const response = await client.get(first);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    const root = new ICAL.Component(ICAL.parse(await response.text()));
    const events = root.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    const due = events.filter((e) => e.summary.startsWith("Due: "));
    expect(due.length).toBeGreaterThanOrEqual(1);
    expect(due.every((e) => e.startDate.toString() === dueDay)).toBe(true);
    // the certificate's expiry, when the course gives one, is there too; short-course's certificate counts as done
    expect(events.some((e) => e.summary === "Due: Human rights in ten minutes")).toBe(false);

    // renewing: the page says so, the old address is gone at once
    await visit(page, "/account");
    await expect(page.getByTestId("calendar-since")).toBeVisible();
    const second = await makeFeed(page, /Make a new address/);
    expect(second).not.toBe(first);
    expect((await client.get(first)).status()).toBe(404);
    expect((await client.get(second)).status()).toBe(200);

    // in Arabic: the titles follow the person's language
    await db.user.update({ where: { email: learner.email }, data: { locale: "ar" } });
    const arabic = new ICAL.Component(ICAL.parse(await (await client.get(second)).text()));
    expect(arabic.getAllSubcomponents("vevent").some((v) => String(v.getFirstPropertyValue("summary")).startsWith("الموعد النهائي: "))).toBe(true);
    await visit(page, "/account?lng=ar");
    await expect(page.getByRole("heading", { name: "اشتراك التقويم" })).toBeVisible();
    await expectAccessible(page);

    await page.getByRole("button", { name: "إيقاف اشتراك التقويم" }).click();
    await expect(page.getByRole("status")).toContainText("تم إيقاف اشتراك التقويم");
    expect((await client.get(second)).status()).toBe(404);
  } finally {
    await client.dispose();
    await db.user.update({ where: { email: learner.email }, data: { locale: "en" } });
    await visit(page, "/?lng=en");
  }
});
