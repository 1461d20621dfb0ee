import { describe, expect, it } from "vitest";
import {
  appliesTo,
  assignmentState,
  combineStates,
  effectiveDueAt,
  expiryWindow,
  isSatisfied,
  lastCompletion,
  monthStarts,
  recertifyCutoff,
  renewalDueAt,
} from "./rules";

const d = (iso: string) => new Date(iso);
const now = d("2026-06-15T12:00:00Z");
const none = { completedAt: null, certificates: [] };

describe("due, overdue and completed", () => {
  const rule = { dueAt: d("2026-07-01T00:00:00Z"), recertifyMonths: null };
  it("is due before the due date and overdue after it, without a completion", () => {
    expect(assignmentState(rule, none, now)).toBe("due");
    expect(assignmentState({ ...rule, dueAt: d("2026-06-01T00:00:00Z") }, none, now)).toBe("overdue");
  });
  it("is completed by any completion, even after the due date, without recertification", () => {
    const facts = { completedAt: d("2020-01-01T00:00:00Z"), certificates: [] };
    expect(assignmentState({ ...rule, dueAt: d("2026-06-01T00:00:00Z") }, facts, now)).toBe("completed");
  });
  it("counts an earlier completion shown by a certificate (a new recertification cycle reset the enrolment)", () => {
    const old = { issuedAt: d("2023-01-01T00:00:00Z"), expiresAt: d("2024-01-01T00:00:00Z"), revokedAt: null };
    expect(assignmentState({ ...rule, dueAt: d("2026-06-01T00:00:00Z") }, { completedAt: null, certificates: [old] }, now)).toBe("completed");
    expect(assignmentState({ ...rule, dueAt: d("2026-06-01T00:00:00Z") }, { completedAt: null, certificates: [{ ...old, revokedAt: d("2023-02-01T00:00:00Z") }] }, now)).toBe("overdue");
  });
    it("is not yet overdue at the due instant itself", () => {
    expect(assignmentState({ ...rule, dueAt: now }, none, now)).toBe("due");
  });
});

describe("recertification", () => {
  const rule = { dueAt: d("2025-01-01T00:00:00Z"), recertifyMonths: 12 };
  it("needs a completion newer than now minus N months", () => {
    expect(recertifyCutoff(now, 12).toISOString()).toBe("2025-06-15T12:00:00.000Z");
    expect(isSatisfied(rule, { completedAt: d("2025-07-01T00:00:00Z"), certificates: [] }, now)).toBe(true);
    expect(isSatisfied(rule, { completedAt: d("2025-06-01T00:00:00Z"), certificates: [] }, now)).toBe(false);
    expect(assignmentState(rule, { completedAt: d("2025-06-01T00:00:00Z"), certificates: [] }, now)).toBe("overdue");
  });
  it("the cut-off instant itself still counts", () => {
    expect(isSatisfied(rule, { completedAt: d("2025-06-15T12:00:00Z"), certificates: [] }, now)).toBe(true);
  });
  it("a newer valid certificate renews it; a revoked or expired one does not", () => {
    const old = d("2024-01-01T00:00:00Z");
    const cert = { issuedAt: d("2026-01-01T00:00:00Z"), expiresAt: d("2027-01-01T00:00:00Z"), revokedAt: null };
    expect(isSatisfied(rule, { completedAt: old, certificates: [cert] }, now)).toBe(true);
    expect(isSatisfied(rule, { completedAt: old, certificates: [{ ...cert, revokedAt: d("2026-02-01T00:00:00Z") }] }, now)).toBe(false);
    expect(isSatisfied(rule, { completedAt: old, certificates: [{ ...cert, expiresAt: d("2026-06-01T00:00:00Z") }] }, now)).toBe(false);
    expect(isSatisfied(rule, { completedAt: old, certificates: [{ ...cert, expiresAt: null }] }, now)).toBe(true);
  });
  it("is only due (not overdue) while the assignment's own due date is ahead", () => {
    const later = { ...rule, dueAt: d("2026-09-01T00:00:00Z") };
    expect(assignmentState(later, { completedAt: d("2024-01-01T00:00:00Z"), certificates: [] }, now)).toBe("due");
  });
  it("says when the renewal is due: last completion + N months, never before the due date", () => {
    const facts = { completedAt: d("2026-03-10T00:00:00Z"), certificates: [] };
    expect(renewalDueAt(rule, facts, now)?.toISOString()).toBe("2027-03-10T00:00:00.000Z");
    expect(renewalDueAt({ ...rule, dueAt: d("2028-01-01T00:00:00Z") }, facts, now)?.toISOString()).toBe("2028-01-01T00:00:00.000Z");
    expect(renewalDueAt({ ...rule, recertifyMonths: null }, facts, now)).toBeNull();
    expect(renewalDueAt(rule, none, now)).toBeNull();
    expect(effectiveDueAt(rule, none, now)).toEqual(rule.dueAt);
  });
  it("the last completion is the newest of the completion and valid certificates", () => {
    const cert = { issuedAt: d("2026-02-01T00:00:00Z"), expiresAt: null, revokedAt: null };
    expect(lastCompletion({ completedAt: d("2026-01-01T00:00:00Z"), certificates: [cert] }, now)).toEqual(cert.issuedAt);
    expect(lastCompletion({ completedAt: d("2026-03-01T00:00:00Z"), certificates: [cert] }, now)).toEqual(d("2026-03-01T00:00:00Z"));
  });
});

