// readRows (app/db.server.ts): the reads of every page go straight to Prisma's driver adapter, and must
// come back exactly as $queryRaw gives them — the same keys, the same values, the same types (Date,
// bigint, boolean, parsed JSON, null) — on the engine the suite runs on (SQLite, or PostgreSQL with
// TEST_DATABASE_URL). A transaction's client, or a parameter the adapter path does not describe,
// falls back to $queryRaw.
import { Decimal, sqltag as sql, type Sql } from "@prisma/client/runtime/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb } from "../db";
import { readRows, writeRows, type Db } from "~/db.server";

describe("readRows", () => {
  let db: Db;
  let cleanup: () => Promise<void>;
  const started = new Date("2026-03-04T05:06:07.089Z");

  beforeAll(async () => {
    ({ db, cleanup } = await createTestDb());
    await db.organization.create({ data: { id: "org1", slug: "riverside", name: "Riverside", names: { fr: "Rivière", ar: "ريفرسايد" }, kind: "MUNICIPALITY" } });
    await db.organization.create({ data: { id: "org2", slug: "academy", name: "Academy", kind: "ACADEMY" } });
    await db.user.create({ data: { id: "u1", email: "amina@example.test", name: "Amina Haddad", passwordHash: "x", locale: "ar", updatedAt: started } });
    await db.user.create({ data: { id: "u2", email: "li@example.test", name: "李雷", passwordHash: "x", updatedAt: started, deactivatedAt: started } });
    await db.session.create({ data: { id: "s1", userId: "u1", expiresAt: new Date("2027-01-07T01:12:12.836Z") } });
    await db.membership.create({ data: { id: "m1", userId: "u1", organizationId: "org1", role: "LEARNER" } });
    await db.membership.create({ data: { id: "m2", userId: "u1", organizationId: "org2", role: "AUTHOR", status: "ACTIVE" } });
    await db.course.create({ data: { id: "c1", slug: "planning", academyId: "org2", sourceLocale: "en" } });
    await db.courseVersion.create({
      data: {
        id: "v1", courseId: "c1", version: 3, status: "PUBLISHED", contentHash: "h", title: { en: "Planning", ar: "التخطيط" }, summary: {}, topics: ["planning"],
        completeLocales: ["en", "ar"], durationMinutes: 45, content: { modules: [] }, publishedAt: started,
      },
    });
    await db.enrolment.create({ data: { id: "e1", userId: "u1", courseId: "c1", courseVersionId: "v1", cycleStartedAt: started, lastLessonKey: "intro" } });
    await db.quizAttempt.create({
      data: {
        id: "a1", enrolmentId: "e1", userId: "u1", moduleKey: "m", quizKey: "q", attemptNumber: 1, questionKeys: ["q1", "q2"], optionOrder: { q1: [2, 0, 1] },
        answers: {}, score: 80, passed: true, startedAt: started, submittedAt: new Date(started.getTime() + 60_000),
      },
    });
    await db.quizAttempt.create({
      data: { id: "a2", enrolmentId: "e1", userId: "u1", moduleKey: "m", quizKey: "q", attemptNumber: 2, questionKeys: [], optionOrder: {}, answers: {}, passed: null },
    });
  });
  afterAll(() => cleanup());

  const queries: [string, (db: Db) => Sql][] = [
    ["the session with its user (dates, text)", () => sql`
      SELECT s."userId", s."expiresAt", u."email", u."name", u."locale"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."id" = ${"s1"}`],
    ["no row", () => sql`SELECT s."userId" FROM "Session" s WHERE s."id" = ${"nobody"}`],
    ["memberships with JSON and enums, ordered", () => sql`
      SELECT o."id" AS "organizationId", o."names" AS "organizationNames", o."kind" AS "organizationKind", m."role", m."status"
      FROM "Membership" m JOIN "Organization" o ON o."id" = m."organizationId"
      WHERE m."userId" = ${"u1"} ORDER BY m."createdAt" ASC, m."id" ASC`],
    ["a count (bigint)", () => sql`SELECT COUNT(*) AS "n" FROM "QuizAttempt" WHERE "userId" = ${"u1"}`],
    ["integers, booleans (with null), JSON columns and nullable dates", () => sql`
      SELECT "id", "attemptNumber", "score", "passed", "questionKeys", "optionOrder", "startedAt", "submittedAt"
      FROM "QuizAttempt" WHERE "enrolmentId" = ${"e1"} ORDER BY "attemptNumber"`],
    ["a boolean and a date as parameters", () => sql`
      SELECT "id" FROM "QuizAttempt" WHERE "passed" = ${true} AND "startedAt" >= ${started} AND "submittedAt" IS NOT NULL`],
    ["a number as a parameter, a version's JSON", () => sql`
      SELECT v."id", v."version", v."title", v."completeLocales", v."publishedAt", c."slug"
      FROM "CourseVersion" v JOIN "Course" c ON c."id" = v."courseId" WHERE v."version" = ${3}`],
    ["a null parameter, computed columns and a UNION ALL", () => sql`
      SELECT 'cycle' AS kind, NULL AS key, "cycleStartedAt" AS at FROM "Enrolment" WHERE "id" = ${"e1"} AND COALESCE("lastLessonKey", ${null}) IS NOT NULL
      UNION ALL
      SELECT 'quiz', "quizKey", "submittedAt" FROM "QuizAttempt" WHERE "enrolmentId" = ${"e1"} AND "submittedAt" IS NOT NULL`],
    ["a deactivated user's dates and Chinese text", () => sql`SELECT "name", "deactivatedAt", "lastSignInAt", "createdAt" FROM "User" WHERE "id" = ${"u2"}`],
  ];

  for (const [name, query] of queries) {
    it(`gives what $queryRaw gives: ${name}`, async () => {
      const expected = await db.$queryRaw(query(db));
      const raw = vi.spyOn(db, "$queryRaw");
      try {
        const rows = await readRows(db, query(db));
        expect(raw).not.toHaveBeenCalled(); // the adapter's path, not a fallback
        expect(rows).toStrictEqual(expected);
      } finally {
        raw.mockRestore();
      }
    });
  }

  it("reads the rows it should, with the types the callers use", async () => {
    const [session] = await readRows<{ expiresAt: Date; name: string }>(db, queries[0]![1](db));
    expect(session!.expiresAt).toEqual(new Date("2027-01-07T01:12:12.836Z"));
    const [count] = await readRows<{ n: bigint }>(db, queries[3]![1](db));
    expect(count!.n).toBe(2n);
    const attempts = await readRows<{ passed: boolean | null; questionKeys: unknown }>(db, queries[4]![1](db));
    expect(attempts.map((a) => a.passed)).toEqual([true, null]);
    expect(attempts[0]!.questionKeys).toEqual(["q1", "q2"]);
    expect(await readRows(db, queries[5]![1](db))).toEqual([{ id: "a1" }]);
  });

  it("inside a transaction, reads through the transaction (its own uncommitted writes)", async () => {
    await db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: "u2" }, data: { name: "Li Lei" } });
        const [row] = await readRows<{ name: string }>(tx, sql`SELECT "name" FROM "User" WHERE "id" = ${"u2"}`);
        expect(row!.name).toBe("Li Lei");
        throw new Error("roll back");
      })
      .catch((error: Error) => expect(error.message).toBe("roll back"));
    const [row] = await readRows<{ name: string }>(db, sql`SELECT "name" FROM "User" WHERE "id" = ${"u2"}`);
    expect(row!.name).toBe("李雷");
  });

  it("a parameter it does not describe (a decimal) goes through $queryRaw", async () => {
    const query = () => sql`SELECT "id" FROM "QuizAttempt" WHERE "score" > ${new Decimal("50")}`;
    const expected = await db.$queryRaw(query());
    const raw = vi.spyOn(db, "$queryRaw");
    try {
      expect(await readRows(db, query())).toStrictEqual(expected);
      expect(raw).toHaveBeenCalledTimes(1);
    } finally {
      raw.mockRestore();
    }
  });

  it("writeRows writes as $executeRaw does, and counts the rows written", async () => {
    const insert = (key: string) => sql`INSERT INTO "LoginFailure" ("key", "createdAt") VALUES (${key}, ${started})`;
    const raw = vi.spyOn(db, "$executeRaw");
    try {
      expect(await writeRows(db, insert("by-adapter"))).toBe(1);
      expect(raw).not.toHaveBeenCalled();
    } finally {
      raw.mockRestore();
    }
    expect(await db.$executeRaw(insert("by-client"))).toBe(1);
    const rows = await db.loginFailure.findMany({ where: { key: { startsWith: "by-" } }, orderBy: { key: "asc" }, select: { key: true, createdAt: true } });
    expect(rows).toEqual([{ key: "by-adapter", createdAt: started }, { key: "by-client", createdAt: started }]);
    expect(await writeRows(db, sql`UPDATE "LoginFailure" SET "key" = ${"by-both"} WHERE "key" LIKE ${"by-%"}`)).toBe(2);
    expect(await writeRows(db, sql`DELETE FROM "LoginFailure" WHERE "key" = ${"nobody"}`)).toBe(0);
  });

  it("after the client is closed and opened again, reads on the new connection", async () => {
    await db.$disconnect();
    const [row] = await readRows<{ email: string }>(db, sql`SELECT "email" FROM "User" WHERE "id" = ${"u1"}`);
    expect(row!.email).toBe("amina@example.test");
  });
});
