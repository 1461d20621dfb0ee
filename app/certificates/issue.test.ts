import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb } from "../../tests/db";
import type { Db } from "~/db.server";
import type { MembershipView } from "~/auth/permissions";
import { newId } from "~/ids";
import { accessTo, findCertificate, listCertificatesOf, revokeCertificate } from "./certificates.server";
import { verifyCredential } from "./credential.server";
import { issueCertificateForEnrolment } from "./issue.server";
import { getKeySet, resetKeySetCache } from "./keys.server";
import { certificateState } from "./status";
import { bitAt, publishedStatusList } from "./status-list.server";
import { compactVerify, importJWK, type JWK } from "jose";

let db: Db;
let cleanup: () => Promise<void>;
const ids = { academy: newId(), otherAcademy: newId(), municipality: newId(), other: newId(), stranger: newId(), platform: newId(), course: newId(), v1: newId(), v2: newId() };

function content(version: number, validity: number | null) {
  return {
    slug: "mini",
    sourceLocale: "en",
    academy: "cert-academy",
    durationMinutes: 5,
    topics: [],
    certificateValidityMonths: validity,
    passRules: { requireAllLessons: true, requireAllQuizzes: true },
    title: { en: `Mini course v${version}`, ar: "دورة قصيرة" },
    summary: { en: "S" },
    modules: [],
    completeLocales: ["en"],
  };
}

async function user(name: string, memberships: Array<{ org: string; role: "LEARNER" | "MANAGER" | "AUTHOR" | "ADMIN"; status?: "ACTIVE" | "DEACTIVATED" }>) {
  const id = newId();
  await db.user.create({ data: { id, email: `${id}@example.org`, name, passwordHash: "x" } });
  for (const m of memberships) {
    await db.membership.create({ data: { id: newId(), userId: id, organizationId: m.org, role: m.role, status: m.status ?? "ACTIVE" } });
  }
  return id;
}

// as app/auth/guards.server.ts getMemberships, but on this test's database
async function getMemberships(userId: string): Promise<MembershipView[]> {
  const rows = await db.membership.findMany({ where: { userId }, select: { role: true, status: true, organization: { select: { id: true, slug: true, name: true, kind: true } } } });
  return rows.map((m) => ({
    organizationId: m.organization.id,
    organizationSlug: m.organization.slug,
    organizationName: m.organization.name,
    organizationKind: m.organization.kind,
    role: m.role,
    status: m.status,
  }));
}

async function completedEnrolment(userId: string, versionId = ids.v1, completedAt = new Date()) {
  const id = newId();
  await db.enrolment.create({ data: { id, userId, courseId: ids.course, courseVersionId: versionId, completedAt } });
  return id;
}

beforeAll(async () => {
  process.env.CERT_KEYS_FILE = path.join(mkdtempSync(path.join(tmpdir(), "cert-keys-")), "keys.json");
  process.env.PUBLIC_URL = "https://learn.example.org";
  resetKeySetCache();
  ({ db, cleanup } = await createTestDb());
  await db.organization.createMany({
    data: [
      { id: ids.academy, slug: "cert-academy", name: "Certificate Academy", kind: "ACADEMY" },
      { id: ids.municipality, slug: "cert-town", name: "Cert Town", kind: "MUNICIPALITY" },
      { id: ids.other, slug: "other-town", name: "Other Town", kind: "MUNICIPALITY" },
      { id: ids.stranger, slug: "stranger-town", name: "Stranger Town", kind: "MUNICIPALITY" },
      { id: ids.otherAcademy, slug: "other-academy", name: "Other Academy", kind: "ACADEMY" },
      { id: ids.platform, slug: "cert-platform", name: "Platform", kind: "PLATFORM" },
    ],
  });
  await db.course.create({ data: { id: ids.course, slug: "mini", academyId: ids.academy, sourceLocale: "en" } });
  const version = (id: string, n: number, validity: number | null) => ({
    id,
    courseId: ids.course,
    version: n,
    status: "PUBLISHED" as const,
    contentHash: `h${n}`,
    title: content(n, validity).title,
    summary: {},
    topics: [],
    completeLocales: ["en"],
    durationMinutes: 5,
    content: content(n, validity),
  });
  await db.courseVersion.create({ data: version(ids.v1, 1, 24) });
});
afterAll(async () => {
  await cleanup();
  resetKeySetCache();
  delete process.env.CERT_KEYS_FILE;
  delete process.env.PUBLIC_URL;
});

