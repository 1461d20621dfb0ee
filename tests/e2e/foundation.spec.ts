import { expect, test } from "@playwright/test";
import { expectAccessible, signIn, signOut, uniqueEmail, visit } from "./helpers";
import { registerAccount } from "./mail";

test.describe("accounts", () => {
  test("register → confirm by email → sign out → sign in", async ({ page }) => {
    const email = uniqueEmail("newcomer");
    await registerAccount(page, { name: "Fatou Diallo", email, password: "a river runs through our town", locale: "fr" });
    // registered with French as preferred language: the interface follows
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await signOut(page);
    await signIn(page, email, "a river runs through our town");
    await expect(page.locator("form[action='/logout']")).toBeVisible();
  });

  test("registration errors are shown, translated, and keep what was typed", async ({ page }) => {
    await visit(page, "/register?lng=es");
    await page.locator("#field-name").fill("Ana");
    await page.locator("#field-email").fill("not-an-email");
    await page.locator("#field-password").fill("password123");
    await page.locator("form.card button[type=submit]").click();
    await expect(page.locator("#field-email-error")).toContainText("correo");
    await expect(page.locator("#field-name")).toHaveValue("Ana");
    await expect(page.locator("#field-email")).toHaveValue("not-an-email");
    await expect(page.locator("#field-password")).toHaveValue("");
    await page.locator("#field-email").fill(uniqueEmail("ana"));
    await page.locator("#field-password").fill("password123");
    await page.locator("form.card button[type=submit]").click();
    await expect(page.locator("#field-password-error")).toBeVisible();
    await expect(page.locator("#field-password")).toHaveAttribute("aria-invalid", "true");
  });

  test("a wrong password shows an error", async ({ page }) => {
    await visit(page, "/login");
    await page.locator("#field-email").fill("learner@demo.test");
    await page.locator("#field-password").fill("not the right password");
    await page.locator("form.card button[type=submit]").click();
    await expect(page.getByRole("alert")).toContainText("not correct");
    await expect(page.locator("#field-email")).toHaveValue("learner@demo.test");
  });

  test("change name, language and password; old password stops working", async ({ page, browser }) => {
    const email = uniqueEmail("changer");
    await registerAccount(page, { name: "Before Name", email, password: "first long passphrase here" });
    // a second device, signed in too
    const other = await browser.newContext();
    const otherPage = await other.newPage();
    await signIn(otherPage, email, "first long passphrase here");

    await visit(page, "/account");
    await page.locator("#field-name").fill("After Name");
    await page.locator("#field-locale").selectOption("ru");
    // a document submission (a new language reloads the page's strings): wait for the new page, in
    // Russian, to say the profile was saved, and to hydrate before the next form is used
    await page.locator("form:has(input[value=profile]) button[type=submit]").click();
    await expect(page.locator("html")).toHaveAttribute("lang", "ru");
    await expect(page.locator("section[aria-labelledby=profile-heading] [role=status]")).toBeVisible();
    await page.locator("html[data-hydrated]").waitFor();

    // The profile's "saved" status is still on the page, so "a status is visible" proves nothing about
    // the password: wait for the password action's own reply and its own confirmation. Leaving the page
    // earlier cancels the request after the server has ended every session, and this browser never
    // receives its new session cookie (it was then signed out, and /account showed the sign-in page).
    await page.locator("#field-currentPassword").fill("first long passphrase here");
    await page.locator("#field-newPassword").fill("second long passphrase here");
    const passwordSaved = page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname.startsWith("/account"));
    await page.locator("form:has(input[value=password]) button[type=submit]").click();
    expect((await passwordSaved).status()).toBe(200);
    await expect(page.locator("section[aria-labelledby=password-heading] [role=status]")).toBeVisible();
    // this browser stays signed in; the other device is signed out
    await visit(page, "/account");
    await expect(page.locator("#field-name")).toHaveValue("After Name");
    await visit(otherPage, "/account");
    await expect(otherPage).toHaveURL(/\/login/);
    await other.close();
  });
});

