// Email delivery against a real SMTP server process (smtp-server) started here on a random port:
// what arrives, in which language, exactly once, and what happens when the server is down.
import { execFile } from "node:child_process";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { ensureCourse } from "~/organizations/fixtures.server";
import { createAssignments } from "~/organizations/assignments.server";
import { acceptInvitation, createInvitations, findInvitation, importContext } from "~/organizations/invitations.server";
import { changeMember } from "~/organizations/members.server";
import { parseStaffCsv, validateStaffRows } from "~/organizations/csv.server";
import type { ManagedOrg } from "~/organizations/guard.server";
import { useTestDbAsAppDb } from "../../tests/db";
import { createMailer, type Mailer } from "./mailer.server";
import { deliverDue, runPass } from "./runner.server";
import { deliveryStatus, failedEverywhere, listForUser, resendFailed, savePreferences, getPreferences } from "./inbox.server";
import { getFixedT } from "~/i18n/i18next.server";
import { MAX_ATTEMPTS } from "./schedule";

const ORIGIN = "https://learn.example.org";
const DAY = 86_400_000;

class SmtpSink {
  received: ParsedMail[] = [];
  port = 0;
  private server: SMTPServer | null = null;
  async start(port = 0) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (mail) => {
            this.received.push(mail);
            callback();
          },
          (error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(port, "127.0.0.1", resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }
  async stop() {
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }
  to(email: string) {
    return this.received.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(email)));
  }
}

/** `npm run jobs:run`'s pass, in a child process on the same database and SMTP server. */
function passInOtherProcess(): Promise<{ created: number; sent: number; failed: number; retrying: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "tests/fixtures/notification-pass.ts"],
      { env: { ...process.env, DATABASE_URL: url, SMTP_PORT: String(sink.port), NODE_ENV: "test" } },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout))),
    );
  });
}

let db: Db;
let url: string;
let cleanup: () => Promise<void>;
const sink = new SmtpSink();
let mailer: Mailer;
let riverside: ManagedOrg;
let managerId: string;
let courseId: string;
let departments: Record<string, string>;

async function person(email: string, locale: string, department = "Urban Planning") {
  const id = `u-${email.split("@")[0]}`;
  await db.user.create({ data: { id, email, name: `Person ${email.split("@")[0]}`, locale, passwordHash: "x" } });
  await db.membership.create({ data: { id: `m-${id}`, userId: id, organizationId: riverside.id, role: "LEARNER", departmentId: departments[department] } });
  return id;
}

async function assign(email: string, dueInDays: number, createdDaysAgo = 0) {
  const result = await createAssignments(riverside, managerId, {
    courseId,
    target: { emails: [email] },
    dueAt: new Date(Date.now() + dueInDays * DAY),
    recertifyMonths: null,
  });
  expect(result.ok).toBe(true);
  const a = await db.assignment.findFirstOrThrow({ where: { user: { email } } });
  if (createdDaysAgo) await db.assignment.update({ where: { id: a.id }, data: { createdAt: new Date(Date.now() - createdDaysAgo * DAY) } });
  return a.id;
}

beforeAll(async () => {
  ({ db, url, cleanup } = await useTestDbAsAppDb());
  const seeded = await seedDemo(db);
  departments = seeded.departmentIds;
  riverside = { id: seeded.orgIds.municipality, slug: "riverside", name: "Riverside" };
  managerId = (await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } })).id;
  ({ courseId } = await ensureCourse({ slug: "notify-course", academyId: seeded.orgIds.academy, title: { en: "Rights 101", fr: "Les droits 101", ar: "الحقوق 101" } }, db));
  await sink.start();
  mailer = createMailer({ kind: "smtp", host: "127.0.0.1", port: sink.port, secure: false, ignoreTLS: true, from: "Rights Academy <no-reply@learn.example.org>" });
});
afterAll(async () => {
  await sink.stop().catch(() => undefined);
  await cleanup();
});
beforeEach(async () => {
  // each test starts with the earlier tests' emails delivered, so they do not count here
  await runPass({ mailer, origin: ORIGIN });
  sink.received = [];
});

