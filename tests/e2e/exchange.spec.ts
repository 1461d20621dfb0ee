// Export and import of courses through the browser (issue 7): the demo author downloads the zip of a
// flagship course, imports it back unchanged → a new DRAFT version with the same content; a broken
// course lists its file:line errors and writes nothing; a learner and a manager get 404 on both URLs.
// In English and in Arabic (one flagship course each, since a course takes one unpublished version).
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { filesToZip, readCourseZip, streamToBuffer } from "../../app/authoring/exchange/zip.server";
import { expectAccessible, signIn, visit } from "./helpers";

test.describe.configure({ mode: "serial" });

const dbUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e.db";

async function withDb<T>(fn: (db: Awaited<ReturnType<typeof openDb>>) => Promise<T>): Promise<T> {
  const db = await openDb(dbUrl);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

const versionsOf = (slug: string) =>
  withDb((db) => db.courseVersion.findMany({ where: { course: { slug } }, orderBy: { version: "asc" }, select: { version: true, status: true, content: true } }));

async function exportZip(page: Page, slug: string, version: number): Promise<Buffer> {
  const response = await page.request.get(`/author/courses/${slug}/versions/${version}/export.zip`);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/zip");
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="${slug}-v${version}.zip"`);
  return Buffer.from(await response.body());
}

/** The way a person gets it: a link click, saved by the browser as a download under its file name. */
async function downloadZip(page: Page, slug: string, version: number): Promise<Buffer> {
  const downloading = page.waitForEvent("download");
  await page.evaluate((href) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = "Export (zip)";
    document.body.append(a);
    a.click();
  }, `/author/courses/${slug}/versions/${version}/export.zip`);
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`${slug}-v${version}.zip`);
  return readFile(await download.path());
}

async function upload(page: Page, name: string, buffer: Buffer) {
  await page.locator("#field-file").setInputFiles({ name, mimeType: "application/zip", buffer });
  await page.locator("form.exchange-form button[type=submit]").click();
}

// not procurement-and-labour-standards: access-control.spec.ts opens a draft of it
const CASES = [
  { lng: "en", slug: "human-rights-based-planning", draftWord: "draft", nothing: "Nothing was imported" },
  { lng: "ar", slug: "engaging-un-human-rights-mechanisms", draftWord: "مسودة", nothing: "لم يُستورد أي شيء" },
] as const;

for (const { lng, slug, draftWord, nothing } of CASES) {
  test.describe(`in ${lng}`, () => {
    test("a broken course lists every error as file:line and creates nothing", async ({ page }) => {
      await signIn(page, "author@demo.test");
      await visit(page, `/author/import?lng=${lng}`);
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
      await expectAccessible(page);

      const before = await versionsOf(slug);
      const published = before.find((v) => v.status === "PUBLISHED")!;
      const read = await readCourseZip(await exportZip(page, slug, published.version));
      if (!read.ok) throw new Error(JSON.stringify(read.problems));
      const files = read.files;
      // a quiz question without its answer, and a lesson missing in the source locale (en)
      const quizFile = [...files.keys()].find((f) => f.endsWith("/quiz.yaml"))!;
      const quiz = files.get(quizFile)!;
      const answerLine = quiz.split("\n").findIndex((l) => /^\s+answer: /.test(l));
      files.set(quizFile, quiz.split("\n").filter((_, i) => i !== answerLine).join("\n"));
      const lessonFile = [...files.keys()].find((f) => f.endsWith(".en.md"))!;
      files.delete(lessonFile);
      await upload(page, `${slug}-broken.zip`, await streamToBuffer(filesToZip(slug, files)));

      const failed = page.locator("section[aria-labelledby=import-failed]");
      await expect(failed.locator("h2")).toHaveText(nothing);
      const errors = await failed.locator(".exchange-errors li").allInnerTexts();
      expect(errors.some((e) => new RegExp(`^courses/${slug}/${quizFile}:\\d+: .*answer`).test(e)), errors.join("\n")).toBe(true);
      expect(errors).toContain(`courses/${slug}/${lessonFile}:1: lesson "${lessonFile.split("/").pop()!.split(".")[0]}" has no en file (the source locale)`);
      await expect(failed).toBeFocused();
      await expectAccessible(page);
      expect((await versionsOf(slug)).length).toBe(before.length);
    });

    test("export, import back unchanged: a new DRAFT version with the same content", async ({ page }) => {
      await signIn(page, "author@demo.test");
      await visit(page, `/author/import?lng=${lng}`);
      const before = await versionsOf(slug);
      const published = before.find((v) => v.status === "PUBLISHED")!;
      const zip = await downloadZip(page, slug, published.version);
      expect(zip).toEqual(await exportZip(page, slug, published.version)); // the same bytes each time
      await upload(page, `${slug}-v${published.version}.zip`, zip);

      const next = published.version + 1;
      const done = page.locator("section[aria-labelledby=import-done]");
      await expect(done.locator("h2")).toContainText(String(next));
      await expect(done).toContainText(draftWord);
      await expect(done).toBeFocused();
      await expect(done.getByRole("link")).toHaveAttribute("href", `/author/courses/${slug}`);
      await expectAccessible(page);

      const after = await versionsOf(slug);
      expect(after.map((v) => [v.version, v.status])).toEqual([...before.map((v) => [v.version, v.status]), [next, "DRAFT"]]);
      expect(after.at(-1)!.content).toEqual(published.content);

      // the draft can itself be exported; a second import is refused while the draft is unpublished
      const again = await exportZip(page, slug, next);
      await upload(page, `${slug}-v${next}.zip`, again);
      await expect(page.locator("section[aria-labelledby=import-failed]")).toContainText(slug);
      expect((await versionsOf(slug)).length).toBe(after.length);
    });
  });
}

test("an author of two academies chooses the academy (labelled, accessible in en and ar)", async ({ page }) => {
  const ids = await withDb(async (db) => {
    const author = await db.user.findUniqueOrThrow({ where: { email: "author@demo.test" }, select: { id: true } });
    const org = await db.organization.create({ data: { id: "e2e-second-academy", slug: "e2e-second-academy", name: "Second Academy", kind: "ACADEMY" } });
    await db.membership.create({ data: { id: "e2e-second-academy-author", userId: author.id, organizationId: org.id, role: "AUTHOR" } });
    return { org: org.id };
  });
  try {
    await signIn(page, "author@demo.test");
    for (const lng of ["en", "ar"]) {
      await visit(page, `/author/import?lng=${lng}`);
      const select = page.locator("select#field-academy");
      await expect(select.locator("option")).toHaveCount(2);
      await expect(page.locator("label[for=field-academy]")).toBeVisible();
      await expectAccessible(page);
    }
  } finally {
    await withDb(async (db) => {
      await db.membership.deleteMany({ where: { organizationId: ids.org } });
      await db.organization.delete({ where: { id: ids.org } });
    });
  }
});

test("an upload over the size limit gets a translated message, not a crash", async ({ page }) => {
  await signIn(page, "author@demo.test");
  await visit(page, "/author/import?lng=fr");
  await upload(page, "huge.zip", Buffer.alloc(11 * 1024 * 1024, 1));
  await expect(page.locator("section[aria-labelledby=import-failed]")).toContainText("10 Mo");
});

test("what is not a zip is refused with a translated message", async ({ page }) => {
  await signIn(page, "author@demo.test");
  await visit(page, "/author/import?lng=en");
  await upload(page, "notes.zip", Buffer.from("these are not the files you are looking for"));
  await expect(page.locator("section[aria-labelledby=import-failed]")).toContainText("not a readable zip file");
});

test("a learner and a manager get 404 on the import page and the export URL", async ({ page, baseURL }) => {
  const exportUrl = "/author/courses/human-rights-based-planning/versions/1/export.zip";
  for (const email of ["learner@demo.test", "manager@demo.test"]) {
    await signIn(page, email);
    expect((await page.request.get("/author/import", { maxRedirects: 0 })).status(), email).toBe(404);
    expect((await page.request.post("/author/import", { multipart: { academy: "x" }, headers: { Origin: baseURL! } })).status(), email).toBe(404);
    expect((await page.request.get(exportUrl, { maxRedirects: 0 })).status(), email).toBe(404);
    await page.context().clearCookies();
  }
});
