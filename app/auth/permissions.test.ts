import { describe, expect, it } from "vitest";
import { findMembership, isPlatformAdmin, navigationFor, type MembershipView } from "./permissions";

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
  it("finds an active membership in the right organization and role only", () => {
    const memberships = [m({ role: "MANAGER" }), m({ organizationId: "town-b", organizationSlug: "town-b" })];
    expect(findMembership(memberships, "town-a", ["MANAGER"])).toBeDefined();
    expect(findMembership(memberships, "town-b", ["MANAGER"])).toBeUndefined(); // learner there
    expect(findMembership(memberships, "town-c", ["LEARNER", "MANAGER"])).toBeUndefined();
  });
  it("a deactivated membership grants nothing", () => {
    const memberships = [m({ role: "MANAGER", status: "DEACTIVATED" })];
    expect(findMembership(memberships, "town-a", ["MANAGER"])).toBeUndefined();
    expect(navigationFor(memberships).manage).toEqual([]);
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