describe("event notices by SMTP", () => {
  it("an assignment produces exactly one email, in the learner's language", async () => {
    const userId = await person("claire@example.org", "fr");
    await assign("claire@example.org", 30);
    const first = await runPass({ mailer, origin: ORIGIN });
    expect(first.sent).toBe(1);
    const mails = sink.to("claire@example.org");
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("Nouveau cours attribué : Les droits 101");
    expect(mails[0].text).toContain("Bonjour Person claire,");
    expect(mails[0].text).toContain(`${ORIGIN}/courses/notify-course`);
    expect(mails[0].text).toContain(`${ORIGIN}/account/notifications`);
    expect(mails[0].html).toContain('lang="fr"');
    expect(mails[0].headers.get("content-language")).toBe("fr");
    // the same assignment, passes later: nothing more
    await runPass({ mailer, origin: ORIGIN });
    await runPass({ mailer, origin: ORIGIN });
    expect(sink.to("claire@example.org")).toHaveLength(1);
    const row = await db.notification.findFirstOrThrow({ where: { userId, kind: "ASSIGNED" } });
    expect(row).toMatchObject({ emailStatus: "SENT", attempts: 1, lastError: null, lockedBy: null });
    expect(row.messageId).toBe(mails[0].messageId);
  });

  it("Arabic emails are right to left", async () => {
    await person("samir@example.org", "ar");
    await assign("samir@example.org", 30);
    await runPass({ mailer, origin: ORIGIN });
    const [mail] = sink.to("samir@example.org");
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.subject).toContain("الحقوق 101");
  });

  it("an invitation carries a working set-password link, and the token is erased once sent", async () => {
    const parsed = parseStaffCsv("name,email,department,role\nNew Hire,new.hire@example.org,Urban Planning,learner\n");
    if (!parsed.ok) throw new Error("csv");
    const rows = validateStaffRows(parsed.rows, await importContext(riverside.id));
    await createInvitations(riverside, managerId, rows);
    const pending = await db.notification.findFirstOrThrow({ where: { kind: "INVITATION", email: "new.hire@example.org" } });
    expect(pending.secret).toBeTruthy();
    await runPass({ mailer, origin: ORIGIN });
    const [mail] = sink.to("new.hire@example.org");
    const link = /https:\/\/learn\.example\.org\/invite\/([A-Za-z0-9_-]+)/.exec(mail.text ?? "");
    expect(link).not.toBeNull();
    expect(await findInvitation(link![1])).toMatchObject({ state: "pending", email: "new.hire@example.org" });
    expect((await db.notification.findUniqueOrThrow({ where: { id: pending.id } })).secret).toBeNull();
  });

  it("a cancelled assignment or a revoked invitation is not emailed any more", async () => {
    await person("hana@example.org", "en");
    const assignmentId = await assign("hana@example.org", 30);
    const { cancelAssignment } = await import("~/organizations/assignments.server");
    await cancelAssignment(riverside, managerId, assignmentId);
    await runPass({ mailer, origin: ORIGIN });
    expect(sink.to("hana@example.org")).toHaveLength(0);
    expect(await db.notification.findFirstOrThrow({ where: { subjectId: assignmentId } })).toMatchObject({ emailStatus: "SKIPPED" });
  });
});

