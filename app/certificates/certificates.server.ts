// Reading certificates for pages, deciding who may see or revoke one, and revoking.
import { sqltag as sql } from "@prisma/client/runtime/client";
import { getDb, rawDate, readRows, type Db } from "~/db.server";
import type { LocalizedText } from "~/courses/schema";
import { pick } from "~/courses/localize";
import { isLocale, type Locale } from "~/i18n/config";
import { asOrgNames, type OrgNames } from "~/organizations/names";
import { membershipsFor, RULES, type MembershipView } from "~/auth/permissions";
import { recordAudit } from "~/audit/audit.server";
import { certificateState, isCertificateId, type CertificateState } from "./status";
import { getKeySet } from "./keys.server";
import { republishStatusList } from "./status-list.server";
import { publicOrigin } from "~/http/public-origin.server";
import { refreshReportSummaries } from "~/organizations/summary.server";

export type CertificateRecord = {
  id: string;
  userId: string;
  holderName: string;
  courseId: string;
  courseSlug: string;
  courseVersion: number;
  courseTitle: LocalizedText;
  sourceLocale: Locale;
  issuerName: string;
  /** the academy's names per language when issued (none on certificates issued before names per language existed) */
  issuerNames: OrgNames;
  issuedAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  revokedReason: string | null;
  credential: string;
};

/**
 * The stored record, or null for an unknown or malformed id (no database query for the latter).
 * Ids are matched case-insensitively: someone typing one from a printed certificate may use capitals.
 */
export async function findCertificate(asked: string, db?: Db): Promise<CertificateRecord | null> {
  db ??= await getDb();
  const id = asked.trim().toLowerCase();
  if (!isCertificateId(id)) return null;
  const row = await db.certificate.findUnique({ where: { id } });
  if (!row) return null;
  // slug and source language come from the course (they do not change); the title is the snapshot
  const course = await db.course.findUnique({ where: { id: row.courseId }, select: { slug: true, sourceLocale: true } });
  return {
    id: row.id,
    userId: row.userId,
    holderName: row.holderName,
    courseId: row.courseId,
    courseSlug: course?.slug ?? "",
    courseVersion: row.courseVersion,
    courseTitle: (row.courseTitle ?? {}) as LocalizedText,
    sourceLocale: course && isLocale(course.sourceLocale) ? course.sourceLocale : "en",
    issuerName: row.issuerName,
    issuerNames: asOrgNames(row.issuerNames),
    issuedAt: row.issuedAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    revokedReason: row.revokedReason,
    credential: row.credential,
  };
}

export function courseTitleIn(record: Pick<CertificateRecord, "courseTitle" | "sourceLocale">, locale: Locale) {
  return pick(record.courseTitle, locale, record.sourceLocale).value;
}

/** The issuing academy's name in `locale` as it was at issue, else the name the certificate was issued with. */
export function issuerNameIn(record: { issuerName: string; issuerNames?: unknown }, locale: Locale): string {
  return asOrgNames(record.issuerNames)[locale] ?? record.issuerName;
}

export type CertificateSummary = {
  id: string;
  courseTitle: string;
  courseVersion: number;
  issuerName: string;
  issuedAt: string;
  expiresAt: string | null;
  state: CertificateState;
};

/** "My certificates": newest first, titles in the reader's language. */
export async function listCertificatesOf(userId: string, locale: Locale, now = new Date(), db?: Db): Promise<CertificateSummary[]> {
  db ??= await getDb();
  const rows = await db.certificate.findMany({
    where: { userId },
    orderBy: { issuedAt: "desc" },
    select: { id: true, courseId: true, courseTitle: true, courseVersion: true, issuerName: true, issuerNames: true, issuedAt: true, expiresAt: true, revokedAt: true },
  });
  const courses = await db.course.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.courseId))] } },
    select: { id: true, sourceLocale: true },
  });
  const source = new Map(courses.map((c) => [c.id, isLocale(c.sourceLocale) ? c.sourceLocale : ("en" as Locale)]));
  return rows.map((r) => ({
    id: r.id,
    courseTitle: pick((r.courseTitle ?? {}) as LocalizedText, locale, source.get(r.courseId) ?? "en").value,
    courseVersion: r.courseVersion,
    issuerName: issuerNameIn(r, locale),
    issuedAt: r.issuedAt.toISOString(),
    expiresAt: r.expiresAt?.toISOString() ?? null,
    state: certificateState(r, now),
  }));
}

export type Access =
  | { kind: "holder"; canRevoke: false }
  | { kind: "manager"; canRevoke: boolean; organizationId: string }
  | { kind: "academy" | "admin"; canRevoke: true; organizationId: string };

