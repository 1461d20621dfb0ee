// Pure authorization rules, shared by the guards (server) and the navigation (what links to show).

export type RoleName = "LEARNER" | "MANAGER" | "AUTHOR" | "ADMIN";
export type OrgKind = "MUNICIPALITY" | "ACADEMY" | "PLATFORM";
export type MembershipView = {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  organizationKind: OrgKind;
  role: RoleName;
  status: "ACTIVE" | "DEACTIVATED";
};

export function activeMemberships(memberships: MembershipView[]): MembershipView[] {
  return memberships.filter((m) => m.status === "ACTIVE");
}

/** The active membership of `organizationId` with one of `roles`, if any. */
export function findMembership(
  memberships: MembershipView[],
  organizationId: string,
  roles: readonly RoleName[],
): MembershipView | undefined {
  return activeMemberships(memberships).find((m) => m.organizationId === organizationId && roles.includes(m.role));
}

export function isPlatformAdmin(memberships: MembershipView[]): boolean {
  return activeMemberships(memberships).some((m) => m.organizationKind === "PLATFORM" && m.role === "ADMIN");
}

/** Which areas of the navigation a person sees. Everyone signed in can learn. */
export function navigationFor(memberships: MembershipView[]) {
  const active = activeMemberships(memberships);
  return {
    learn: true,
    manage: active.filter((m) => m.organizationKind === "MUNICIPALITY" && (m.role === "MANAGER" || m.role === "ADMIN")),
    author: active.filter((m) => m.organizationKind === "ACADEMY" && (m.role === "AUTHOR" || m.role === "ADMIN")),
    admin: isPlatformAdmin(active),
  };
}
