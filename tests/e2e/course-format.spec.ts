// Objectives, tools (page + downloads) and the course glossary, read by a learner in English and Arabic.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, uniqueEmail, visit } from "./helpers";
import { registerAccount } from "./mail";

async function registerLearner(page: Page, locale: string) {
  await registerAccount(page, { name: locale === "ar" ? "سلمى خليل" : "Ana Ruiz", email: uniqueEmail(`format-${locale}`), password: "learning every single day", locale });
}

const TEXT = {
  en: { objective: "Explain why a local government is a duty bearer.", tool: "Service access checklist", term: "Duty bearer" },
  ar: { objective: "شرح سبب كون الحكومة المحلية جهة مكلّفة بالواجبات.", tool: "قائمة التحقق من الوصول إلى الخدمات", term: "الجهة المكلّفة بالواجبات" },
} as const;

for (const locale of ["en", "ar"] as const) {
  test(`objectives, tool downloads and the glossary in ${locale}`, async ({ page }) => {
    test.setTimeout(120_000); // two languages of pages with axe on a machine shared by several test runs
    const text = TEXT[locale];
    await registerLearner(page, locale);

    // course page: objectives under the module, the tool, the glossary
    await visit(page, "/courses/short-course");
    await expect(page.getByTestId("objectives-essentials")).toContainText(text.objective);
    await expect(page.getByTestId("glossary-link")).toBeVisible();
    await expectAccessible(page);

    // the tool's page (no JavaScript bundle) and its two downloads
    await page.getByTestId("tool-service-checklist").click();
    await page.waitForURL(/\/courses\/short-course\/essentials\/tools\/service-checklist$/);
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "static");
    await expect(page.locator("h1")).toHaveText(text.tool);
    await expect(page.locator("table")).toBeVisible();
    if (locale === "ar") await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);

    const html = await page.request.get(await page.getByTestId("download-html").getAttribute("href") ?? "");
    expect(html.status()).toBe(200);
    expect(html.headers()["content-disposition"]).toBe(`attachment; filename="service-checklist.${locale}.html"`);
    const body = await html.text();
    expect(body).toContain(`<html lang="${locale}" dir="${locale === "ar" ? "rtl" : "ltr"}">`);
    expect(body).toContain(`<h1>${text.tool}</h1>`);
    expect(body).not.toContain("<script");
    const md = await page.request.get(await page.getByTestId("download-md").getAttribute("href") ?? "");
    expect(md.headers()["content-disposition"]).toBe(`attachment; filename="service-checklist.${locale}.md"`);
    expect(md.headers()["content-type"]).toContain("text/markdown");
    expect(await md.text()).toMatch(/^---\ntitle: /);

    // the glossary, from the course page
    await visit(page, "/courses/short-course");
    await page.getByTestId("glossary-link").click();
    await page.waitForURL(/\/courses\/short-course\/glossary$/);
    await expect(page.locator("#duty-bearer dt")).toHaveText(text.term);
    await expectAccessible(page);

    // a lesson's glossary link leads to the term
    await visit(page, "/courses/short-course");
    await page.getByTestId("enrol").click();
    await page.waitForURL(/\/courses\/short-course\/essentials\//);
    await visit(page, "/courses/short-course/essentials/duty-bearers");
    await expect(page.getByTestId("lesson-glossary")).toBeVisible();
    await expectAccessible(page);
    await page.locator("a.glossary-link").first().click();
    await page.waitForURL(/\/courses\/short-course\/glossary#duty-bearer$/);
    await expect(page.locator("#duty-bearer")).toBeVisible();
  });
}

test("unknown tools, formats and glossaries are not found", async ({ page }) => {
  for (const path of [
    "/courses/short-course/essentials/tools/no-such-tool",
    "/courses/short-course/no-module/tools/service-checklist",
    "/courses/short-course/essentials/tools/service-checklist/download/pdf",
    "/courses/no-such-course/glossary",
  ]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(404);
  }
});
