// The review workflow of a course version, as pure rules (no database): which step is allowed for
// whom. The server (review.server.ts) asks these rules first, then makes the step with a conditional
// update on the status, so that two reviewers clicking at once publish once.
//
//   DRAFT ──submit──► IN_REVIEW ──approve──► PUBLISHED ──(next version published)──► ARCHIVED
//     ▲                  │
//     └──sendBack/withdraw┘
//     │
//     └──discard──► (deleted; with the course itself when it has no other version)

import { isAuthorRole, type AuthorRole } from "~/auth/permissions";
import { fail, type Failed } from "~/http/forms";

export type VersionStatus = "DRAFT" | "IN_REVIEW" | "PUBLISHED" | "ARCHIVED";
export type ReviewAction = "submit" | "approve" | "sendBack" | "withdraw";

export type Actor = { userId: string; role: AuthorRole | null };
export type VersionFacts = { status: VersionStatus; submittedById: string | null };

/** Why a step is refused: a translation key in the "authoring" namespace. */
export type Refusal =
  | "workflow.notAnAuthor"
  | "workflow.wrongStatus"
  | "workflow.ownSubmission"
  | "workflow.notSubmitter"
  | "workflow.commentRequired"
  | "workflow.invalid"
  | "workflow.discardInReview"
  | "workflow.discardEnrolled";

export type Decision = { ok: true; to: VersionStatus } | Failed;

/** A refusal in the form contract's shape (app/http/forms.ts); its key is in the "authoring" namespace. */
export function refuse(reason: Refusal | "workflow.changed"): Failed {
  return fail(`authoring:${reason}`);
}

const FROM: Record<ReviewAction, VersionStatus> = { submit: "DRAFT", approve: "IN_REVIEW", sendBack: "IN_REVIEW", withdraw: "IN_REVIEW" };
const TO: Record<ReviewAction, VersionStatus> = { submit: "IN_REVIEW", approve: "PUBLISHED", sendBack: "DRAFT", withdraw: "DRAFT" };

export function fromStatus(action: ReviewAction): VersionStatus {
  return FROM[action];
}

export function decide(
  action: ReviewAction,
  actor: Actor,
  version: VersionFacts,
  input: { comment?: string | null; valid?: boolean } = {},
): Decision {
  // Authors and admins of the owning academy only; everyone else never reaches here (404), but the
  // rule stands on its own.
  if (!isAuthorRole(actor.role)) return refuse("workflow.notAnAuthor");
  if (version.status !== FROM[action]) return refuse("workflow.wrongStatus");
  switch (action) {
    case "submit":
      // Nothing goes to review that `courses:check` would refuse.
      if (input.valid !== true) return refuse("workflow.invalid");
      break;
    case "approve":
      // Four eyes: whoever submitted a version cannot publish it, whatever their role.
      if (version.submittedById === actor.userId) return refuse("workflow.ownSubmission");
      break;
    case "sendBack":
      if (version.submittedById === actor.userId) return refuse("workflow.ownSubmission");
      // The author must learn what to change.
      if (!input.comment?.trim()) return refuse("workflow.commentRequired");
      break;
    case "withdraw":
      if (version.submittedById !== actor.userId) return refuse("workflow.notSubmitter");
      break;
  }
  return { ok: true, to: TO[action] };
}

/** Only a draft is edited; a version in review, published or archived is read-only. */
export function isEditable(status: VersionStatus): boolean {
  return status === "DRAFT";
}

/**
 * A new draft can be started when the course has no unpublished version (at most one DRAFT or
 * IN_REVIEW per course) and has a published one to start from.
 */
export function canStartDraft(statuses: VersionStatus[]): boolean {
  return statuses.includes("PUBLISHED") && !statuses.some((s) => s === "DRAFT" || s === "IN_REVIEW");
}

/** The actions `actor` can take on `version` now (for the buttons shown; the server decides again). */
export function availableActions(actor: Actor, version: VersionFacts): ReviewAction[] {
  return (["submit", "approve", "sendBack", "withdraw"] as const).filter(
    (a) => decide(a, actor, version, { comment: "x", valid: true }).ok,
  );
}

/**
 * Discarding a draft deletes it. Any author or admin of the owning academy may discard a DRAFT; a
 * version in review must be withdrawn (or sent back) first; published and archived versions are
 * never deleted. A version some enrolment points at is never deleted either (learners only ever
 * enrol in published versions, so this is a guard, not a case that happens).
 */
export function decideDiscard(actor: Actor, version: { status: VersionStatus; enrolments?: number }): { ok: true } | Failed {
  if (!isAuthorRole(actor.role)) return refuse("workflow.notAnAuthor");
  if (version.status === "IN_REVIEW") return refuse("workflow.discardInReview");
  if (version.status !== "DRAFT") return refuse("workflow.wrongStatus");
  if ((version.enrolments ?? 0) > 0) return refuse("workflow.discardEnrolled");
  return { ok: true };
}
