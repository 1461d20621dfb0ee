// Statelessness: two production app processes on one PostgreSQL database, behind a round-robin
// proxy that sends every request to the other process than the one before (page loads, form posts,
// fetcher calls, assets). A whole learner journey must work, which is only possible if nothing
// that must survive a request lives in a process's memory (docs/deployment.md, "Process state").
import { createServer, request as httpRequest, type Server } from "node:http";
import { expect, test } from "@playwright/test";
import { compactVerify, importJWK } from "jose";
import { generatePrivateJwk } from "~/certificates/keys.server";
import { DEMO_PASSWORD, expectAccessible, signIn, visit } from "./helpers";
import { isPostgresRun, ownDatabaseUrl, ports, prepareDatabase, startApp, type AppProcess } from "./processes";
import { answerCurrent, answerKey } from "./quiz-helpers";

test.skip(
  !isPostgresRun(),
  "needs PostgreSQL: several app processes share one database only on PostgreSQL (run with E2E_DATABASE_URL=postgresql://…, as CI's second pass does)",
);
test.describe.configure({ mode: "serial" });
test.setTimeout(360_000); // generous: CI machines may be busy

const proxyOrigin = `http://localhost:${ports.proxy}`;
test.use({ baseURL: proxyOrigin });

const apps: AppProcess[] = [];
let proxy: Server | undefined;
const served = [
  { all: 0, posts: 0 },
  { all: 0, posts: 0 },
];
const sequence: number[] = []; // which process answered each POST, in order

test.beforeAll(async () => {
  const databaseUrl = ownDatabaseUrl("two");
  await prepareDatabase(databaseUrl, { quiet: true });
  // what docs/deployment.md prescribes for N processes: one session secret, one certificate key,
  // the public origin, and trust in the proxy's forwarded headers
  const shared = {
    SESSION_SECRET: "two-processes-share-this-session-secret-0123456789",
    CERT_SIGNING_KEY: JSON.stringify(generatePrivateJwk()),
    PUBLIC_URL: proxyOrigin,
    TRUST_PROXY: "true",
  };
  apps.push(...(await Promise.all([startApp(ports.first, databaseUrl, shared), startApp(ports.second, databaseUrl, shared)])));
  // Two round-robins, one for reads and one for posts: every read goes to the other process than
  // the read before, and every form post (sign-in, enrol, lesson done, quiz start, each answer,
  // submit) to the other process than the post before, whatever the page loads in between.
  const next = { read: 0, post: 0 };
  proxy = createServer((req, res) => {
    const target = next[req.method === "POST" ? "post" : "read"]++ % 2;
    served[target].all++;
    if (req.method === "POST") {
      served[target].posts++;
      sequence.push(target);
    }
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: target === 0 ? ports.first : ports.second,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": req.socket.remoteAddress ?? "", "x-forwarded-proto": "http" },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy!.listen(ports.proxy, resolve));
});

test.afterAll(async () => {
  await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
  await Promise.all(apps.map((a) => a.kill()));
});

test("a whole learner journey with every request going to the other process", async ({ page, request }) => {
  const key = answerKey("tests/fixtures/courses/short-course/modules/essentials");
  await signIn(page, "learner@demo.test", DEMO_PASSWORD);

  await visit(page, "/courses/short-course");
  await page.getByTestId("enrol").click();
  await page.waitForURL(/\/courses\/short-course\/essentials\/rights-holders/);
  await page.locator("html[data-hydrated]").waitFor();
  await expect(page.locator(".block--key-points")).toBeVisible();
  await page.getByTestId("complete-lesson").click();
  await page.waitForURL(/duty-bearers/);
  await page.locator("html[data-hydrated]").waitFor();
  await page.getByTestId("complete-lesson").click();
  await page.waitForURL(/essentials\/quiz/);
  await page.locator("html[data-hydrated]").waitFor();

  await page.getByTestId("start-quiz").click();
  for (let i = 0; i < 4; i++) {
    await answerCurrent(page, key, true);
    await expect(page.getByTestId("feedback")).toHaveClass(/feedback--right/);
    await page.getByTestId("next-question").click();
  }
  await page.getByTestId("submit-quiz").click();
  await expect(page.getByTestId("result")).toHaveAttribute("data-passed", "true");

  await visit(page, "/courses/short-course");
  await expect(page.getByTestId("percent")).toHaveText("100 %");

  // the certificate, issued by whichever process took the submission
  await visit(page, "/certificates");
  await page.getByRole("link", { name: /Human rights in ten minutes/ }).click();
  await page.waitForURL(/\/certificates\/[^/]+$/);
  const certificateId = (await page.getByTestId("certificate-id").textContent())!.trim();
  await visit(page, `/verify/${certificateId}`);
  await expect(page.getByTestId("verdict")).toHaveText("This certificate is genuine and valid.");
  await expectAccessible(page);

  // its signed credential verifies with the key published by either process
  const jws = (await (await page.request.get(`/certificates/${certificateId}.jwt`)).text()).trim();
  const { kid: didUrl } = JSON.parse(Buffer.from(jws.split(".")[0], "base64url").toString());
  const kid = didUrl.slice(didUrl.indexOf("#") + 1); // did:web:<host>#<thumbprint>
  for (const app of apps) {
    const jwks = await (await request.get(`${app.origin}/.well-known/jwks.json`)).json();
    const verified = await compactVerify(jws, await importJWK(jwks.keys.find((k: { kid: string }) => k.kid === kid), "EdDSA"));
    expect(JSON.parse(new TextDecoder().decode(verified.payload)).id).toBe(`${proxyOrigin}/verify/${certificateId}`);
  }

  // both processes really took part, form posts included, alternately
  expect(served[0].all).toBeGreaterThan(10);
  expect(served[1].all).toBeGreaterThan(10);
  expect(sequence.length).toBeGreaterThanOrEqual(8);
  expect(sequence.join("")).toBe("01".repeat(sequence.length).slice(0, sequence.length));
  console.log(`two processes: ${served[0].all} + ${served[1].all} requests, POSTs by process in order: ${sequence.join("")}`);
});
