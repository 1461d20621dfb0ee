// Pure authorization rules: the one place that says which role in which kind of organization may do
// what. The guards (auth/guards.server, organizations/guard.server, authoring/drafts.server), the
// certificate access rule, the managers' digest and the navigation all ask these; none restates a role.

export type RoleName = "LEARNER" | "MANAGER" | "AUTHOR" | "ADMIN";
export type OrgKind = "MUNICIPALITY" | "ACADEMY" | "PLATFORM";
export type MembershipView = {
  organizationId: string;
  organizationSlug: string;
  organizationName: string;
  /** the names per language (Organization.names), as read: app/organizations/names.ts orgName */
  organizationNames?: unknown;
  organizationKind: OrgKind;
  role: RoleName;
  status: "ACTIVE" | "DEACTIVATED";
};

export const ROLE_NAMES: readonly RoleName[] = ["LEARNER", "MANAGER", "AUTHOR", "ADMIN"];

/** Who may do what: an ACTIVE membership of an organization of `kind` in one of `roles`. */
export const RULES = {
  /** manage a municipality: staff, invitations, assignments, reports, its audit log, its staff's certificates */
  manage: { kind: "MUNICIPALITY", roles: ["MANAGER", "ADMIN"] },
  /** author an academy's courses, review them, revoke their certificates */
  author: { kind: "ACADEMY", roles: ["AUTHOR", "ADMIN"] },
  /** administer the platform: organizations, users, every certificate */
  platformAdmin: { kind: "PLATFORM", roles: ["ADMIN"] },
} as const satisfies Record<string, { kind: OrgKind; roles: readonly RoleName[] }>;

export type Rule = (typeof RULES)[keyof typeof RULES];
export type AuthorRole = (typeof RULES.author.roles)[number];

export function isRoleName(value: unknown): value is RoleName {
  return ROLE_NAMES.includes(value as RoleName);
}

/** Whether `role` in an organization of `kind` satisfies `rule` (the membership's status is the caller's). */
export function allows(rule: Rule, kind: string, role: string): boolean {
  return rule.kind === kind && (rule.roles as readonly string[]).includes(role);
}

export function isAuthorRole(role: string | null | undefined): role is AuthorRole {
  return role != null && (RULES.author.roles as readonly string[]).includes(role);
}

/**
 * The Prisma filter on Membership for `rule`: active and in one of its roles. The organization's kind
 * is `rule.kind`; a query that does not already stand on such an organization adds
 * `organization: { kind: rule.kind }`.
 */
export function activeRoleWhere<R extends Rule>(rule: R): { status: "ACTIVE"; role: { in: R["roles"][number][] } } {
  return { status: "ACTIVE", role: { in: [...rule.roles] } };
}

export function activeMemberships(memberships: MembershipView[]): MembershipView[] {
  return memberships.filter((m) => m.status === "ACTIVE");
}

/** The active memberships that satisfy `rule`, oldest first as given. */
export function membershipsFor(memberships: MembershipView[], rule: Rule): MembershipView[] {
  return activeMemberships(memberships).filter((m) => allows(rule, m.organizationKind, m.role));
}

export function isPlatformAdmin(memberships: MembershipView[]): boolean {
  return membershipsFor(memberships, RULES.platformAdmin).length > 0;
}

/** The role of the first person invited into a new organization: its first manager or author. */
export function firstStaffRole(kind: "MUNICIPALITY" | "ACADEMY"): "MANAGER" | "AUTHOR" {
  return kind === "MUNICIPALITY" ? "MANAGER" : "AUTHOR";
}

/** Which areas of the navigation a person sees. Everyone signed in can learn. */
export function navigationFor(memberships: MembershipView[]) {
  return {
    learn: true,
    manage: membershipsFor(memberships, RULES.manage),
    author: membershipsFor(memberships, RULES.author),
    admin: isPlatformAdmin(memberships),
  };
}