describe("the scheduler", () => {
  it("running twice, and two runners at once, sends nothing twice", async () => {
    const ids = [await person("ana@example.org", "es"), await person("boris@example.org", "ru"), await person("chen@example.org", "zh")];
    for (const email of ["ana@example.org", "boris@example.org", "chen@example.org"]) await assign(email, 5, 20);
    // assignment emails already went out 20 days ago, as far as this test is concerned
    await db.notification.updateMany({ where: { kind: "ASSIGNED", userId: { in: ids } }, data: { emailStatus: "SENT" } });
    // a second runner in its own process, started at the same time as this one
    const [a, b] = await Promise.all([runPass({ mailer, origin: ORIGIN }), passInOtherProcess()]);
    expect(a.created + b.created).toBe(3);
    expect(a.sent + b.sent).toBe(3);
    await Promise.all([runPass({ mailer, origin: ORIGIN }), passInOtherProcess()]);
    expect(sink.received).toHaveLength(3);
    expect(sink.to("ana@example.org")[0].subject).toMatch(/Rights 101/);
    expect(await db.notification.count({ where: { kind: "DUE_7_DAYS", userId: { in: ids } } })).toBe(3);
  });

  it("a reminder turned off is not emailed, but is still in the app", async () => {
    const userId = await person("dora@example.org", "en");
    await savePreferences(userId, { ...(await getPreferences(userId)), overdue: false });
    await assign("dora@example.org", 10, 30);
    await db.assignment.updateMany({ where: { user: { email: "dora@example.org" } }, data: { dueAt: new Date(Date.now() - 2 * DAY) } });
    await runPass({ mailer, origin: ORIGIN });
    const overdue = await db.notification.findFirstOrThrow({ where: { userId, kind: "OVERDUE" } });
    expect(overdue.emailStatus).toBe("SKIPPED");
    // the assignment email (always sent) went out; the overdue notice did not
    expect(sink.to("dora@example.org").map((m) => m.subject)).toEqual(["New course assigned: Rights 101"]);
    const inApp = await listForUser(userId, "en", await getFixedT("en", ["notifications", "organizations"]));
    expect(inApp.map((n) => n.kind).sort()).toEqual(["ASSIGNED", "OVERDUE"]);
    // the manager's weekly digest lists her
    const digest = await db.notification.findFirstOrThrow({ where: { userId: managerId, kind: "MANAGER_DIGEST" } });
    expect(JSON.stringify(digest.params)).toContain("Person dora");
  });
});

