import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { getRequestMemberships } from "./guards.server";

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

  it("a POST request reads them afresh each time: its action may have changed them before the loaders run", async () => {
    const request = new Request("http://localhost/invite/abc", { method: "POST" });
    const before = await getRequestMemberships(request, userId);
    await db.membership.updateMany({ where: { userId }, data: { role: "LEARNER" } });
    const after = await getRequestMemberships(request, userId);
    expect(before.some((m) => m.role === "MANAGER")).toBe(true);
    expect(after.some((m) => m.role === "MANAGER")).toBe(false);
  });
});
