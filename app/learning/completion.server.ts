import { getDb } from "~/db.server";
import { issueCertificateForEnrolment } from "~/certificates/issue.server";
import { queueCompletionStatement } from "~/xapi/queue.server";
import { enrolmentProgress } from "./enrolment.server";
import { refreshReportSummaries } from "~/organizations/summary.server";

/**
 * Records completion once, with its date, when the rules say the course is complete.
 * The conditional update makes it exactly-once even when two requests race.
 */
export async function checkCompletion(enrolment: { id: string; courseVersionId: string }): Promise<boolean> {
  const { progress } = await enrolmentProgress(enrolment);
  if (!progress.complete) return false;
  const db = await getDb();
  // the completion and its xAPI statement (when an LRS is configured) commit together (outbox)
  await db.$transaction(async (tx) => {
    const { count } = await tx.enrolment.updateMany({ where: { id: enrolment.id, completedAt: null }, data: { completedAt: new Date() } });
    if (count === 1) {
      await queueCompletionStatement(tx, enrolment.id);
      // the municipal reports' summary of this person and course (same transaction)
      const { userId, courseId } = await tx.enrolment.findUniqueOrThrow({ where: { id: enrolment.id }, select: { userId: true, courseId: true } });
      await refreshReportSummaries(tx, { userId, courseId });
    }
  });
  // The certificate is issued at once. issueCertificateForEnrolment is idempotent: it returns the
  // certificate that covers this completion and issues a new one only for a new completion
  // (recertification), so it also repairs a completion whose certificate was never issued.
  await issueCertificateForEnrolment(enrolment.id, undefined, db);
  return true;
}
