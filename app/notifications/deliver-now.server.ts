// "Say what really happened" to the emails a manager just caused (issue 18): instead of leaving them to
// the next pass of the job runner (within a minute), the page sends the due emails at once, waits a
// bounded time, and reports each one: sent, kept in the outbox (no SMTP_HOST), failed, or still queued.
import { getDb } from "~/db.server";
import { mailConfigFromEnv } from "./mailer.server";
import { deliverDue } from "./runner.server";

export type DeliveryOutcome = "sent" | "outbox" | "failed" | "queued";

/** Waits at most this long: a slow SMTP server must not hold the manager's page (the send goes on). */
const WAIT_MS = 8_000;

export async function sendInvitationEmailsNow(invitationIds: string[], waitMs = WAIT_MS): Promise<Record<string, { outcome: DeliveryOutcome; error: string | null }>> {
  if (invitationIds.length === 0) return {};
  const deadline = Date.now() + waitMs;
  const sending = deliverDue({}, 2).catch((error) => console.error("sending the invitation emails now failed; the job runner will", error));
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([sending, new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  const db = await getDb();
  const read = () =>
    db.notification.findMany({
      where: { kind: "INVITATION", subjectId: { in: invitationIds } },
      orderBy: { createdAt: "desc" },
      select: { subjectId: true, emailStatus: true, attempts: true, lastError: true, lockedUntil: true },
    });
  let rows = await read();
  // another process (the job runner's pass) may have claimed some of them first: wait for it to finish
  while (rows.some((r) => r.emailStatus === "PENDING" && r.lockedUntil && r.lockedUntil > new Date()) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    rows = await read();
  }
  const outbox = mailConfigFromEnv().kind === "outbox";
  const report: Record<string, { outcome: DeliveryOutcome; error: string | null }> = {};
  for (const row of rows) {
    if (report[row.subjectId]) continue; // a renewed invitation: its newest email
    const outcome: DeliveryOutcome =
      row.emailStatus === "SENT" ? (outbox ? "outbox" : "sent") : row.emailStatus === "FAILED" || row.attempts > 0 ? "failed" : "queued";
    report[row.subjectId] = { outcome, error: outcome === "failed" ? row.lastError : null };
  }
  return report;
}
