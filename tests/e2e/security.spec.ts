// Issue 16's security probe, kept as tests: headers and CSP (pages hydrate under it), open redirects,
// body limits, malformed bodies on every form action (no 5xx), and the password reset journey.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD, expectAccessible, signIn, uniqueEmail, visit } from "./helpers";
import { emailTo, linkIn, registerAccount, submitRegistration } from "./mail";

/** Collects CSP violations reported in the page (securitypolicyviolation events and console errors). */
async function watchCsp(page: Page) {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("security headers: a nonce-based CSP on pages, and pages hydrate under it with no violation", async ({ page }) => {
  const violations = await watchCsp(page);
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  const nonce = /script-src[^;]*'nonce-([^']+)'/.exec(headers["content-security-policy"])?.[1];
  expect(nonce, headers["content-security-policy"]).toBeTruthy();
  expect(headers["content-security-policy"]).not.toContain("'unsafe-inline' 'nonce"); // scripts: nonce only
  await page.locator("html[data-hydrated]").waitFor();
  // every inline script that runs carries this response's nonce (the browser hides the attribute's value)
  const inlineWithoutNonce = await page.evaluate(() =>
    [...document.querySelectorAll("script:not([src]):not([type='application/json'])")].filter((s) => !(s as HTMLScriptElement).nonce).length,
  );
  expect(inlineWithoutNonce).toBe(0);
  // a second page gets a different nonce
  const again = await page.request.get("/login");
  expect(again.headers()["content-security-policy"]).not.toContain(nonce!);
  // a client-side navigation and a signed-in page, then the lesson page and its own inline script
  await signIn(page, "learner@demo.test");
  await visit(page, "/courses/short-course");
  await page.goto("/courses/short-course/essentials/rights-holders");
  await expect(page.locator("main h1")).toBeVisible();
  expect(await page.evaluate(() => [...document.querySelectorAll("script:not([src]):not([type='application/json'])")].filter((s) => !(s as HTMLScriptElement).nonce).length)).toBe(0);
  expect(violations).toEqual([]);
  // not HTML: the base policy still forbids framing
  const health = await page.request.get("/healthz");
  expect(health.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
});

test("open redirect: redirectTo is only ever a same-origin path", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  for (const evil of ["/\t/evil.example", "/\\evil.example", "//evil.example", "/.//evil.example", "https://evil.example", "/\r\nSet-Cookie:x=1"]) {
    await visit(page, "/login");
    const response = await page.request.post("/login", {
      form: { email: "learner@demo.test", password: DEMO_PASSWORD, redirectTo: evil },
      headers: { Origin: new URL(page.url()).origin },
      maxRedirects: 0,
    });
    expect(response.status(), evil).toBe(302);
    expect(response.headers()["location"], evil).toBe("/learning");
  }
  // signed in, the sign-in page itself redirects: the same rule
  const response = await page.request.get(`/login?redirectTo=${encodeURIComponent("/\t/evil.example")}`, { maxRedirects: 0 });
  expect(response.headers()["location"]).toBe("/");
  const fine = await page.request.get(`/login?redirectTo=${encodeURIComponent("/courses?x=1")}`, { maxRedirects: 0 });
  expect(fine.headers()["location"]).toBe("/courses?x=1");
  await context.close();
});

test("a too-large form gets a translated 413 page, the server answers at once", async ({ request, baseURL }) => {
  const big = "x=" + "a".repeat(2 * 1024 * 1024);
  const started = Date.now();
  const response = await request.post("/login", {
    data: big,
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: baseURL!, "Accept-Language": "ar" },
  });
  expect(response.status()).toBe(413);
  const html = await response.text();
  expect(html).toContain('dir="rtl"');
  expect(html).toContain("بيانات كثيرة جدًا");
  expect(Date.now() - started).toBeLessThan(5_000);
});

// ---- Malformed bodies on every action route: never a 5xx ----

