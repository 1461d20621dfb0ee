// xAPI statements from the outbox to a Learning Record Store stand-in: an HTTP server in the test that
// checks what a real LRS checks (version header, credentials, the statement valid per xAPI 1.0.3 with
// Learning Locker's validation library @learninglocker/xapi-validation) and keeps statements by id.
// Runs on SQLite, or PostgreSQL with TEST_DATABASE_URL.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import validateStatement from "@learninglocker/xapi-validation";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { newId } from "~/ids";
import { issueCertificateForEnrolment } from "~/certificates/issue.server";
import { checkCompletion } from "~/learning/completion.server";
import { ensureCourse } from "~/organizations/fixtures.server";
import { deliverXapi } from "./deliver.server";
import { queueCompletionStatement, queueQuizAttemptStatement } from "./queue.server";
import { certificateStatement, completedStatement, quizStatement } from "./statements";

let db: Db;
let cleanup: () => Promise<void>;
let server: Server;
let endpoint = "";
const ORIGIN = "https://learn.example.org";

/** The stand-in's state: what it stored, every request it got, and whether it is "down". */
const lrs = {
  stored: new Map<string, string>(),
  puts: [] as { id: string; status: number }[],
  mode: "up" as "up" | "down" | "refuse",
  invalid: [] as string[],
};

function lrsHandler(req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (lrs.mode === "down") {
      res.writeHead(503).end("maintenance");
      return;
    }
    const url = new URL(req.url ?? "/", "http://lrs");
    const id = url.searchParams.get("statementId") ?? "";
    const answer = (status: number, body = "") => {
      lrs.puts.push({ id, status });
      res.writeHead(status, { "Content-Type": "text/plain" }).end(body);
    };
    if (req.method !== "PUT" || url.pathname !== "/xapi/statements") return answer(404, "no such resource");
    if (req.headers["x-experience-api-version"] !== "1.0.3") return answer(400, "X-Experience-API-Version 1.0.3 expected");
    if (req.headers.authorization !== `Basic ${Buffer.from("lrs-key:lrs-secret").toString("base64")}`) return answer(401, "bad credentials");
    if (lrs.mode === "refuse") return answer(400, "statement refused");
    const body = Buffer.concat(chunks).toString("utf8");
    let statement: Record<string, unknown>;
    try {
      statement = JSON.parse(body);
    } catch (error) {
      return answer(400, `not JSON: ${error}`);
    }
    const warnings = validateStatement(statement);
    if (warnings.length) {
      const text = warnings.map((w) => `${w.path.join(".")}: ${w.constructor.name}`).join("; ");
      lrs.invalid.push(text);
      return answer(400, `invalid statement: ${text}`);
    }
    if (statement.id !== id) return answer(400, "statementId and id differ");
    const known = lrs.stored.get(id);
    // xAPI 1.0.3: a statement id already held → 409 if it differs; the same statement is accepted again
    if (known !== undefined) return answer(known === body ? 204 : 409);
    lrs.stored.set(id, body);
    answer(204);
  });
}

const config = () => ({ endpoint, username: "lrs-key", password: "lrs-secret" });
let learnerId = "";
let versionId = "";
let courseId = "";