/**
 * Who may see a certificate and who may revoke it (docs/certificates.md, "Who may revoke"):
 * - platform administrators: see and revoke any certificate;
 * - the issuing academy (AUTHOR or ADMIN of the academy that owns the course): see and revoke the
 *   certificates of its courses — it vouches for what they certify;
 * - managers (MANAGER or ADMIN) of a municipality the holder is an active member of: see the holder's
 *   certificates (their staff's training record), but revoke only those tied to THEIR municipality's
 *   assignment: the certificate's course assigned by that municipality to the person, to the person's
 *   department there, or to all its staff. A certificate earned on one's own or through another
 *   municipality is not theirs to withdraw;
 * - the holder: sees, never revokes.
 * Anyone else gets null (the route answers 404).
 */
export async function accessTo(
  certificate: { userId: string; courseId: string },
  viewer: { id: string; memberships: MembershipView[] },
  db?: Db,
): Promise<Access | null> {
  db ??= await getDb();
  const [platform] = membershipsFor(viewer.memberships, RULES.platformAdmin);
  if (platform) return { kind: "admin", canRevoke: true, organizationId: platform.organizationId };
  const academies = membershipsFor(viewer.memberships, RULES.author);
  if (academies.length > 0) {
    const course = await db.course.findUnique({ where: { id: certificate.courseId }, select: { academyId: true } });
    const issuing = course && academies.find((m) => m.organizationId === course.academyId);
    if (issuing) return { kind: "academy", canRevoke: true, organizationId: issuing.organizationId };
  }
  const managed = membershipsFor(viewer.memberships, RULES.manage);
  if (managed.length > 0 && certificate.userId !== viewer.id) {
    const shared = await db.membership.findMany({
      where: { userId: certificate.userId, status: "ACTIVE", organizationId: { in: managed.map((m) => m.organizationId) } },
      select: { organizationId: true, departmentId: true },
      orderBy: { createdAt: "asc" },
    });
    for (const membership of shared) {
      const assigned = await db.assignment.findFirst({
        where: {
          organizationId: membership.organizationId,
          courseId: certificate.courseId,
          OR: [
            { userId: certificate.userId },
            ...(membership.departmentId ? [{ userId: null, departmentId: membership.departmentId }] : []),
            { userId: null, departmentId: null },
          ],
        },
        select: { id: true },
      });
      if (assigned) return { kind: "manager", canRevoke: true, organizationId: membership.organizationId };
    }
    if (shared.length > 0) return { kind: "manager", canRevoke: false, organizationId: shared[0].organizationId };
  }
  if (certificate.userId === viewer.id) return { kind: "holder", canRevoke: false };
  return null;
}

/**
 * Revokes once (a second revocation changes nothing) and records who did it and why. The published
 * revocation list is signed again in the same transaction: it flips with the record, or not at all.
 */
export async function revokeCertificate(
  input: { certificateId: string; actorId: string; organizationId: string; reason: string; now?: Date },
  db?: Db,
): Promise<{ revoked: boolean }> {
  db ??= await getDb();
  const now = input.now ?? new Date();
  const { signing } = await getKeySet(); // outside the transaction: reading a key file takes no lock
  const origin = publicOrigin();
  return db.$transaction(async (tx) => {
    const { count } = await tx.certificate.updateMany({
      where: { id: input.certificateId, revokedAt: null },
      data: { revokedAt: now, revokedReason: input.reason },
    });
    if (count === 1) {
      const { statusListIndex, userId, courseId } = await tx.certificate.findUniqueOrThrow({
        where: { id: input.certificateId },
        select: { statusListIndex: true, userId: true, courseId: true },
      });
      // the municipal reports' summary: a revoked certificate proves nothing (same transaction)
      await refreshReportSummaries(tx, { userId, courseId });
      if (statusListIndex !== null) await republishStatusList(tx, statusListIndex, signing, origin, now);
      await recordAudit(tx, {
        organizationId: input.organizationId,
        actorId: input.actorId,
        action: "certificate.revoke",
        targetType: "certificate",
        targetId: input.certificateId,
        details: { reason: input.reason },
      });
    }
    return { revoked: count === 1 };
  });
}

/**
 * The newest certificate of an enrolment that was not revoked, with its state and expiry, for the
 * course page's "course completed" box (a link to it; "expired on …" with the recertify button). A
 * revoked certificate is not offered there: the holder finds it under "My certificates".
 */
export async function latestCertificateOfEnrolment(enrolmentId: string, now = new Date(), db?: Db) {
  db ??= await getDb();
  // raw: read on the course page of everyone who completed it (a model query costs 3–8× this)
  const [row] = await readRows<{ id: string; expiresAt: unknown }>(db, sql`
    SELECT "id", "expiresAt" FROM "Certificate"
    WHERE "enrolmentId" = ${enrolmentId} AND "revokedAt" IS NULL
    ORDER BY "issuedAt" DESC, "id" DESC
    LIMIT 1`);
  if (!row) return null;
  const expiresAt = rawDate(row.expiresAt);
  return { id: row.id, state: certificateState({ expiresAt, revokedAt: null }, now), expiresAt };
}