/** Every route module that exports an action, as a URL with the demo data's parameters filled in. */
function actionRoutes(): string[] {
  const dir = path.resolve("app/routes");
  const params: Record<string, string> = {
    org: "riverside",
    slug: "short-course",
    moduleKey: "essentials",
    lessonKey: "rights-holders",
    questionKey: "who-holds-rights",
    version: "1",
    token: "a".repeat(43),
    id: "no-such-certificate",
    userId: "no-such-user",
    kind: "staff",
  };
  return readdirSync(dir)
    .filter((f) => /\.(tsx?|mjs)$/.test(f) && !f.includes(".test."))
    .filter((f) => /export (async )?function action|export const action/.test(readFileSync(path.join(dir, f), "utf8")))
    .map((f) => {
      const name = f.replace(/\.(tsx?|mjs)$/, "");
      const segments = name
        .split(".")
        .filter((s) => s !== "_index" && !s.startsWith("_") && s !== "")
        .map((s) => (s.endsWith("_") ? s.slice(0, -1) : s))
        .map((s) => (s.startsWith("$") ? params[s.slice(1)] ?? "x" : s.replace(/^\[|\]$/g, "")));
      return "/" + segments.join("/");
    });
}

const MALFORMED: { name: string; body: string | Buffer; type?: string }[] = [
  { name: "JSON", body: '{"intent":"save","email":["a"],"revision":1e20}', type: "application/json" },
  { name: "text", body: "hello", type: "text/plain" },
  { name: "empty", body: "" },
  { name: "empty form", body: "", type: "application/x-www-form-urlencoded" },
  { name: "broken multipart", body: "--x\r\nContent-Disposition: form-data\r\n\r\nno end", type: "multipart/form-data; boundary=x" },
  { name: "bad values", body: "intent=assign&dueDate=2026-02-31&revision=1e20&departments=" + "d,".repeat(3000) + "&redirectTo=%2F%0D%0A%2Fevil&email=%00&courseId=%FF", type: "application/x-www-form-urlencoded" },
  { name: "every intent, nothing else", body: "intent=delete&intent=save&id=1&id=2", type: "application/x-www-form-urlencoded" },
];

async function fuzz(request: APIRequestContext, origin: string, routes: string[]) {
  const failures: string[] = [];
  for (const route of routes) {
    for (const m of MALFORMED) {
      const response = await request.post(route, {
        data: m.body,
        headers: { Origin: origin, ...(m.type ? { "Content-Type": m.type } : {}) },
        maxRedirects: 0,
      });
      if (response.status() >= 500) failures.push(`${route} ${m.name}: ${response.status()}`);
    }
  }
  return failures;
}

test("malformed bodies on every action route, signed in as each role: never a 5xx", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const routes = actionRoutes();
  expect(routes.length).toBeGreaterThan(15);
  const failures: string[] = [];
  for (const who of [null, "learner@demo.test", "manager@demo.test", "author@demo.test", "admin@demo.test"]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (who) await signIn(page, who);
    failures.push(...(await fuzz(page.request, baseURL!, routes)).map((f) => `${who ?? "anonymous"} ${f}`));
    await context.close();
  }
  expect(failures).toEqual([]);
});

// ---- Password reset ----

async function createAccount(page: Page, email: string, password: string, locale = "en") {
  await registerAccount(page, { name: "Reset Tester", email, password, locale });
}