describe("who an assignment reaches", () => {
  const member = { userId: "u1", departmentId: "d1", status: "ACTIVE" as const };
  it("reaches the named person, or every active member of the department (newcomers included)", () => {
    expect(appliesTo({ userId: "u1", departmentId: null }, member)).toBe(true);
    expect(appliesTo({ userId: "u2", departmentId: null }, member)).toBe(false);
    expect(appliesTo({ userId: null, departmentId: "d1" }, member)).toBe(true);
    expect(appliesTo({ userId: null, departmentId: "d2" }, member)).toBe(false);
    expect(appliesTo({ userId: null, departmentId: "d1" }, { ...member, userId: "newcomer" })).toBe(true);
  });
  it("never reaches a deactivated member, nor a person without a department through a department", () => {
    expect(appliesTo({ userId: "u1", departmentId: null }, { ...member, status: "DEACTIVATED" })).toBe(false);
    expect(appliesTo({ userId: null, departmentId: "d1" }, { ...member, status: "DEACTIVATED" })).toBe(false);
    expect(appliesTo({ userId: null, departmentId: null }, { ...member, departmentId: null })).toBe(false);
  });
  it("several assignments of one course: overdue if any is, completed if all are", () => {
    expect(combineStates([])).toBeNull();
    expect(combineStates(["completed", "overdue"])).toBe("overdue");
    expect(combineStates(["completed", "due"])).toBe("due");
    expect(combineStates(["completed", "completed"])).toBe("completed");
  });
});

describe("expiring certificates", () => {
  const cert = (days: number) => ({ issuedAt: d("2025-01-01T00:00:00Z"), expiresAt: new Date(now.getTime() + days * 86400000), revokedAt: null });
  it("groups valid certificates by 30/60/90 days before expiry", () => {
    expect(expiryWindow(cert(1), now)).toBe(30);
    expect(expiryWindow(cert(30), now)).toBe(30);
    expect(expiryWindow(cert(31), now)).toBe(60);
    expect(expiryWindow(cert(90), now)).toBe(90);
    expect(expiryWindow(cert(91), now)).toBeNull();
    expect(expiryWindow(cert(-1), now)).toBeNull();
    expect(expiryWindow({ ...cert(10), revokedAt: now }, now)).toBeNull();
    expect(expiryWindow({ ...cert(10), expiresAt: null }, now)).toBeNull();
  });
});

describe("months for the progress chart", () => {
  it("gives the first day of each of the last N months and of the next month", () => {
    const months = monthStarts(d("2026-02-20T10:00:00Z"), 3).map((m) => m.toISOString().slice(0, 10));
    expect(months).toEqual(["2025-12-01", "2026-01-01", "2026-02-01", "2026-03-01"]);
  });
});