beforeAll(async () => {
  server = createServer(lrsHandler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xapi/`;
  // read by env() on first use: statements are queued only when an LRS is configured
  process.env.XAPI_ENDPOINT = endpoint;
  process.env.XAPI_USERNAME = "lrs-key";
  process.env.XAPI_PASSWORD = "lrs-secret";
  process.env.PUBLIC_URL = ORIGIN;
  process.env.CERT_KEYS_FILE = path.join(mkdtempSync(path.join(tmpdir(), "xapi-keys-")), "keys.json");
  ({ db, cleanup } = await createTestDb());
  (globalThis as { __db?: Promise<Db> }).__db = Promise.resolve(db);
  const { orgIds } = await seedDemo(db);
  learnerId = (await db.user.findUniqueOrThrow({ where: { email: "learner@demo.test" }, select: { id: true } })).id;
  // a course with nothing to do: complete at once (the completion rules are tested elsewhere)
  ({ courseId, versionId } = await ensureCourse({ slug: "xapi-course", academyId: orgIds.academy, title: { en: "Rights in the city", fr: "Les droits en ville" }, modules: 0, validityMonths: 12 }, db));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await cleanup?.();
});

beforeEach(() => {
  lrs.mode = "up";
});

describe("xAPI statements", () => {
  it("are valid xAPI 1.0.3 for the validation library (completed, passed, failed, earned)", () => {
    const person = { id: "u1", name: "Amina Haddad" };
    const course = { slug: "hrba", title: { en: "Rights", ar: "حقوق" }, version: 2 };
    const id = "2f1a6f0e-3c55-4c0b-9d2b-8c1e0b4f1a7e";
    const statements = [
      completedStatement({ id, origin: ORIGIN, person, course, completedAt: new Date() }),
      quizStatement({ id, origin: ORIGIN, person, course, moduleKey: "m1", quizTitle: { en: "Quiz" }, attemptNumber: 1, score: 80, passed: true, submittedAt: new Date() }),
      quizStatement({ id, origin: ORIGIN, person, course, moduleKey: "m1", quizTitle: { en: "Quiz" }, attemptNumber: 2, score: 40, passed: false, submittedAt: new Date() }),
      certificateStatement({ id, origin: ORIGIN, person, course, certificateId: "abc", issuedAt: new Date(), expiresAt: new Date() }),
    ];
    for (const s of statements) expect(validateStatement(JSON.parse(JSON.stringify(s)))).toEqual([]);
    expect(statements.map((s) => s.verb.id)).toEqual([
      "http://adlnet.gov/expapi/verbs/completed",
      "http://adlnet.gov/expapi/verbs/passed",
      "http://adlnet.gov/expapi/verbs/failed",
      "http://id.tincanapi.com/verb/earned",
    ]);
    // the actor is an account on the platform, never an email address
    expect(JSON.stringify(statements)).not.toMatch(/mailto:/);
    expect(statements[0].actor.account).toEqual({ homePage: ORIGIN, name: "u1" });
  });

  it("the invalid ones are caught by the same library (the stand-in would refuse them)", () => {
    const warnings = validateStatement({ id: "not-a-uuid", actor: { name: "no identifier" }, verb: { id: "completed" }, object: { id: "y" }, timestamp: "yesterday" });
    const paths = warnings.map((w) => w.path.join("."));
    for (const path of ["statement.id", "statement.actor", "statement.verb.id", "statement.object.id", "statement.timestamp"]) expect(paths).toContain(path);
  });

  it("completion and certificate are queued with their event, once each; a rolled-back event queues nothing", async () => {
    const enrolmentId = newId();
    await db.enrolment.create({ data: { id: enrolmentId, userId: learnerId, courseId, courseVersionId: versionId } });
    expect(await checkCompletion({ id: enrolmentId, courseVersionId: versionId })).toBe(true);
    // completing again, and issuing again, change nothing
    await checkCompletion({ id: enrolmentId, courseVersionId: versionId });
    await issueCertificateForEnrolment(enrolmentId, undefined, db);
    const rows = await db.xapiStatement.findMany({ where: { userId: learnerId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.eventKey.split(":")[0]).sort()).toEqual(["certificate", "completed"]);
    for (const r of rows) expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await db.$transaction(async (tx) => expect(await queueCompletionStatement(tx, enrolmentId)).toBe(false));

    // an event whose transaction fails leaves no statement behind
    const attemptId = newId();
    await db.quizAttempt.create({
      data: { id: attemptId, enrolmentId, userId: learnerId, moduleKey: "module-1", quizKey: "m1-quiz", attemptNumber: 1, questionKeys: [], optionOrder: {}, answers: {}, score: 90, passed: true, submittedAt: new Date() },
    });
    await expect(
      db.$transaction(async (tx) => {
        await queueQuizAttemptStatement(tx, attemptId);
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await db.xapiStatement.count({ where: { eventKey: `attempt:${attemptId}` } })).toBe(0);
    await db.$transaction(async (tx) => {
      await queueQuizAttemptStatement(tx, attemptId);
    });
    expect(await db.xapiStatement.count({ where: { eventKey: `attempt:${attemptId}` } })).toBe(1);
  });

  it("LRS down: nothing is lost, the error is recorded and retried later; back up: each statement arrives once", async () => {
    lrs.mode = "down";
    const pending = await db.xapiStatement.count({ where: { status: "PENDING" } });
    expect(pending).toBe(3);
    const t0 = new Date();
    const down = await deliverXapi({ db, config: config(), backoffBaseMs: 60_000, now: () => t0 });
    expect(down.sent).toBe(0);
    expect(down.retrying).toBe(3);
    const waiting = await db.xapiStatement.findMany({ where: { status: "PENDING" } });
    expect(waiting).toHaveLength(3);
    expect(waiting.some((w) => w.lastError?.startsWith("503"))).toBe(true);
    for (const w of waiting) expect(w.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());
    // not yet due: a pass now sends nothing
    lrs.mode = "up";
    expect((await deliverXapi({ db, config: config(), now: () => t0 })).sent).toBe(0);
    // later, two runners at once (two app processes): every statement arrives exactly once
    const later = () => new Date(t0.getTime() + 10 * 60_000);
    const [a, b] = await Promise.all([deliverXapi({ db, config: config(), now: later }), deliverXapi({ db, config: config(), now: later })]);
    expect(a.sent + b.sent).toBe(3);
    expect(lrs.stored.size).toBe(3);
    expect(lrs.invalid).toEqual([]);
    const perId = new Map<string, number>();
    for (const p of lrs.puts.filter((p) => p.status === 204)) perId.set(p.id, (perId.get(p.id) ?? 0) + 1);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    expect(await db.xapiStatement.count({ where: { status: "SENT" } })).toBe(3);
    // every stored statement is the queued one, id included
    for (const row of await db.xapiStatement.findMany()) expect(JSON.parse(lrs.stored.get(row.id)!)).toEqual(row.statement);
  });

  it("a process that died after the LRS accepted a statement: the statement is sent again with the same id, and the LRS still holds one", async () => {
    const row = await db.xapiStatement.findFirstOrThrow({ where: { status: "SENT" } });
    // as if the process had died before recording SENT: its lock has expired
    await db.xapiStatement.update({ where: { id: row.id }, data: { status: "PENDING", sentAt: null, nextAttemptAt: new Date(Date.now() - 60_000), lockedBy: "dead-process", lockedUntil: new Date(Date.now() - 1000) } });
    const before = lrs.stored.size;
    const result = await deliverXapi({ db, config: config() });
    expect(result.sent).toBe(1);
    expect(lrs.stored.size).toBe(before);
    expect(lrs.puts.filter((p) => p.id === row.id).length).toBe(2);
    expect((await db.xapiStatement.findUniqueOrThrow({ where: { id: row.id } })).status).toBe("SENT");
  });

  it("a statement the LRS refuses as such is FAILED with its answer, not retried without end; wrong credentials are retried", async () => {
    const enrolmentId = newId();
    const other = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" }, select: { id: true } });
    await db.enrolment.create({ data: { id: enrolmentId, userId: other.id, courseId, courseVersionId: versionId, completedAt: new Date() } });
    await db.$transaction(async (tx) => {
      await queueCompletionStatement(tx, enrolmentId);
    });
    const wrong = await deliverXapi({ db, config: { ...config(), password: "nope" } });
    expect(wrong).toEqual({ sent: 0, failed: 0, retrying: 1 });
    lrs.mode = "refuse";
    const refused = await deliverXapi({ db, config: config(), now: () => new Date(Date.now() + 3_600_000) });
    expect(refused.failed).toBe(1);
    const row = await db.xapiStatement.findFirstOrThrow({ where: { userId: other.id } });
    expect(row.status).toBe("FAILED");
    expect(row.lastError).toContain("400 statement refused");
  });

  it("without XAPI_ENDPOINT nothing is sent", async () => {
    expect(await deliverXapi({ db, config: null })).toEqual({ sent: 0, failed: 0, retrying: 0 });
  });
});
