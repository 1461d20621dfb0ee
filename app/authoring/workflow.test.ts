import { describe, expect, it } from "vitest";
import { availableActions, canStartDraft, decide, decideDiscard, isEditable } from "./workflow";

const author = { userId: "a", role: "AUTHOR" as const };
const other = { userId: "b", role: "AUTHOR" as const };
const admin = { userId: "c", role: "ADMIN" as const };
const learner = { userId: "d", role: null };
const draft = { status: "DRAFT" as const, submittedById: null };
const inReview = { status: "IN_REVIEW" as const, submittedById: "a" };

describe("review workflow rules", () => {
  it("lets an author submit a valid draft, and nothing else", () => {
    expect(decide("submit", author, draft, { valid: true })).toEqual({ ok: true, to: "IN_REVIEW" });
    expect(decide("submit", author, draft, { valid: false })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.invalid" }] });
    expect(decide("submit", author, inReview, { valid: true })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.wrongStatus" }] });
    expect(decide("submit", learner, draft, { valid: true })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.notAnAuthor" }] });
  });

  it("never lets the submitter approve or send back their own submission, whatever their role", () => {
    expect(decide("approve", author, inReview)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.ownSubmission" }] });
    expect(decide("approve", { userId: "a", role: "ADMIN" }, inReview)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.ownSubmission" }] });
    expect(decide("sendBack", author, inReview, { comment: "no" })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.ownSubmission" }] });
  });

  it("lets another author or an admin of the academy approve: that publishes", () => {
    expect(decide("approve", other, inReview)).toEqual({ ok: true, to: "PUBLISHED" });
    expect(decide("approve", admin, inReview)).toEqual({ ok: true, to: "PUBLISHED" });
    expect(decide("approve", learner, inReview)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.notAnAuthor" }] });
  });

  it("needs a comment to send back", () => {
    expect(decide("sendBack", other, inReview, { comment: "  " })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.commentRequired" }] });
    expect(decide("sendBack", other, inReview, { comment: "Fix the quiz" })).toEqual({ ok: true, to: "DRAFT" });
  });

  it("lets only the submitter withdraw", () => {
    expect(decide("withdraw", author, inReview)).toEqual({ ok: true, to: "DRAFT" });
    expect(decide("withdraw", other, inReview)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.notSubmitter" }] });
  });

  it("refuses every step on published and archived versions", () => {
    for (const status of ["PUBLISHED", "ARCHIVED"] as const) {
      for (const action of ["submit", "approve", "sendBack", "withdraw"] as const) {
        expect(decide(action, other, { status, submittedById: "a" }, { comment: "x", valid: true }).ok).toBe(false);
      }
    }
  });

  it("edits drafts only, and starts a new draft only from a published course without an open version", () => {
    expect(isEditable("DRAFT")).toBe(true);
    expect(isEditable("IN_REVIEW")).toBe(false);
    expect(isEditable("PUBLISHED")).toBe(false);
    expect(canStartDraft(["PUBLISHED", "ARCHIVED"])).toBe(true);
    expect(canStartDraft(["DRAFT", "PUBLISHED"])).toBe(false);
    expect(canStartDraft(["IN_REVIEW", "PUBLISHED"])).toBe(false);
    expect(canStartDraft(["DRAFT"])).toBe(false);
  });

  it("offers the buttons that the rules allow", () => {
    expect(availableActions(author, inReview)).toEqual(["withdraw"]);
    expect(availableActions(other, inReview)).toEqual(["approve", "sendBack"]);
    expect(availableActions(author, draft)).toEqual(["submit"]);
  });

  it("lets any author or admin of the academy discard a draft, and nothing else", () => {
    expect(decideDiscard(author, draft)).toEqual({ ok: true });
    expect(decideDiscard(other, draft)).toEqual({ ok: true });
    expect(decideDiscard(admin, draft)).toEqual({ ok: true });
    expect(decideDiscard(learner, draft)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.notAnAuthor" }] });
    expect(decideDiscard(author, inReview)).toEqual({ ok: false, errors: [{ key: "authoring:workflow.discardInReview" }] });
    expect(decideDiscard(author, { status: "PUBLISHED" })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.wrongStatus" }] });
    expect(decideDiscard(author, { status: "ARCHIVED" })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.wrongStatus" }] });
    expect(decideDiscard(author, { status: "DRAFT", enrolments: 1 })).toEqual({ ok: false, errors: [{ key: "authoring:workflow.discardEnrolled" }] });
  });
});