for (const locale of ["en", "ar"] as const) {
  test(`password reset (${locale}): same answer for any address, single-use link, every session ends`, async ({ browser }) => {
    test.setTimeout(150_000);
    const email = uniqueEmail(`reset-${locale}`);
    const oldPassword = "an old password that is long";
    const newPassword = "a brand new password phrase";
    // a session on another device, which the reset must end
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await createAccount(otherPage, email, oldPassword, locale);

    const context = await browser.newContext({ locale: locale === "ar" ? "ar" : "en-GB" });
    const page = await context.newPage();
    await visit(page, `/login?lng=${locale}`);
    await page.locator("a[href='/forgot-password']").click();
    await page.waitForURL("/forgot-password");
    await page.locator("html[data-hydrated]").waitFor();
    if (locale === "ar") await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);

    // an address without an account: the same answer
    await page.locator("#field-email").fill(uniqueEmail("nobody"));
    await page.locator("form.card button[type=submit]").click();
    const answer = await page.locator("[role=status]").innerText();
    await visit(page, "/forgot-password");
    const asked = Date.now();
    await page.locator("#field-email").fill(email);
    await page.locator("form.card button[type=submit]").click();
    await expect(page.locator("[role=status]")).toHaveText(answer);

    const mail = await emailTo(email, asked);
    if (locale === "ar") expect(mail.subject).toContain("كلمة مرور");
    const link = /https?:\/\/\S+\/reset-password\/[A-Za-z0-9_-]{43}/.exec(mail.text ?? "")?.[0];
    expect(link, mail.text).toBeTruthy();
    const resetPath = new URL(link!).pathname;

    await visit(page, resetPath);
    await expectAccessible(page);
    await page.locator("#field-password").fill("short");
    await page.locator("form.card button[type=submit]").click();
    await expect(page.locator("#field-password-error")).toBeVisible();
    await page.locator("#field-password").fill(newPassword);
    await page.locator("form.card button[type=submit]").click();
    await page.waitForURL(/\/login\?reset=done/);
    await expect(page.locator("[role=status]")).toBeVisible();
    // signing in on this very page works (the reset page's referrer policy once made its next POST "Origin: null")
    await page.locator("#field-email").fill(email);
    await page.locator("#field-password").fill(newPassword);
    await page.locator("form.card button[type=submit]").click();
    await page.waitForURL(/\/learning/);

    // the other device was signed out
    await otherPage.goto("/account");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
    // the link works once
    const reused = await page.goto(resetPath);
    expect(reused!.status()).toBe(404);
    await expect(page.locator("[role=alert]")).toBeVisible();
    await context.close();
  });
}

// ---- Registration does not tell which addresses have accounts ----

for (const locale of ["en", "ar"] as const) {
  test(`registration (${locale}): a taken address gets the same answer and its owner an email; a new one a single-use link`, async ({ browser }) => {
    test.setTimeout(150_000);
    const owner = uniqueEmail(`owner-${locale}`);
    const ownerPassword = "the owner's own passphrase";
    const ownerContext = await browser.newContext();
    await registerAccount(await ownerContext.newPage(), { name: "Owner Person", email: owner, password: ownerPassword, locale });
    await ownerContext.close();

    const context = await browser.newContext({ locale: locale === "ar" ? "ar" : "en-GB" });
    const page = await context.newPage();
    /** The answer to the form: HTTP status and the text of the page's main content, the address left out. */
    async function answerFor(email: string, name: string) {
      const response = page.waitForResponse((r) => new URL(r.url()).pathname === "/register" && r.request().method() === "POST");
      await submitRegistration(page, { name, email, password: "a completely different passphrase", locale });
      const status = (await response).status();
      const text = (await page.locator("main").innerText()).replace(email, "<address>");
      return { status, text };
    }
    const fresh = uniqueEmail(`fresh-${locale}`);
    const asked = Date.now();
    const forNew = await answerFor(fresh, "New Person");
    if (locale === "ar") await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expectAccessible(page);
    const forTaken = await answerFor(owner, "Someone Else");
    expect(forTaken).toEqual(forNew);
    expect(forNew.status).toBe(200);

    // the owner is told, in their language, and can still sign in with their own password
    const notice = await emailTo(owner, asked);
    if (locale === "ar") expect(notice.subject).toContain("حساب");
    expect(notice.text).toContain("Owner Person");
    expect(notice.text).not.toContain("Someone Else");
    expect(notice.text).not.toMatch(/\/register\/confirm\//);
    const ownerAgain = await browser.newContext();
    await signIn(await ownerAgain.newPage(), owner, ownerPassword);
    await ownerAgain.close();

    // the new address: the link shows a button (opening it creates nothing), the account exists once it is pressed
    const confirmPath = linkIn(await emailTo(fresh, asked), /\/register\/confirm\/[A-Za-z0-9_-]{43}/);
    await visit(page, confirmPath);
    await expect(page.locator("dd bdi")).toHaveText(fresh);
    await expectAccessible(page);
    await page.locator("form.card button[type=submit]").click();
    await page.waitForURL(/\/learning/);
    await expect(page.locator("html")).toHaveAttribute("lang", locale);
    // the link works once
    const reused = await page.goto(confirmPath);
    expect(reused!.status()).toBe(404);
    await expect(page.locator("[role=alert]")).toBeVisible();
    await context.close();
  });
}
