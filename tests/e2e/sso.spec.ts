// Single sign-on with OpenID Connect (issue 16 item 3) against a real provider process started here
// (tests/fixtures/oidc-provider.mjs, panva's oidc-provider): the platform administrator configures
// Riverside, a person signs in with their work account and lands as a learner of Riverside; a wrong
// state, a replayed code, an email outside the allowed domains and an unverified email are refused
// with a translated message and create nothing.
import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Page } from "@playwright/test";
import { openDb } from "../../app/db.server";
import { expectAccessible, signIn, visit } from "./helpers";
import { E2E_PORT } from "./processes";

// the port after the app's (3171 beside E2E_PORT=3170), registered with the callback on the app's origin
const IDP_PORT = E2E_PORT + 1;
const ISSUER = `http://127.0.0.1:${IDP_PORT}`;
const CALLBACK = `http://localhost:${E2E_PORT}/sso/callback`;
const CLIENT = { id: "rights-academy-e2e", secret: "e2e-oidc-client-secret-0123456789" };

let idp: ChildProcess;

test.beforeAll(async () => {
  idp = spawn(process.execPath, ["tests/fixtures/oidc-provider.mjs", String(IDP_PORT), CALLBACK], { stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  idp.stdout!.on("data", (d) => (log += d));
  idp.stderr!.on("data", (d) => (log += d));
  // ready when its discovery document answers
  for (let i = 0; ; i++) {
    if (idp.exitCode !== null) throw new Error(`oidc-provider exited:\n${log}`);
    try {
      if ((await fetch(`${ISSUER}/.well-known/openid-configuration`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 600) throw new Error(`oidc-provider did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});

test.afterAll(async () => {
  if (idp && idp.exitCode === null) {
    const exited = new Promise((r) => idp.once("exit", r));
    idp.kill("SIGTERM");
    await exited;
  }
});

const db = () => openDb(process.env.E2E_DATABASE_URL ?? "file:./e2e.db");

/** The provider's development screens: sign in as an account (any password), then consent. */
async function providerSignIn(page: Page, login: string) {
  await page.waitForURL((url) => url.origin === ISSUER);
  await page.locator("input[name=login]").fill(login);
  await page.locator("input[name=password]").fill("any-password");
  await page.locator("button[type=submit]").click();
  // the consent screen, the first time this account meets this client
  await page.waitForURL((url) => url.origin !== ISSUER || url.pathname.includes("/interaction/"));
  if (new URL(page.url()).origin === ISSUER) {
    const consent = page.locator("button[type=submit]");
    await consent.waitFor();
    await consent.click();
  }
}

async function startFromPicker(page: Page, email: string) {
  await visit(page, "/sso");
  await page.locator("#sso-email").fill(email);
  await page.getByRole("button", { name: "Find my organization" }).click();
  await page.getByRole("link", { name: /Continue with City of Riverside/ }).click();
}

// a whole provider round trip per test on a loaded machine: more than the default minute
test.describe.configure({ mode: "serial", timeout: 180_000 });

test.describe("single sign-on", () => {
  test("the administrator configures Riverside's provider (secret stored encrypted)", async ({ page }) => {
    await signIn(page, "admin@demo.test");
    await visit(page, "/admin/sso");
    await expect(page.locator("code")).toHaveText(CALLBACK);
    await page.getByRole("link", { name: "City of Riverside (demo)" }).click();
    await page.locator("html[data-hydrated]").waitFor();
    // a bad issuer is refused with a message
    await page.locator("#field-issuer").fill("ftp://idp.example.org");
    await page.locator("#field-clientId").fill(CLIENT.id);
    await page.locator("#field-clientSecret").fill(CLIENT.secret);
    await page.locator("#field-allowedDomains").fill("Riverside.example");
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.locator("#field-issuer-error")).toContainText("https://");
    await page.locator("#field-issuer").fill(ISSUER);
    await page.locator("#field-clientSecret").fill(CLIENT.secret);
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("saved");
    await expectAccessible(page);
    const client = await db();
    try {
      const row = await client.organizationSso.findFirstOrThrow({ where: { organization: { slug: "riverside" } } });
      expect(row.clientSecret).not.toContain(CLIENT.secret);
      expect(row.clientSecret.startsWith("v1.")).toBe(true);
      expect(row.allowedDomains).toBe("riverside.example");
    } finally {
      await client.$disconnect();
    }
  });

  test("first sign-in creates a learner of Riverside; a replayed code and a replayed state are refused", async ({ page }) => {
    let callbackUrl = "";
    page.on("request", (r) => {
      if (r.url().startsWith(CALLBACK)) callbackUrl = r.url();
    });
    await startFromPicker(page, "anna.sso@riverside.example");
    await providerSignIn(page, "anna");
    // before the callback consumed it, keep this attempt's cookie (to replay the code with it)
    await page.waitForURL(/\/learning/);
    await page.locator("html[data-hydrated]").waitFor();
    await expect(page.locator("form[action='/logout']")).toBeVisible();
    expect(callbackUrl).toContain("code=");

    const client = await db();
    try {
      const user = await client.user.findUniqueOrThrow({
        where: { email: "anna.sso@riverside.example" },
        select: { name: true, lastSignInAt: true, memberships: { select: { role: true, status: true, organization: { select: { slug: true } } } }, identities: { select: { issuer: true, subject: true } } },
      });
      expect(user.name).toBe("Anna Lindqvist");
      expect(user.lastSignInAt).not.toBeNull();
      expect(user.memberships).toEqual([{ role: "LEARNER", status: "ACTIVE", organization: { slug: "riverside" } }]);
      expect(user.identities).toEqual([{ issuer: ISSUER, subject: "anna" }]);
    } finally {
      await client.$disconnect();
    }

    // the same callback again: this browser's attempt was used up → refused (state)
    await page.goto(callbackUrl);
    await expect(page.getByRole("alert")).toContainText("could not be verified");
  });

  test("a code replayed with a copy of the attempt's cookie is refused by the provider", async ({ page, context }) => {
    let callbackUrl = "";
    page.on("request", (r) => {
      if (r.url().startsWith(CALLBACK)) callbackUrl = r.url();
    });
    await startFromPicker(page, "anna.sso@riverside.example");
    // at the provider: this attempt's cookie (state, nonce, PKCE verifier) is set; keep a copy
    await page.waitForURL((url) => url.origin === ISSUER);
    const flowCookie = (await context.cookies(CALLBACK)).find((c) => c.name === "sso_flow");
    expect(flowCookie).toBeDefined();
    await providerSignIn(page, "anna");
    await page.waitForURL(/\/learning/);
    expect(callbackUrl).toContain("code=");
    await context.addCookies([{ name: "sso_flow", value: flowCookie!.value, domain: "localhost", path: "/sso" }]);
    await page.goto(callbackUrl);
    await expect(page.getByRole("alert")).toContainText("already used");
  });

  test("a wrong state is refused and nothing is created", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await startFromPicker(page, "anna.sso@riverside.example");
    await page.waitForURL((url) => url.origin === ISSUER);
    // the attempt's cookie is set; a callback with another state is not this attempt's
    await page.goto(`${CALLBACK}?code=forged-code&state=forged-state&iss=${encodeURIComponent(ISSUER)}`);
    await expect(page.getByRole("alert")).toContainText("could not be verified");
    await expect(page.locator("form[action='/logout']")).toHaveCount(0);
    await context.close();
  });

  for (const [login, email, message] of [
    ["eve", "eve@elsewhere.example", "not in a domain this organization allows"],
    ["otto", "otto.sso@riverside.example", "not verified"],
  ] as const) {
    test(`${login}: refused (${message}), no account created`, async ({ browser }) => {
      const context = await browser.newContext();
      const page = await context.newPage();
      // eve's domain finds no organization by email: she picks Riverside from the list
      await visit(page, "/sso");
      await page.getByRole("link", { name: "City of Riverside (demo)" }).click();
      await providerSignIn(page, login);
      await page.waitForURL((url) => url.pathname === "/sso/callback");
      await expect(page.getByRole("alert")).toContainText(message);
      await expectAccessible(page);
      const client = await db();
      try {
        expect(await client.user.count({ where: { email } })).toBe(0);
        expect(await client.userIdentity.count({ where: { subject: login } })).toBe(0);
      } finally {
        await client.$disconnect();
      }
      await context.close();
    });
  }

  test("the refusal is translated (Arabic, right to left)", async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await visit(page, "/sso?lng=ar");
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await page.goto(`${CALLBACK}?code=x&state=y`);
    await expect(page.getByRole("alert")).toContainText("تعذّر التحقق من عملية تسجيل الدخول");
    await context.close();
  });

  test("password sign-in turned off for Riverside: its members are sent to single sign-on", async ({ page, browser }) => {
    await signIn(page, "admin@demo.test");
    await visit(page, "/admin/sso/riverside");
    await page.locator("#sso-password-off").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect(page.getByRole("status")).toContainText("saved");
    try {
      const context = await browser.newContext();
      const learner = await context.newPage();
      await visit(learner, "/login");
      await learner.locator("#field-email").fill("learner@demo.test");
      await learner.locator("#field-password").fill("demo-password-2026");
      await learner.locator("form.card button[type=submit]").click();
      await expect(learner.getByRole("alert")).toContainText("Sign in with your organization");
      await context.close();
    } finally {
      // the other specs sign in Riverside's demo people with their passwords
      await visit(page, "/admin/sso/riverside");
      await page.locator("#sso-password-off").uncheck();
      await page.getByRole("button", { name: "Save" }).click();
      await expect(page.getByRole("status")).toContainText("saved");
    }
  });
});
