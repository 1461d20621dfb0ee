// Assignment rules: who an assignment reaches, when it is satisfied, due or overdue, and when a
// certificate counts as expiring. Pure, so that the rules are tested on their own; the report SQL
// (~/organizations/reports.server.ts) implements the same rules for many people at once and is tested against these.

import { addMonths } from "~/dates";

/** "Renew every N months": the choices a manager has. A fixed list keeps the report SQL portable
 *  (each choice's cut-off date is computed here and passed as a parameter; see reports.server.ts). */
export const RECERTIFY_CHOICES = [6, 12, 18, 24, 36, 48, 60] as const;
export type RecertifyMonths = (typeof RECERTIFY_CHOICES)[number];

export type AssignmentState = "completed" | "due" | "overdue";

export type AssignmentRule = { dueAt: Date; recertifyMonths: number | null };
export type CertificateFacts = { issuedAt: Date; expiresAt: Date | null; revokedAt: Date | null };
export type CompletionFacts = { completedAt: Date | null; certificates: CertificateFacts[] };

/** The oldest completion that still counts for an assignment renewed every `months` months. */
export function recertifyCutoff(now: Date, months: number): Date {
  return addMonths(now, -months);
}

export function isValidCertificate(certificate: CertificateFacts, now: Date): boolean {
  return !certificate.revokedAt && (!certificate.expiresAt || certificate.expiresAt > now);
}

/** The most recent completion that counts: the course completion, or a valid certificate's issue date. */
export function lastCompletion(facts: CompletionFacts, now: Date): Date | null {
  let latest = facts.completedAt;
  for (const c of facts.certificates) {
    if (isValidCertificate(c, now) && (!latest || c.issuedAt > latest)) latest = c.issuedAt;
  }
  return latest;
}

/**
 * Without recertification, any completion satisfies the assignment (the current one, or an earlier
 * one shown by a certificate that was not revoked). With it, the completion (or a valid certificate)
 * must be newer than now minus N months.
 */
export function isSatisfied(rule: AssignmentRule, facts: CompletionFacts, now: Date): boolean {
  // A certificate proves a completion even when the enrolment has since started a new cycle
  // (recertification resets Enrolment.completedAt); a revoked one proves nothing.
  if (!rule.recertifyMonths) return Boolean(facts.completedAt) || facts.certificates.some((c) => !c.revokedAt);
  const cutoff = recertifyCutoff(now, rule.recertifyMonths);
  if (facts.completedAt && facts.completedAt >= cutoff) return true;
  return facts.certificates.some((c) => isValidCertificate(c, now) && c.issuedAt >= cutoff);
}

/** Overdue when the due date has passed and the assignment is not satisfied. */
export function assignmentState(rule: AssignmentRule, facts: CompletionFacts, now: Date): AssignmentState {
  if (isSatisfied(rule, facts, now)) return "completed";
  return rule.dueAt < now ? "overdue" : "due";
}

/**
 * The date by which the person must do the course again (recertification), or null when nothing has to
 * be renewed. It is never before the assignment's own due date.
 */
export function renewalDueAt(rule: AssignmentRule, facts: CompletionFacts, now: Date): Date | null {
  if (!rule.recertifyMonths) return null;
  const last = lastCompletion(facts, now);
  if (!last) return null;
  const renewal = addMonths(last, rule.recertifyMonths);
  return renewal > rule.dueAt ? renewal : rule.dueAt;
}

/** The date the person is measured against: the due date, or later the renewal date. */
export function effectiveDueAt(rule: AssignmentRule, facts: CompletionFacts, now: Date): Date {
  return renewalDueAt(rule, facts, now) ?? rule.dueAt;
}

export type AssignmentTarget = { userId: string | null; departmentId: string | null };
export type MemberFacts = { userId: string; departmentId: string | null; status: "ACTIVE" | "DEACTIVATED" };

/**
 * An assignment reaches a person named in it, or every ACTIVE member of its department — resolved
 * when asked, so newcomers to a department get its assignments and those who leave stop having them.
 */
export function appliesTo(assignment: AssignmentTarget, member: MemberFacts): boolean {
  if (member.status !== "ACTIVE") return false;
  if (assignment.userId) return assignment.userId === member.userId;
  return Boolean(assignment.departmentId) && assignment.departmentId === member.departmentId;
}

/** A person with several assignments of one course: overdue if any is, completed only if all are. */
export function combineStates(states: AssignmentState[]): AssignmentState | null {
  if (states.length === 0) return null;
  if (states.includes("overdue")) return "overdue";
  if (states.includes("due")) return "due";
  return "completed";
}

export const EXPIRY_WINDOWS = [30, 60, 90] as const;
export type ExpiryWindow = (typeof EXPIRY_WINDOWS)[number];
const DAY = 24 * 60 * 60 * 1000;

/** Which "expires within N days" group a valid certificate falls in (30, 60, 90), or null. */
export function expiryWindow(certificate: CertificateFacts, now: Date): ExpiryWindow | null {
  if (!isValidCertificate(certificate, now) || !certificate.expiresAt) return null;
  const days = (certificate.expiresAt.getTime() - now.getTime()) / DAY;
  return EXPIRY_WINDOWS.find((w) => days <= w) ?? null;
}

export function expiryWindowBounds(now: Date): { from: Date; to30: Date; to60: Date; to90: Date } {
  return {
    from: now,
    to30: new Date(now.getTime() + 30 * DAY),
    to60: new Date(now.getTime() + 60 * DAY),
    to90: new Date(now.getTime() + 90 * DAY),
  };
}

/** The first day (UTC) of each of the last `count` months, oldest first, and the first day of next month. */
export function monthStarts(now: Date, count: number): Date[] {
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const months: Date[] = [];
  for (let i = count - 1; i >= -1; i--) months.push(addMonths(first, -i));
  return months;
}
