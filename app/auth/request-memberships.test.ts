import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { runInRequestScope } from "~/http/request-scope.server";
import { getRequestMemberships } from "./guards.server";
import { getAuth } from "./session.server";

let db: Db;
let cleanup: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  userId = (await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } })).id;
});
afterAll(() => cleanup());

describe("memberships per request", () => {
  it("a GET request reads them once for the root loader and the page's guard", async () => {
    const request = new Request("http://localhost/manage/riverside");
    const first = getRequestMemberships(request, userId);
    expect(getRequestMemberships(request, userId)).toBe(first);
    expect((await first).some((m) => m.organizationSlug === "riverside" && m.role === "MANAGER")).toBe(true);
    // another request reads afresh
    expect(getRequestMemberships(new Request("http://localhost/manage/riverside"), userId)).not.toBe(first);
  });

  it("within one HTTP request's scope, the copies of the Request that Remix hands each loader share one read", async () => {
    // Remix gives the root loader and the page's loader each its own Request object (server.mjs runs
    // the request in a scope: app/http/request-scope.server.ts)
    const url = "http://localhost/courses/some-course/module/lesson";
    await runInRequestScope(async () => {
      const root = getRequestMemberships(new Request(url), userId);
      expect(getRequestMemberships(new Request(url), userId)).toBe(root);
      expect(getAuth(new Request(url))).toBe(getAuth(new Request(url)));
      // a form post's action keeps reading afresh even inside a scope
      const post = new Request(url, { method: "POST" });
      expect(getRequestMemberships(post, userId)).not.toBe(root);
      expect(getAuth(post)).not.toBe(getAuth(new Request(url)));
      await root;
    });
    // another HTTP request (another scope, or none) reads afresh
    const elsewhere = await runInRequestScope(() => getRequestMemberships(new Request(url), userId));
    expect(elsewhere).toEqual(await getRequestMemberships(new Request(url), userId));
    expect(getAuth(new Request(url))).not.toBe(getAuth(new Request(url)));
  });

  it("a POST request reads them afresh each time: its action may have changed them before the loaders run", async () => {
    const request = new Request("http://localhost/invite/abc", { method: "POST" });
    const before = await getRequestMemberships(request, userId);
    await db.membership.updateMany({ where: { userId }, data: { role: "LEARNER" } });
    const after = await getRequestMemberships(request, userId);
    expect(before.some((m) => m.role === "MANAGER")).toBe(true);
    expect(after.some((m) => m.role === "MANAGER")).toBe(false);
  });
});