describe("issuing", () => {
  it("issues from the database, signs it, and is idempotent for a valid certificate", async () => {
    const learner = await user("Amina Haddad", [{ org: ids.municipality, role: "LEARNER" }]);
    const completedAt = new Date("2026-11-15T10:00:00Z");
    const enrolment = await completedEnrolment(learner, ids.v1, completedAt);
    const now = new Date("2026-11-15T10:00:01Z");
    const first = await issueCertificateForEnrolment(enrolment, now, db);
    expect(first.id).toMatch(/^[a-z2-7]{26}$/);
    expect(await issueCertificateForEnrolment(enrolment, now, db)).toEqual(first);
    const record = (await findCertificate(first.id, db))!;
    expect(record).toMatchObject({
      holderName: "Amina Haddad",
      issuerName: "Certificate Academy",
      courseVersion: 1,
      courseSlug: "mini",
      courseTitle: { en: "Mini course v1", ar: "دورة قصيرة" },
    });
    expect(record.issuedAt.toISOString()).toBe("2026-11-15T10:00:00.000Z");
    expect(record.expiresAt?.toISOString()).toBe("2028-11-15T10:00:00.000Z");
    const result = await verifyCredential(record.credential, await getKeySet());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.credential.credentialSubject.identifier[0].identityHash).toBe("Amina Haddad");
      expect(result.credential.id).toBe(`https://learn.example.org/verify/${first.id}`);
    }
  });

  it("after expiry, only a new completion issues a new certificate", async () => {
    const learner = await user("Li Wei", []);
    const enrolment = await completedEnrolment(learner, ids.v1, new Date("2024-01-10T00:00:00Z"));
    const old = await issueCertificateForEnrolment(enrolment, new Date("2024-01-10T00:00:01Z"), db);
    const later = new Date("2026-03-01T00:00:00Z"); // 24 months passed
    expect(certificateState((await findCertificate(old.id, db))!, later)).toBe("expired");
    // same completion: nothing new (expiry means "complete the course again")
    expect(await issueCertificateForEnrolment(enrolment, later, db)).toEqual(old);
    // completing again
    await db.enrolment.update({ where: { id: enrolment }, data: { completedAt: later } });
    const renewed = await issueCertificateForEnrolment(enrolment, later, db);
    expect(renewed.id).not.toBe(old.id);
    expect(certificateState((await findCertificate(renewed.id, db))!, later)).toBe("valid");
    expect(await issueCertificateForEnrolment(enrolment, later, db)).toEqual(renewed);
    // the old one stays on record, still verifiable as expired
    expect(certificateState((await findCertificate(old.id, db))!, later)).toBe("expired");
  });

  it("refuses an enrolment that is not completed", async () => {
    const learner = await user("Not Done", []);
    const id = newId();
    await db.enrolment.create({ data: { id, userId: learner, courseId: ids.course, courseVersionId: ids.v1 } });
    await expect(issueCertificateForEnrolment(id, undefined, db)).rejects.toThrow(/not completed/);
  });

  it("certificates of an earlier course version stay valid after a new version is published", async () => {
    const learner = await user("Early Bird", []);
    const enrolment = await completedEnrolment(learner);
    const { id } = await issueCertificateForEnrolment(enrolment, undefined, db);
    await db.courseVersion.update({ where: { id: ids.v1 }, data: { status: "ARCHIVED" } });
    await db.courseVersion.create({
      data: {
        id: ids.v2, courseId: ids.course, version: 2, status: "PUBLISHED", contentHash: "h2", title: { en: "Mini course v2" },
        summary: {}, topics: [], completeLocales: ["en"], durationMinutes: 5, content: content(2, 24),
      },
    });
    const record = (await findCertificate(id, db))!;
    expect(certificateState(record)).toBe("valid");
    expect(record.courseVersion).toBe(1);
    expect(record.courseTitle.en).toBe("Mini course v1");
    expect((await verifyCredential(record.credential, await getKeySet())).ok).toBe(true);
  });
});

