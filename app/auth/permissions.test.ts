import { describe, expect, it } from "vitest";
import { activeRoleWhere, allows, firstStaffRole, isAuthorRole, isPlatformAdmin, membershipsFor, navigationFor, RULES, type MembershipView } from "./permissions";

const m = (over: Partial<MembershipView>): MembershipView => ({
  organizationId: "town-a",
  organizationSlug: "town-a",
  organizationName: "Town A",
  organizationKind: "MUNICIPALITY",
  role: "LEARNER",
  status: "ACTIVE",
  ...over,
});

describe("authorization rules", () => {
  it("each rule needs its kind of organization and one of its roles", () => {
    expect(allows(RULES.manage, "MUNICIPALITY", "MANAGER")).toBe(true);
    expect(allows(RULES.manage, "MUNICIPALITY", "ADMIN")).toBe(true);
    expect(allows(RULES.manage, "MUNICIPALITY", "LEARNER")).toBe(false);
    expect(allows(RULES.manage, "ACADEMY", "MANAGER")).toBe(false);
    expect(allows(RULES.author, "ACADEMY", "AUTHOR")).toBe(true);
    expect(allows(RULES.author, "ACADEMY", "ADMIN")).toBe(true);
    expect(allows(RULES.author, "MUNICIPALITY", "AUTHOR")).toBe(false);
    expect(allows(RULES.platformAdmin, "PLATFORM", "ADMIN")).toBe(true);
    expect(allows(RULES.platformAdmin, "MUNICIPALITY", "ADMIN")).toBe(false);
    expect(isAuthorRole("ADMIN")).toBe(true);
    expect(isAuthorRole("MANAGER")).toBe(false);
    expect(isAuthorRole(null)).toBe(false);
  });
  it("finds the active memberships that satisfy a rule only", () => {
    const memberships = [m({ role: "MANAGER" }), m({ organizationId: "town-b", organizationSlug: "town-b" })];
    expect(membershipsFor(memberships, RULES.manage).map((x) => x.organizationId)).toEqual(["town-a"]); // learner in town-b
    expect(membershipsFor(memberships, RULES.author)).toEqual([]);
  });
  it("a deactivated membership grants nothing", () => {
    const memberships = [m({ role: "MANAGER", status: "DEACTIVATED" })];
    expect(membershipsFor(memberships, RULES.manage)).toEqual([]);
    expect(navigationFor(memberships).manage).toEqual([]);
  });
  it("the database filter says the same as the rule", () => {
    expect(activeRoleWhere(RULES.manage)).toEqual({ status: "ACTIVE", role: { in: ["MANAGER", "ADMIN"] } });
    expect(activeRoleWhere(RULES.author)).toEqual({ status: "ACTIVE", role: { in: ["AUTHOR", "ADMIN"] } });
  });
  it("a new organization's first member manages a municipality or authors for an academy", () => {
    expect(allows(RULES.manage, "MUNICIPALITY", firstStaffRole("MUNICIPALITY"))).toBe(true);
    expect(allows(RULES.author, "ACADEMY", firstStaffRole("ACADEMY"))).toBe(true);
  });
  it("platform admin comes only from the platform organization", () => {
    expect(isPlatformAdmin([m({ role: "ADMIN" })])).toBe(false);
    expect(isPlatformAdmin([m({ role: "ADMIN", organizationKind: "PLATFORM" })])).toBe(true);
  });
  it("navigation follows roles", () => {
    const nav = navigationFor([
      m({ role: "MANAGER" }),
      m({ organizationId: "acad", organizationSlug: "acad", organizationKind: "ACADEMY", role: "AUTHOR" }),
    ]);
    expect(nav.manage.map((x) => x.organizationSlug)).toEqual(["town-a"]);
    expect(nav.author.map((x) => x.organizationSlug)).toEqual(["acad"]);
    expect(nav.admin).toBe(false);
    const learner = navigationFor([m({})]);
    expect(learner.manage).toEqual([]);
    expect(learner.author).toEqual([]);
  });
});
