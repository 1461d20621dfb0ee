// Applies the single sign-on rules (rules.ts) to the database: finds the account by (issuer, subject),
// creates the person and their LEARNER membership on a first sign-in, or links the signed-in person.
import { randomBytes } from "node:crypto";
import { isUniqueViolation, getDb } from "~/db.server";
import { newId } from "~/ids";
import { hashPassword } from "~/auth/hash.server";
import { recordAudit } from "~/audit/audit.server";
import { fail, type Failed } from "~/http/forms";
import { decide, type SsoClaims } from "./rules";
import { refreshReportSummaries } from "~/organizations/summary.server";

/** The person signed in or linked, or the refusal (the form contract's shape; keys in "errors": sso.*). */
export type SsoOutcome = { ok: true; userId: string } | Failed;

export async function resolveIdentity(input: {
  org: { id: string; name: string; allowedDomains: string[] };
  claims: SsoClaims & { iss: string };
  linkUserId: string | null;
  locale: string;
}): Promise<SsoOutcome> {
  const db = await getDb();
  const { claims, org } = input;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const [identity, byEmail] = await Promise.all([
    db.userIdentity.findUnique({ where: { issuer_subject: { issuer: claims.iss, subject: claims.sub } }, select: { userId: true } }),
    email ? db.user.findUnique({ where: { email }, select: { id: true } }) : null,
  ]);
  const candidates = [identity?.userId, input.linkUserId].filter((id): id is string => Boolean(id));
  const deactivatedIds = new Set(
    (await db.user.findMany({ where: { id: { in: candidates }, deactivatedAt: { not: null } }, select: { id: true } })).map((u) => u.id),
  );
  const decision = decide({
    claims,
    allowedDomains: org.allowedDomains,
    mode: input.linkUserId ? { kind: "link", userId: input.linkUserId } : { kind: "signIn" },
    identityUserId: identity?.userId ?? null,
    emailUserId: byEmail?.id ?? null,
    deactivated: (id) => deactivatedIds.has(id),
  });
  if (decision.kind === "refuse") return fail(decision.error);

  try {
    if (decision.kind === "create") {
      // no usable password: a random one nobody knows (the person may set one with a reset link later)
      const passwordHash = await hashPassword(randomBytes(32).toString("base64url"));
      const userId = newId();
      await db.$transaction(async (tx) => {
        await tx.user.create({ data: { id: userId, email: decision.email, name: decision.name, locale: input.locale, passwordHash } });
        await tx.membership.create({ data: { id: newId(), userId, organizationId: org.id, role: "LEARNER" } });
        await refreshReportSummaries(tx, { organizationId: org.id, userId }); // the reports' summary
        await tx.userIdentity.create({ data: { id: newId(), issuer: claims.iss, subject: claims.sub, userId, organizationId: org.id } });
        await recordAudit(tx, { organizationId: org.id, actorId: userId, action: "sso.accountCreated", targetType: "member", targetId: userId, details: { email: decision.email, name: decision.name } });
      });
      return { ok: true, userId };
    }
    const userId = decision.userId;
    const membership = await db.membership.findUnique({ where: { userId_organizationId: { userId, organizationId: org.id } }, select: { status: true } });
    // the municipality deactivated this member: its sign-in does not bring them back
    if (membership?.status === "DEACTIVATED") return fail("sso.deactivated");
    await db.$transaction(async (tx) => {
      if (!membership) {
        await tx.membership.create({ data: { id: newId(), userId, organizationId: org.id, role: "LEARNER" } });
        await refreshReportSummaries(tx, { organizationId: org.id, userId }); // the reports' summary
      }
      if (decision.kind === "link" && !identity) {
        await tx.userIdentity.create({ data: { id: newId(), issuer: claims.iss, subject: claims.sub, userId, organizationId: org.id } });
        const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, name: true } });
        await recordAudit(tx, { organizationId: org.id, actorId: userId, action: "sso.identityLinked", targetType: "member", targetId: userId, details: { email: user.email, name: user.name } });
      }
    });
    return { ok: true, userId };
  } catch (error) {
    // two first sign-ins of the same person at once, or an account registered with the email meanwhile
    if (isUniqueViolation(error)) return fail("sso.emailTaken");
    throw error;
  }
}

/**
 * The account page's single sign-on: the municipalities the person is linked to, and the slugs of
 * those where they are an active member (whose sign-on they may link).
 */
export async function ssoLinksOf(userId: string) {
  const db = await getDb();
  const [identities, memberships] = await Promise.all([
    db.userIdentity.findMany({ where: { userId }, select: { organizationId: true, createdAt: true, organization: { select: { name: true, names: true, slug: true } } } }),
    db.membership.findMany({ where: { userId, status: "ACTIVE" }, select: { organization: { select: { slug: true } } } }),
  ]);
  return { identities, memberOf: new Set(memberships.map((m) => m.organization.slug)) };
}
