import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type APIResponse } from "@playwright/test";
import { compactVerify, importJWK } from "jose";
import { openDb, type Db } from "~/db.server";
import { ensureUser, DEMO_PASSWORD } from "~/demo/demo-data.server";
import { issueCertificateForEnrolment } from "~/certificates/issue.server";
import { newId } from "~/ids";
import { pdfFonts, pdfText, renderFirstPage } from "../pdf";
import { expectAccessible, signIn, uniqueEmail, visit } from "./helpers";

// Until the learning pages drive a whole course in a few clicks, the completion itself is written
// straight into the e2e server's throwaway database (same URL as playwright.config.ts), and the
// certificate issued through the very function the learning area calls on completion. Everything
// after that goes through the browser and HTTP, as a person or a third party would.
const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e.db";
const PORT = Number(process.env.E2E_PORT ?? 3100);

// generous: sign-ins, axe checks and PDF rendering with PDF.js take a while on a busy machine
test.describe.configure({ mode: "serial", timeout: 180_000 });

let db: Db;
let certificateId = "";
const learner = { email: uniqueEmail("certified"), name: "Nadia Benali" };
const colleague = { email: uniqueEmail("colleague"), name: "Some Colleague" };

test.beforeAll(async () => {
  // the credential names the platform as the server under test is reached
  process.env.PUBLIC_URL ??= `http://localhost:${PORT}`;
  db = await openDb(databaseUrl);
  const riverside = await db.organization.findUniqueOrThrow({ where: { slug: "riverside" }, select: { id: true } });
  const version = await db.courseVersion.findFirstOrThrow({
    where: { course: { slug: "short-course" }, status: "PUBLISHED" },
    select: { id: true, courseId: true },
  });
  for (const person of [learner, colleague]) {
    const user = await ensureUser(db, { ...person, locale: "en", password: DEMO_PASSWORD });
    await db.membership.create({ data: { id: newId(), userId: user.id, organizationId: riverside.id, role: "LEARNER" } });
    if (person === learner) {
      // Riverside assigned the course: that is what lets its manager revoke the certificate later
      // (docs/certificates.md, "Who may revoke")
      const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" }, select: { id: true } });
      await db.assignment.create({
        data: { id: newId(), organizationId: riverside.id, courseId: version.courseId, userId: user.id, dueAt: new Date(Date.now() + 30 * 86_400_000), createdById: manager.id },
      });
      const enrolmentId = newId();
      await db.enrolment.create({
        data: { id: enrolmentId, userId: user.id, courseId: version.courseId, courseVersionId: version.id, completedAt: new Date() },
      });
      certificateId = (await issueCertificateForEnrolment(enrolmentId, undefined, db)).id;
      // completing is idempotent: no second certificate
      expect((await issueCertificateForEnrolment(enrolmentId, undefined, db)).id).toBe(certificateId);
    }
  }
});

test.afterAll(async () => {
  await db?.$disconnect();
});

async function saveBody(response: APIResponse, file: string) {
  expect(response.status()).toBe(200);
  writeFileSync(file, await response.body());
  return file;
}

test("the learner finds the certificate and downloads the PDF with their name and the certificate id", async ({ page }, info) => {
  await signIn(page, learner.email);
  await page.getByRole("navigation").getByRole("link", { name: "My certificates" }).click();
  await page.waitForURL("/certificates");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My certificates");
  await expectAccessible(page);
  await page.getByRole("link", { name: /Human rights in ten minutes/ }).click();
  await page.waitForURL(`/certificates/${certificateId}`);
  await expect(page.getByTestId("certificate-id")).toHaveText(certificateId);
  await expect(page.getByText(learner.name)).toBeVisible();
  await expectAccessible(page);

  const pdf = await saveBody(await page.request.get(`/certificates/${certificateId}.pdf?lng=en`), info.outputPath("certificate-en.pdf"));
  expect(readFileSync(pdf).subarray(0, 5).toString()).toBe("%PDF-");
  const text = await pdfText(readFileSync(pdf));
  expect(text).toContain(learner.name);
  expect(text).toContain(certificateId);
  expect(text).toContain(`/verify/${certificateId}`);
  // embedded fonts are subsets (a six-letter tag before the name)
  const fonts = pdfFonts(readFileSync(pdf));
  expect(fonts.length).toBeGreaterThan(0);
  for (const font of fonts) expect(font).toEqual({ name: expect.stringMatching(/^[A-Z]{6}\+\S+$/), embedded: true });
});

