// Issuing a certificate when an enrolment is completed (called by the learning area).
import { getDb, isUniqueViolation, type Db } from "~/db.server";
import { newId } from "~/ids";
import type { LocalizedText } from "~/courses/schema";
import { readContent } from "~/courses/versions.server";
import { isLocale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import { pick } from "~/courses/localize";
import { buildCredential, signCredential } from "./credential.server";
import { getKeySet } from "./keys.server";
import { reserveStatusIndex } from "./status-list.server";
import { publicOrigin } from "~/http/public-origin.server";
import { addMonths } from "~/dates";
import { certificateState } from "./status";
import { queueCertificateIssued } from "~/notifications/queue.server";
import { queueCertificateStatement } from "~/xapi/queue.server";
import { refreshReportSummaries } from "~/organizations/summary.server";
import { asOrgNames, orgName } from "~/organizations/names";

/**
 * The certificate of an enrolment's completion, issued now if needed. Idempotent:
 * - a still-valid certificate of the enrolment is returned as it is;
 * - a certificate that already covers the current completion (issued at or after it) is returned
 *   even if it has expired or been revoked since: only a NEW completion earns a new certificate,
 *   so revocation sticks, and expiry means "complete the course again";
 * - after expiry (or revocation), completing the course again issues a new certificate.
 * The certificate is dated with the completion (enrolment.completedAt); its validity runs from there.
 * Everything printed or signed is copied from the database at this moment, so later edits of the
 * course (new versions, new titles) or of the person's name do not change issued certificates.
 */
export async function issueCertificateForEnrolment(
  enrolmentId: string,
  now: Date = new Date(),
  db?: Db,
): Promise<{ id: string }> {
  db ??= await getDb();
  const enrolment = await db.enrolment.findUnique({
    where: { id: enrolmentId },
    select: {
      id: true,
      userId: true,
      courseId: true,
      completedAt: true,
      user: { select: { name: true, email: true, locale: true } },
      course: {
        select: {
          slug: true,
          sourceLocale: true,
          academy: { select: { name: true, names: true } },
        },
      },
      courseVersion: { select: { id: true, status: true, version: true, content: true } },
    },
  });
  if (!enrolment) throw new Error(`No enrolment ${enrolmentId}`);
  if (!enrolment.completedAt)
    throw new Error(
      `Enrolment ${enrolmentId} is not completed: no certificate`
    );
  const completedAt = enrolment.completedAt;

  const latest = await db.certificate.findFirst({
    where: { enrolmentId },
    orderBy: { issuedAt: "desc" },
    select: { id: true, issuedAt: true, expiresAt: true, revokedAt: true },
  });
  if (latest) {
    if (certificateState(latest, now) === "valid") return { id: latest.id };
    const coveredUntil = Math.max(
      latest.issuedAt.getTime(),
      latest.revokedAt?.getTime() ?? 0
    );
    if (completedAt.getTime() <= coveredUntil) return { id: latest.id };
  }

  const content = readContent(enrolment.courseVersion);
  const sourceLocale = isLocale(content.sourceLocale)
    ? content.sourceLocale
    : isLocale(enrolment.course.sourceLocale)
    ? enrolment.course.sourceLocale
    : "en";
  const courseTitle: LocalizedText = { ...content.title };
  const issuedAt = completedAt;
  const expiresAt = content.certificateValidityMonths
    ? addMonths(issuedAt, content.certificateValidityMonths)
    : null;
  const id = newId();
  // the credential speaks the learner's language when the course has it, else the course's own
  const preferred = isLocale(enrolment.user.locale) ? enrolment.user.locale : sourceLocale;
  const locale = courseTitle[preferred] ? preferred : sourceLocale;
  const t = await getFixedT(locale, "certificates");
  const title = pick(courseTitle, locale, sourceLocale).value;
  const version = enrolment.courseVersion.version;
  const claims = {
    certificateId: id,
    holderId: enrolment.userId,
    holderName: enrolment.user.name,
    holderEmail: enrolment.user.email,
    locale,
    texts: {
      name: t("credential.name", { course: title }),
      description: t("credential.description", { course: title, version }),
      criteria: t("credential.criteria"),
    },
    // reserved before signing (the credential names it); lost if a concurrent completion wins, harmless
    statusListIndex: await reserveStatusIndex(db),
    courseSlug: enrolment.course.slug,
    courseVersion: version,
    courseTitle,
    sourceLocale,
    // the academy's name in the credential's language (the per-language names are kept beside it)
    issuerName: orgName(enrolment.course.academy, locale),
    issuedAt,
    expiresAt,
  };
  const { signing } = await getKeySet();
  const origin = publicOrigin();
  const credential = await signCredential(buildCredential(claims, origin), signing, origin, now);
  try {
    // the certificate and its "certificate issued" notice commit together (outbox pattern): no
    // certificate without its notice (the scheduler's catch-up remains a safety net)
    await db.$transaction(async (tx) => {
      await tx.certificate.create({
        data: {
          id,
          userId: enrolment.userId,
          enrolmentId: enrolment.id,
          courseId: enrolment.courseId,
          courseVersion: claims.courseVersion,
          holderName: claims.holderName,
          courseTitle,
          issuerName: claims.issuerName,
          // the names per language at issue, for the pages and PDFs in each language (a later rename changes nothing)
          issuerNames: asOrgNames(enrolment.course.academy.names),
          issuedAt,
          expiresAt,
          credential,
          statusListIndex: claims.statusListIndex,
        },
      });
      await queueCertificateIssued(tx, id);
      await queueCertificateStatement(tx, id);
      // the municipal reports' summary counts certificates (same transaction)
      await refreshReportSummaries(tx, { userId: enrolment.userId, courseId: enrolment.courseId });
    });
  } catch (error) {
    // Two requests completed the course at the same moment: the other one issued it.
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.certificate.findFirstOrThrow({
      where: { enrolmentId, issuedAt },
      select: { id: true },
    });
    return { id: winner.id };
  }
  return { id };
}
