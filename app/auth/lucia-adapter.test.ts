import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { SessionAdapter } from "./lucia-adapter.server";
import { getLucia } from "./lucia.server";

let db: Db;
let cleanup: () => Promise<void>;
let userId: string;

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  userId = (await db.user.findUniqueOrThrow({ where: { email: "learner@demo.test" } })).id;
});
afterAll(() => cleanup());

describe("the session adapter's one-statement read", () => {
  it("returns what the upstream Prisma adapter returns, without the password hash", async () => {
    const session = await db.session.create({ data: { id: "adapter-same", userId, expiresAt: new Date(Date.now() + 86_400_000) } });
    const [ours, upstream] = await Promise.all([
      new SessionAdapter(db).getSessionAndUser(session.id),
      new PrismaAdapter(db.session, db.user).getSessionAndUser(session.id),
    ]);
    expect(ours[0]).toEqual(upstream[0]);
    expect(ours[1]?.id).toBe(upstream[1]?.id);
    const { email, name, locale } = upstream[1]!.attributes as Record<string, unknown>;
    expect(ours[1]?.attributes).toEqual({ email, name, locale });
  });

  it("knows no unknown session", async () => {
    expect(await new SessionAdapter(db).getSessionAndUser("no-such-session")).toEqual([null, null]);
  });

  it("lets lucia refuse and delete an expired session, and sign-outs apply at once", async () => {
    const lucia = await getLucia();
    await db.session.create({ data: { id: "adapter-expired", userId, expiresAt: new Date(Date.now() - 1000) } });
    expect((await lucia.validateSession("adapter-expired")).session).toBeNull();
    expect(await db.session.findUnique({ where: { id: "adapter-expired" } })).toBeNull();

    const live = await lucia.createSession(userId, {});
    expect((await lucia.validateSession(live.id)).user?.id).toBe(userId);
    await lucia.invalidateSession(live.id);
    expect((await lucia.validateSession(live.id)).session).toBeNull();
  });
});