test("the Arabic certificate page is accessible, and its PDF renders to a non-empty image", async ({ page }, info) => {
  await signIn(page, learner.email);
  await visit(page, `/certificates/${certificateId}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByText("حقوق الإنسان في عشر دقائق")).toBeVisible();
  await expectAccessible(page);

  const pdf = await saveBody(await page.request.get(`/certificates/${certificateId}.pdf?lng=ar`), info.outputPath("certificate-ar.pdf"));
  // a PNG for people to look at (test-results/), and the share of ink for the test
  const page1 = await renderFirstPage(readFileSync(pdf), 80 / 72);
  writeFileSync(info.outputPath("certificate-ar.png"), page1.png);
  expect(page1.png.length).toBeGreaterThan(10_000);
  expect(page1.width).toBeGreaterThan(page1.height); // landscape
  expect(page1.darkShare).toBeGreaterThan(0.02); // borders, text and the QR code are there
  // the Arabic text is in the PDF as text (shaped glyphs keep their Unicode mapping)
  const text = await pdfText(readFileSync(pdf));
  expect(text).toContain(certificateId);
  expect(text).toContain("شهادة إتمام");
  expect(text).toContain(learner.name);
  // the academy's name in the certificate's language (Organization.names, copied at issue); words
  // without a lam-alef ligature, which text extraction gives back in another order ("األكاديمية")
  expect(text).toContain("التجريبية لحقوق");
  await expect(page.getByText("الأكاديمية التجريبية لحقوق الإنسان على المستوى المحلي").first()).toBeVisible();
  await visit(page, `/certificates/${certificateId}?lng=en`);
  await expect(page.getByText("Demo Academy for Local Human Rights").first()).toBeVisible();
});

test("an Arabic page shows the municipality's and the academy's Arabic names", async ({ page }) => {
  await signIn(page, "manager@demo.test");
  await visit(page, "/manage/riverside?lng=ar");
  await expect(page.locator(".manage-org")).toHaveText("مدينة ريفرسايد (تجريبية)");
  await expect(page.getByRole("navigation").getByText("مدينة ريفرسايد (تجريبية)").first()).toBeVisible();
  await visit(page, "/courses?lng=ar");
  await expect(page.getByText("الأكاديمية التجريبية لحقوق الإنسان على المستوى المحلي").first()).toBeVisible();
  await visit(page, "/?lng=en");
});

test("the signed credential verifies with the platform's published key, and not once tampered with", async ({ page, request }) => {
  await signIn(page, learner.email);
  const response = await page.request.get(`/certificates/${certificateId}.jwt`);
  expect(response.status()).toBe(200);
  const jws = (await response.text()).trim();
  const jwks = await (await request.get("/.well-known/jwks.json")).json();
  const [header, payload, signature] = jws.split(".");
  const { kid: didUrl } = JSON.parse(Buffer.from(header, "base64url").toString());
  const kid = didUrl.slice(didUrl.indexOf("#") + 1);
  const key = await importJWK(jwks.keys.find((k: { kid: string }) => k.kid === kid), "EdDSA");
  const { payload: verified } = await compactVerify(jws, key);
  const vc = JSON.parse(new TextDecoder().decode(verified));
  expect(vc.type).toContain("OpenBadgeCredential");
  expect(vc.credentialSubject.identifier[0].identityHash).toBe(learner.name);
  expect(vc.id).toBe(`http://localhost:${PORT}/verify/${certificateId}`);
  const did = await (await request.get("/.well-known/did.json")).json();
  expect(did.verificationMethod.map((m: { id: string }) => m.id)).toContain(didUrl);
  expect(didUrl).toBe(`${vc.issuer.id}#${kid}`);

  const forged = { ...vc, credentialSubject: { ...vc.credentialSubject, identifier: [{ ...vc.credentialSubject.identifier[0], identityHash: "Someone Else" }] } };
  const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
  await expect(compactVerify(tampered, key)).rejects.toThrow();
});

test("anyone can verify: the QR/verification URL says valid, with every claim, in English and Arabic", async ({ page }) => {
  await visit(page, `/verify/${certificateId}`);
  await expect(page.getByTestId("verdict")).toHaveText("This certificate is genuine and valid.");
  await expect(page.getByTestId("holder")).toHaveText(learner.name);
  await expect(page.getByText("Human rights in ten minutes")).toBeVisible();
  await expect(page.getByText("Demo Academy for Local Human Rights")).toBeVisible();
  await expectAccessible(page);
  await visit(page, `/verify/${certificateId}?lng=ar`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByText("حقوق الإنسان في عشر دقائق")).toBeVisible();
  await expectAccessible(page);

  // the form, from the footer link
  await visit(page, "/?lng=en");
  await page.getByRole("contentinfo").getByRole("link", { name: "Verify a certificate" }).click();
  await page.waitForURL("/verify");
  await expectAccessible(page);
  await page.locator("#field-id").fill(` ${certificateId.toUpperCase()} `);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(`/verify/${certificateId}`);
  await expect(page.getByTestId("verdict")).toContainText("valid");
});

test("an unknown or malformed id gives a clear 'no such certificate'", async ({ page }) => {
  for (const id of [newId(), "not-a-certificate", "%3Cscript%3E"]) {
    const response = await page.goto(`/verify/${id}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such certificate");
  }
  await expectAccessible(page);
});

test("someone else's certificate is a 404 for another learner", async ({ page }) => {
  await signIn(page, colleague.email);
  for (const path of [`/certificates/${certificateId}`, `/certificates/${certificateId}.pdf`, `/certificates/${certificateId}.json`, `/certificates/${certificateId}.jwt`, `/certificates/${certificateId}.png`]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
});

test("the holder's manager revokes it with a reason; verification then says revoked", async ({ page, browser }) => {
  await signIn(page, "manager@demo.test");
  await visit(page, `/certificates/${certificateId}`);
  await expectAccessible(page);
  await page.getByRole("button", { name: "Revoke the certificate" }).click();
  await expect(page.locator("#field-reason-error")).toHaveText("Give the reason for revoking this certificate.");
  await expect(page.locator("#field-reason")).toHaveAttribute("aria-invalid", "true");
  await page.locator("#field-reason").fill("Issued in error during the pilot.");
  await page.getByRole("button", { name: "Revoke the certificate" }).click();
  await expect(page.getByRole("status")).toHaveText("The certificate has been revoked.");
  await expect(page.getByText("Issued in error during the pilot.")).toBeVisible();

  await visit(page, `/verify/${certificateId}`);
  await expect(page.getByTestId("verdict")).toContainText("was revoked on");
  // the reason is for the holder and managers, not for the public page
  await expect(page.getByText("Issued in error during the pilot.")).toHaveCount(0);
  const log = await db.auditLog.findFirst({ where: { targetId: certificateId, action: "certificate.revoke" } });
  expect(log?.details).toEqual({ reason: "Issued in error during the pilot." });

  // a revoked certificate is no longer handed out as a PDF or credential
  const holder = await (await browser.newContext()).newPage();
  await signIn(holder, learner.email);
  expect((await holder.request.get(`/certificates/${certificateId}.pdf`)).status()).toBe(410);
  for (const ext of ["json", "jwt", "png"]) expect((await holder.request.get(`/certificates/${certificateId}.${ext}`)).status()).toBe(410);
  await visit(holder, "/certificates");
  await expect(holder.locator('[data-state="revoked"]')).toHaveText("Revoked");
  await holder.context().close();
});
