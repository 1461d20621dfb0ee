import { notFound, requireMembership } from "~/auth/guards.server";

export type ManagedOrg = { id: string; slug: string; name: string };

/**
 * The signed-in manager of the municipality named by `slug`. Everything else — signed out (redirect
 * to sign in), a learner, a manager of another municipality, an academy, an unknown slug — ends here
 * with the same 404, so that nobody learns which municipalities or records exist.
 */
export async function requireManager(request: Request, slug: string | undefined) {
  const { user, membership } = await requireMembership(request, { slug: slug ?? "" }, ["MANAGER", "ADMIN"]);
  if (membership.organizationKind !== "MUNICIPALITY") throw notFound();
  const org: ManagedOrg = { id: membership.organizationId, slug: membership.organizationSlug, name: membership.organizationName };
  return { user, org };
}