describe("access and revocation", () => {
  it("who may revoke what: the issuing academy, platform admins, and a manager only for their municipality's assignment", async () => {
    // the holder works for two municipalities; only Cert Town assigned the course
    const learner = await user("Holder", [{ org: ids.municipality, role: "LEARNER" }, { org: ids.other, role: "LEARNER" }]);
    const manager = await user("Manager", [{ org: ids.municipality, role: "MANAGER" }]);
    const formerManager = await user("Former", [{ org: ids.municipality, role: "MANAGER", status: "DEACTIVATED" }]);
    const otherManager = await user("Elsewhere", [{ org: ids.other, role: "MANAGER" }]);
    const strangerManager = await user("Stranger", [{ org: ids.stranger, role: "MANAGER" }]);
    const colleague = await user("Colleague", [{ org: ids.municipality, role: "LEARNER" }]);
    const author = await user("Issuing author", [{ org: ids.academy, role: "AUTHOR" }]);
    const academyAdmin = await user("Issuing academy admin", [{ org: ids.academy, role: "ADMIN" }]);
    const otherAcademyAuthor = await user("Other academy", [{ org: ids.otherAcademy, role: "AUTHOR" }]);
    const admin = await user("Admin", [{ org: ids.platform, role: "ADMIN" }]);
    await db.assignment.create({
      data: { id: newId(), organizationId: ids.municipality, courseId: ids.course, userId: learner, dueAt: new Date(Date.now() + 86_400_000), createdById: manager },
    });
    const { id } = await issueCertificateForEnrolment(await completedEnrolment(learner), undefined, db);
    const cert = { userId: learner, courseId: ids.course };
    const as = async (userId: string) => accessTo(cert, { id: userId, memberships: await getMemberships(userId) }, db);
    expect(await as(learner)).toEqual({ kind: "holder", canRevoke: false });
    expect(await as(manager)).toEqual({ kind: "manager", canRevoke: true, organizationId: ids.municipality });
    // a municipality the holder belongs to, but which did not assign this course: sees, cannot revoke
    expect(await as(otherManager)).toEqual({ kind: "manager", canRevoke: false, organizationId: ids.other });
    expect(await as(author)).toEqual({ kind: "academy", canRevoke: true, organizationId: ids.academy });
    expect(await as(academyAdmin)).toEqual({ kind: "academy", canRevoke: true, organizationId: ids.academy });
    expect(await as(admin)).toEqual({ kind: "admin", canRevoke: true, organizationId: ids.platform });
    for (const outsider of [formerManager, strangerManager, colleague, otherAcademyAuthor]) expect(await as(outsider)).toBeNull();

    // a course the person took on their own: no municipality may revoke it, the academy and the admin may
    const own = { userId: learner, courseId: ids.course };
    await db.assignment.deleteMany({ where: { userId: learner } });
    const again = async (userId: string) => accessTo(own, { id: userId, memberships: await getMemberships(userId) }, db);
    expect(await again(manager)).toEqual({ kind: "manager", canRevoke: false, organizationId: ids.municipality });
    expect((await again(author))?.canRevoke).toBe(true);
    // assigned to the holder's department, or to all staff, by that municipality: the manager may revoke
    await db.assignment.create({
      data: { id: newId(), organizationId: ids.municipality, courseId: ids.course, userId: null, departmentId: null, dueAt: new Date(Date.now() + 86_400_000), createdById: manager },
    });
    expect(await again(manager)).toEqual({ kind: "manager", canRevoke: true, organizationId: ids.municipality });
    expect(await again(otherManager)).toEqual({ kind: "manager", canRevoke: false, organizationId: ids.other });

    expect(await revokeCertificate({ certificateId: id, actorId: manager, organizationId: ids.municipality, reason: "Issued in error" }, db)).toEqual({ revoked: true });
    expect(await revokeCertificate({ certificateId: id, actorId: admin, organizationId: ids.platform, reason: "again" }, db)).toEqual({ revoked: false });
    const record = (await findCertificate(id, db))!;
    expect(certificateState(record)).toBe("revoked");
    expect(record.revokedReason).toBe("Issued in error");
    const logs = await db.auditLog.findMany({ where: { targetId: id } });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ action: "certificate.revoke", actorId: manager, organizationId: ids.municipality, targetType: "certificate", details: { reason: "Issued in error" } });
    expect((await listCertificatesOf(learner, "ar", undefined, db)).map((c) => [c.courseTitle, c.state])).toEqual([["دورة قصيرة", "revoked"]]);
  });

  it("revocation sticks: issuing again for the same completion returns the revoked certificate", async () => {
    const learner = await user("Revoked Holder", []);
    const enrolment = await completedEnrolment(learner);
    const { id } = await issueCertificateForEnrolment(enrolment, undefined, db);
    await revokeCertificate({ certificateId: id, actorId: learner, organizationId: ids.platform, reason: "fraud" }, db);
    expect(await issueCertificateForEnrolment(enrolment, undefined, db)).toEqual({ id });
  });

  it("unknown and malformed ids find nothing", async () => {
    expect(await findCertificate(newId(), db)).toBeNull();
    expect(await findCertificate("../../etc/passwd", db)).toBeNull();
  });
});