describe("failures", () => {
  it("an SMTP outage is retried with back-off, the error is visible, then the email is delivered", async () => {
    await person("emil@example.org", "en");
    await assign("emil@example.org", 30);
    const port = sink.port;
    await sink.stop();
    let clock = Date.now();
    const now = () => new Date(clock);
    const down = await deliverDue({ mailer, origin: ORIGIN, now, backoffBaseMs: 60_000 });
    expect(down).toMatchObject({ sent: 0, retrying: 1 });
    let row = await db.notification.findFirstOrThrow({ where: { email: "emil@example.org", kind: "ASSIGNED" } });
    expect(row).toMatchObject({ emailStatus: "PENDING", attempts: 1 });
    expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
    expect(row.nextAttemptAt.getTime()).toBe(clock + 60_000);
    // visible to the manager
    const status = await deliveryStatus(riverside.id, { status: null, kind: "ASSIGNED" });
    expect(status.rows.find((r) => r.id === row.id)).toMatchObject({ retrying: true, lastError: row.lastError });
    // not retried before its time; the second failure waits twice as long
    expect(await deliverDue({ mailer, origin: ORIGIN, now })).toMatchObject({ retrying: 0, sent: 0 });
    clock += 60_000;
    expect(await deliverDue({ mailer, origin: ORIGIN, now, backoffBaseMs: 60_000 })).toMatchObject({ retrying: 1 });
    row = await db.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(row.nextAttemptAt.getTime()).toBe(clock + 120_000);
    // the server is back
    await sink.start(port);
    clock += 120_000;
    expect(await deliverDue({ mailer, origin: ORIGIN, now })).toMatchObject({ sent: 1 });
    row = await db.notification.findUniqueOrThrow({ where: { id: row.id } });
    expect(row).toMatchObject({ emailStatus: "SENT", attempts: 3, lastError: null });
    expect(sink.to("emil@example.org")).toHaveLength(1);
  });

  it("gives up after the last attempt, visibly", async () => {
    await person("fatima@example.org", "en");
    await assign("fatima@example.org", 30);
    const port = sink.port;
    await sink.stop();
    const row = await db.notification.findFirstOrThrow({ where: { email: "fatima@example.org" } });
    await db.notification.update({ where: { id: row.id }, data: { attempts: MAX_ATTEMPTS - 1 } });
    expect(await deliverDue({ mailer, origin: ORIGIN })).toMatchObject({ failed: 1 });
    await sink.start(port);
    expect(await db.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ emailStatus: "FAILED", attempts: MAX_ATTEMPTS });
    const failed = await deliveryStatus(riverside.id, { status: "FAILED", kind: null });
    expect(failed.rows.map((r) => r.id)).toContain(row.id);
  });

  it("a notice claimed by a process that died is sent once its lock expires", async () => {
    await person("gus@example.org", "en");
    await assign("gus@example.org", 30);
    const row = await db.notification.findFirstOrThrow({ where: { email: "gus@example.org" } });
    await db.notification.update({ where: { id: row.id }, data: { lockedBy: "dead-process", lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await deliverDue({ mailer, origin: ORIGIN })).toMatchObject({ sent: 0 });
    expect(sink.to("gus@example.org")).toHaveLength(0);
    await db.notification.update({ where: { id: row.id }, data: { lockedUntil: new Date(Date.now() - 1) } });
    expect(await deliverDue({ mailer, origin: ORIGIN })).toMatchObject({ sent: 1 });
    expect(sink.to("gus@example.org")).toHaveLength(1);
  });
});

describe("manager view", () => {
  it("shows only this municipality's staff", async () => {
    const lakeside = await db.organization.findUniqueOrThrow({ where: { slug: "lakeside" } });
    const other = await deliveryStatus(lakeside.id, { status: null, kind: null });
    expect(other.rows.some((r) => r.recipient.email.endsWith("@example.org"))).toBe(false);
    const own = await deliveryStatus(riverside.id, { status: "SENT", kind: null });
    expect(own.total).toBeGreaterThan(0);
  });
});

describe("joining a department after a course was assigned to it", () => {
  it("the newcomer gets the 'course assigned' notice and email once: moved in, invited in, or reactivated", async () => {
    const social = departments["Social Services"];
    // deactivated before the assignment, so it did not reach them then
    const returner = await person("returner@example.org", "en", "Social Services");
    await db.membership.update({ where: { userId_organizationId: { userId: returner, organizationId: riverside.id } }, data: { status: "DEACTIVATED" } });
    const result = await createAssignments(riverside, managerId, { courseId, target: { departmentId: social }, dueAt: new Date(Date.now() + 30 * DAY), recertifyMonths: null });
    expect(result.ok).toBe(true);
    const assignment = await db.assignment.findFirstOrThrow({ where: { departmentId: social, courseId }, select: { id: true } });

    const mover = await person("mover@example.org", "fr");
    expect(await changeMember(riverside, managerId, mover, { kind: "department", departmentId: social })).toEqual({ ok: true });
    // moved out and back in: the dedupe key keeps it at one notice
    await changeMember(riverside, managerId, mover, { kind: "department", departmentId: departments["Urban Planning"] });
    await changeMember(riverside, managerId, mover, { kind: "department", departmentId: social });

    expect(await changeMember(riverside, managerId, returner, { kind: "reactivate" })).toEqual({ ok: true });

    const parsed = parseStaffCsv("name,email,department,role\nLate Joiner,late.joiner@example.org,Social Services,learner\n");
    if (!parsed.ok) throw new Error("csv");
    const [invitation] = await createInvitations(riverside, managerId, validateStaffRows(parsed.rows, await importContext(riverside.id)));
    const accepted = await acceptInvitation(invitation.token, { name: "Late Joiner", password: "a long enough passphrase", locale: "es" });
    if (!accepted?.ok) throw new Error("invitation not accepted");

    await runPass({ mailer, origin: ORIGIN });
    for (const [userId, email, subject] of [
      [mover, "mover@example.org", "Nouveau cours attribué : Les droits 101"],
      [returner, "returner@example.org", "New course assigned: Rights 101"],
      [accepted.userId, "late.joiner@example.org", null],
    ] as const) {
      expect(await db.notification.count({ where: { subjectId: assignment.id, userId, kind: "ASSIGNED" } })).toBe(1);
      const mails = sink.to(email).filter((m) => m.subject?.includes("101"));
      expect(mails).toHaveLength(1);
      if (subject) expect(mails[0].subject).toBe(subject);
    }
  });
});

describe("sending a FAILED email again", () => {
  it("queues it again from zero attempts, with an audit entry, only within the manager's municipality", async () => {
    await person("ines@example.org", "en");
    await assign("ines@example.org", 30);
    const row = await db.notification.findFirstOrThrow({ where: { email: "ines@example.org" } });
    await db.notification.update({ where: { id: row.id }, data: { emailStatus: "FAILED", attempts: MAX_ATTEMPTS, lastError: "550 mailbox unavailable" } });
    const lakeside = await db.organization.findUniqueOrThrow({ where: { slug: "lakeside" } });
    const lakesideManager = (await db.user.findUniqueOrThrow({ where: { email: "manager2@demo.test" } })).id;

    // another municipality's manager: as if it did not exist
    expect(await resendFailed({ kind: "municipality", organizationId: lakeside.id }, lakesideManager, row.id)).toBeNull();
    expect(await resendFailed({ kind: "municipality", organizationId: riverside.id }, managerId, "no-such-notice")).toBeNull();
    expect((await db.notification.findUniqueOrThrow({ where: { id: row.id } })).emailStatus).toBe("FAILED");

    expect(await resendFailed({ kind: "municipality", organizationId: riverside.id }, managerId, row.id)).toEqual({ ok: true, resent: true });
    expect(await db.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ emailStatus: "PENDING", attempts: 0, lastError: null });
    // pressed twice: queued once, logged once
    expect(await resendFailed({ kind: "municipality", organizationId: riverside.id }, managerId, row.id)).toEqual({ ok: true, resent: false });
    const audit = await db.auditLog.findMany({ where: { targetId: row.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ organizationId: riverside.id, actorId: managerId, action: "notification.resent", targetType: "notification", details: { email: "ines@example.org", reason: "550 mailbox unavailable" } });

    await runPass({ mailer, origin: ORIGIN });
    expect(sink.to("ines@example.org")).toHaveLength(1);
    expect(await db.notification.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ emailStatus: "SENT", attempts: 1 });
  });

  it("the platform administrator may send any municipality's again; an invitation is renewed instead", async () => {
    const adminId = (await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } })).id;
    await person("jonas@example.org", "en");
    await assign("jonas@example.org", 30);
    const row = await db.notification.findFirstOrThrow({ where: { email: "jonas@example.org" } });
    await db.notification.update({ where: { id: row.id }, data: { emailStatus: "FAILED", attempts: MAX_ATTEMPTS, lastError: "timeout" } });
    expect((await failedEverywhere()).map((f) => f.id)).toContain(row.id);
    expect(await resendFailed({ kind: "platform" }, adminId, row.id)).toEqual({ ok: true, resent: true });
    expect(await db.auditLog.findFirstOrThrow({ where: { targetId: row.id } })).toMatchObject({ organizationId: riverside.id, actorId: adminId });

    const invitation = await db.notification.findFirstOrThrow({ where: { kind: "INVITATION" } });
    await db.notification.update({ where: { id: invitation.id }, data: { emailStatus: "FAILED", secret: null } });
    expect(await resendFailed({ kind: "platform" }, adminId, invitation.id)).toEqual({ ok: false, errors: [{ key: "notifications:resend.errors.invitation" }] });
    expect((await db.notification.findUniqueOrThrow({ where: { id: invitation.id } })).emailStatus).toBe("FAILED");
  });
});
