import { getDb } from "~/db.server";
import { notFound, requireUser } from "~/auth/guards.server";
import { activeRoleWhere, RULES } from "~/auth/permissions";
import { getLocale } from "~/i18n/locale.server";
import { orgName } from "./names";

export type ManagedOrg = { id: string; slug: string; name: string };

/**
 * The signed-in manager of the municipality named by `slug`. Everything else — a learner, a manager of
 * another municipality, a deactivated manager, an academy, an unknown slug — ends here with the same
 * 404, so that nobody learns which municipalities or records exist (signed out: a redirect to sign in).
 *
 * The rule is RULES.manage (auth/permissions), asked in one SQL statement rather than through
 * getRequestMemberships (which loads the organizations apart): the reports have a budget of 10
 * statements per request (docs/performance.md).
 */
export async function requireManager(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const db = await getDb();
  const org = await db.organization.findFirst({
    where: {
      slug: slug ?? "",
      kind: RULES.manage.kind,
      memberships: { some: { userId: user.id, ...activeRoleWhere(RULES.manage) } },
    },
    select: { id: true, slug: true, name: true, names: true },
  });
  if (!org) throw notFound();
  // the municipality's name in the reader's language (titles, exports)
  return { user, org: { id: org.id, slug: org.slug, name: orgName(org, await getLocale(request)) } as ManagedOrg };
}
