import { getDb } from "~/db.server";
import { notFound, requireUser } from "~/auth/guards.server";

export type ManagedOrg = { id: string; slug: string; name: string };

/**
 * The signed-in manager of the municipality named by `slug`. Everything else — a learner, a manager of
 * another municipality, a deactivated manager, an academy, an unknown slug — ends here with the same
 * 404, so that nobody learns which municipalities or records exist (signed out: a redirect to sign in).
 *
 * The same rule as requireMembership(request, { slug }, ["MANAGER", "ADMIN"]) for a municipality, in
 * one SQL statement instead of two (getMemberships loads the organizations apart): the reports have a
 * budget of 10 statements per request (docs/performance.md).
 */
export async function requireManager(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const db = await getDb();
  const org = await db.organization.findFirst({
    where: {
      slug: slug ?? "",
      kind: "MUNICIPALITY",
      memberships: { some: { userId: user.id, status: "ACTIVE", role: { in: ["MANAGER", "ADMIN"] } } },
    },
    select: { id: true, slug: true, name: true },
  });
  if (!org) throw notFound();
  return { user, org: org as ManagedOrg };
}