describe("the certificate-issued notice (outbox)", () => {
  it("is written with the certificate, once", async () => {
    const learner = await user("Notified Holder", []);
    const enrolment = await completedEnrolment(learner);
    const { id } = await issueCertificateForEnrolment(enrolment, undefined, db);
    expect(await issueCertificateForEnrolment(enrolment, undefined, db)).toEqual({ id });
    const notices = await db.notification.findMany({ where: { subjectId: id }, select: { kind: true, userId: true } });
    expect(notices).toEqual([{ kind: "CERTIFICATE_ISSUED", userId: learner }]);
  });

  it("when the notice cannot be written, no certificate is issued either", async () => {
    const learner = await user("Unlucky Holder", []);
    const enrolment = await completedEnrolment(learner);
    const failingNotices = db.$extends({
      query: { notification: { create: () => Promise.reject(new Error("notification table unavailable")) } },
    }) as unknown as Db;
    await expect(issueCertificateForEnrolment(enrolment, undefined, failingNotices)).rejects.toThrow(/notification table unavailable/);
    expect(await db.certificate.count({ where: { enrolmentId: enrolment } })).toBe(0);
    // the next attempt (the learner's next request) issues it with its notice
    const { id } = await issueCertificateForEnrolment(enrolment, undefined, db);
    expect(await db.notification.count({ where: { subjectId: id, kind: "CERTIFICATE_ISSUED" } })).toBe(1);
  });
});

describe("revocation list (Bitstring Status List)", () => {
  it("each certificate gets its own index, even when issued at the same moment", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, (_, i) => user(`Parallel ${i}`, [])));
    const enrolments = await Promise.all(people.map((p) => completedEnrolment(p)));
    const issued = await Promise.all(enrolments.map((e) => issueCertificateForEnrolment(e, undefined, db)));
    const rows = await db.certificate.findMany({ where: { id: { in: issued.map((c) => c.id) } }, select: { statusListIndex: true, credential: true } });
    const indexes = rows.map((r) => r.statusListIndex);
    expect(indexes.every((i) => typeof i === "number")).toBe(true);
    expect(new Set(indexes).size).toBe(rows.length);
    // the signed credential names the same position
    for (const row of rows) {
      const result = await verifyCredential(row.credential, await getKeySet());
      expect(result.ok && result.credential.credentialStatus?.statusListIndex).toBe(String(row.statusListIndex));
    }
  });

  it("revoking flips the certificate's bit in the published, signed list, in the same transaction", async () => {
    const [revoked, kept] = await Promise.all([user("Revoked Holder", []), user("Kept Holder", [])]);
    const a = await issueCertificateForEnrolment(await completedEnrolment(revoked), undefined, db);
    const b = await issueCertificateForEnrolment(await completedEnrolment(kept), undefined, db);
    const index = async (id: string) => (await db.certificate.findUniqueOrThrow({ where: { id }, select: { statusListIndex: true } })).statusListIndex!;
    const keys = await getKeySet();
    const readBit = async (i: number) => {
      const jws = (await publishedStatusList(1, keys.signing, "https://learn.example.org", db))!;
      const { payload } = await compactVerify(jws, await importJWK(keys.signing.publicJwk as JWK, "EdDSA"));
      const list = JSON.parse(new TextDecoder().decode(payload));
      expect(list).toMatchObject({ id: "https://learn.example.org/credentials/status/1", issuer: "did:web:learn.example.org" });
      return bitAt(list.credentialSubject.encodedList, i);
    };
    expect(await readBit(await index(a.id))).toBe(false);
    const admin = await user("List Admin", [{ org: ids.platform, role: "ADMIN" }]);
    await revokeCertificate({ certificateId: a.id, actorId: admin, organizationId: ids.platform, reason: "fraud" }, db);
    expect((await db.credentialStatusList.findUnique({ where: { id: 1 } }))?.credential).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(await readBit(await index(a.id))).toBe(true);
    expect(await readBit(await index(b.id))).toBe(false);
    // a list that does not exist yet is not published
    expect(await publishedStatusList(2, keys.signing, "https://learn.example.org", db)).toBeNull();
  });

  it("a failed revocation leaves the list as it was (one transaction)", async () => {
    const holder = await user("Atomic Holder", []);
    const { id } = await issueCertificateForEnrolment(await completedEnrolment(holder), undefined, db);
    const before = await db.credentialStatusList.findUnique({ where: { id: 1 } });
    // an actor that does not exist: the audit log's write fails after the list was re-signed
    await expect(revokeCertificate({ certificateId: id, actorId: "no-such-user", organizationId: "no-such-org", reason: "x" }, db)).rejects.toThrow();
    expect((await findCertificate(id, db))!.revokedAt).toBeNull();
    expect((await db.credentialStatusList.findUnique({ where: { id: 1 } }))?.credential).toBe(before?.credential);
  });

  it("ids are matched case-insensitively", async () => {
    const holder = await user("Case Holder", []);
    const { id } = await issueCertificateForEnrolment(await completedEnrolment(holder), undefined, db);
    expect((await findCertificate(id.toUpperCase(), db))?.id).toBe(id);
    expect((await findCertificate(` ${id} `, db))?.id).toBe(id);
  });
});
