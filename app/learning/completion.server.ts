import { getDb } from "~/db.server";
import { issueCertificateForEnrolment } from "~/certificates/issue.server";
import { enrolmentProgress } from "./enrolment.server";

/**
 * Records completion once, with its date, when the rules say the course is complete.
 * The conditional update makes it exactly-once even when two requests race.
 */
export async function checkCompletion(enrolment: { id: string; courseVersionId: string }): Promise<boolean> {
  const { progress } = await enrolmentProgress(enrolment);
  if (!progress.complete) return false;
  const db = await getDb();
  const { count } = await db.enrolment.updateMany({ where: { id: enrolment.id, completedAt: null }, data: { completedAt: new Date() } });
  // The certificate is issued at once. issueCertificateForEnrolment is idempotent: it returns the
  // certificate that covers this completion, and issues a new one only for a new completion
  // (recertification), so calling it again for an already completed course is harmless.
  if (count === 1 || !(await hasValidCertificate(enrolment.id))) await issueCertificateForEnrolment(db, enrolment.id);
  return true;
}

async function hasValidCertificate(enrolmentId: string): Promise<boolean> {
  const db = await getDb();
  const found = await db.certificate.findFirst({
    where: { enrolmentId, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    select: { id: true },
  });
  return Boolean(found);
}