test.describe("languages", () => {
  test("switching to Arabic gives dir=rtl and translated navigation", async ({ page }) => {
    await visit(page, "/");
    await expect(page.locator("html")).toHaveAttribute("dir", "ltr");
    const englishNav = await page.getByRole("navigation").first().innerText();
    await page.locator(".lang-switcher summary").click();
    await page.locator(".lang-switcher a[data-lng=ar]").click();
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    const arabicNav = await page.getByRole("navigation").first().innerText();
    expect(arabicNav).not.toEqual(englishNav);
    expect(arabicNav).toMatch(/[\u0600-\u06FF]/);
    // the choice is remembered on the next page (cookie)
    await visit(page, "/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
  });

  test("Accept-Language is used when nothing else says which language", async ({ browser }) => {
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    await visit(page, "/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh");
    await context.close();
  });

  test("404 page is translated", async ({ page }) => {
    const response = await page.goto("/no-such-page?lng=fr");
    expect(response?.status()).toBe(404);
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.locator("h1")).not.toHaveText("Page not found");
  });
});

test.describe("roles", () => {
  const cases = [
    { email: "learner@demo.test", sees: [], hides: ["/manage/", "/author", "/admin"] },
    { email: "manager@demo.test", sees: ["/manage/riverside"], hides: ["/author", "/admin"] },
    { email: "author@demo.test", sees: ["/author"], hides: ["/manage/", "/admin"] },
    { email: "admin@demo.test", sees: ["/admin"], hides: ["/manage/", "/author"] },
  ];
  for (const c of cases) {
    test(`${c.email} sees its own navigation`, async ({ page }) => {
      await signIn(page, c.email);
      const nav = page.getByRole("navigation", { name: /main/i });
      await expect(nav.locator("a[href='/learning']")).toBeVisible();
      for (const href of c.sees) await expect(nav.locator(`a[href='${href}']`)).toBeVisible();
      for (const prefix of c.hides) await expect(nav.locator(`a[href^='${prefix}']`)).toHaveCount(0);
    });
  }
});

test.describe("security", () => {
  test("a POST with a foreign Origin is refused", async ({ request }) => {
    const response = await request.post("/login", {
      headers: { Origin: "https://attacker.example" },
      form: { email: "learner@demo.test", password: "demo-password-2026" },
    });
    expect(response.status()).toBe(403);
  });

  test("a POST from our own origin is accepted", async ({ request, baseURL }) => {
    const response = await request.post("/login", {
      headers: { Origin: baseURL! },
      form: { email: "nobody@example.org", password: "wrong-password-123" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(400);
  });

  test("sign-in is rate limited after 10 failures", async ({ request, baseURL }) => {
    const email = uniqueEmail("target");
    let last = 0;
    for (let i = 0; i < 11; i++) {
      const response = await request.post("/login", {
        headers: { Origin: baseURL!, "Accept-Language": "fr" },
        form: { email, password: `wrong-password-${i}` },
      });
      last = response.status();
    }
    expect(last).toBe(429);
  });

  test("session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await signIn(page, "learner@demo.test");
    const cookie = (await context.cookies()).find((c) => c.name === "session");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.secure).toBe(true);
  });

  test("healthz answers with the database status", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
  });
});

test.describe("accessibility", () => {
  for (const lng of ["en", "ar"]) {
    for (const path of ["/", "/login", "/register", "/about", "/no-such-page"]) {
      test(`axe: ${path} in ${lng}`, async ({ page }) => {
        await visit(page, `${path}?lng=${lng}`);
        await expectAccessible(page);
      });
    }
    test(`axe: account page in ${lng}`, async ({ page }) => {
      await signIn(page, "learner@demo.test");
      await visit(page, `/account?lng=${lng}`);
      await expectAccessible(page);
    });
  }
});
