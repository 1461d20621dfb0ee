// A municipality's single sign-on settings, kept by the platform administrator (/admin/sso).
import { getDb } from "~/db.server";
import { allows, RULES } from "~/auth/permissions";
import { fail, type Failed } from "~/http/forms";
import { auditPlatform } from "~/admin/users.server";
import { recordAudit } from "~/audit/audit.server";
import { decryptSecret, encryptSecret } from "./secret.server";
import { emailDomain, joinDomains, splitDomains } from "./domains";
import { asOrgNames } from "~/organizations/names";

export type SsoSettings = {
  issuer: string;
  clientId: string;
  clientSecret: string | null; // null: keep the stored one
  allowedDomains: string[];
  enabled: boolean;
  passwordSignInDisabled: boolean;
};

/** The municipalities with their settings (never the secret itself, only whether one is stored). */
export async function listSsoSettings() {
  const db = await getDb();
  const orgs = await db.organization.findMany({
    where: { kind: "MUNICIPALITY" },
    orderBy: { name: "asc" },
    select: { id: true, slug: true, name: true, sso: true },
  });
  return orgs.map((o) => ({
    id: o.id,
    slug: o.slug,
    name: o.name,
    sso: o.sso
      ? {
          issuer: o.sso.issuer,
          clientId: o.sso.clientId,
          allowedDomains: splitDomains(o.sso.allowedDomains),
          enabled: o.sso.enabled,
          passwordSignInDisabled: o.sso.passwordSignInDisabled,
          // a secret that no longer decrypts (OIDC_SECRET_KEY or SESSION_SECRET changed) must be entered again
          secretReadable: decryptSecret(o.sso.clientSecret) !== null,
        }
      : null,
  }));
}

export type SaveResult = { ok: true } | Failed | null;

export async function saveSsoSettings(actorId: string, organizationId: string, input: SsoSettings): Promise<SaveResult> {
  const db = await getDb();
  const org = await db.organization.findFirst({ where: { id: organizationId, kind: "MUNICIPALITY" }, select: { id: true, name: true, sso: { select: { organizationId: true } } } });
  if (!org) return null;
  if (!org.sso && !input.clientSecret) return fail("admin:sso.errors.secretRequired", { field: "clientSecret" });
  const data = {
    issuer: input.issuer,
    clientId: input.clientId,
    allowedDomains: joinDomains(input.allowedDomains),
    enabled: input.enabled,
    passwordSignInDisabled: input.passwordSignInDisabled,
    ...(input.clientSecret ? { clientSecret: encryptSecret(input.clientSecret) } : {}),
  };
  await db.$transaction(async (tx) => {
    await tx.organizationSso.upsert({
      where: { organizationId },
      create: { organizationId, ...data, clientSecret: data.clientSecret ?? "" },
      update: data,
    });
    const entry = {
      actorId,
      action: "sso.configured" as const,
      targetType: "organization" as const,
      targetId: organizationId,
      details: { name: org.name, slug: input.issuer },
    };
    await recordAudit(tx, { ...entry, organizationId });
    await auditPlatform(tx, entry);
  });
  return { ok: true };
}

export async function removeSsoSettings(actorId: string, organizationId: string): Promise<boolean> {
  const db = await getDb();
  const org = await db.organization.findFirst({ where: { id: organizationId, sso: { isNot: null } }, select: { id: true, name: true } });
  if (!org) return false;
  await db.$transaction(async (tx) => {
    await tx.organizationSso.delete({ where: { organizationId } });
    const entry = { actorId, action: "sso.removed" as const, targetType: "organization" as const, targetId: organizationId, details: { name: org.name } };
    await recordAudit(tx, { ...entry, organizationId });
    await auditPlatform(tx, entry);
  });
  return true;
}

/** Everything the sign-in flow needs, with the decrypted secret; null when off or unusable. */
export async function loadSso(slug: string) {
  const db = await getDb();
  const org = await db.organization.findFirst({ where: { slug, kind: "MUNICIPALITY", sso: { enabled: true } }, select: { id: true, slug: true, name: true, sso: true } });
  if (!org?.sso) return null;
  const clientSecret = decryptSecret(org.sso.clientSecret);
  if (clientSecret === null) return null;
  return { id: org.id, slug: org.slug, name: org.name, issuer: org.sso.issuer, clientId: org.sso.clientId, clientSecret, allowedDomains: splitDomains(org.sso.allowedDomains) };
}

/** The organizations a person can choose on "Sign in with your organization". */
export async function listSsoOrganizations() {
  const db = await getDb();
  const rows = await db.organization.findMany({
    where: { kind: "MUNICIPALITY", sso: { enabled: true } },
    orderBy: { name: "asc" },
    select: { slug: true, name: true, names: true, sso: { select: { allowedDomains: true } } },
  });
  return rows.map((r) => ({ slug: r.slug, name: r.name, names: asOrgNames(r.names), domains: splitDomains(r.sso?.allowedDomains ?? "") }));
}

/** The organization whose allowed domains include this email's domain (the first by name if several). */
export async function findSsoOrganizationForEmail(email: string) {
  const domain = emailDomain(email.trim());
  if (!domain) return null;
  return (await listSsoOrganizations()).find((o) => o.domains.includes(domain)) ?? null;
}

/**
 * Password sign-in refused because an organization the person is an active member of has turned it
 * off (its members sign in with single sign-on). Platform administrators are exempt: the platform
 * must never lock out the people who manage it.
 */
export async function passwordSignInRefused(userId: string): Promise<boolean> {
  const db = await getDb();
  const memberships = await db.membership.findMany({
    where: { userId, status: "ACTIVE" },
    select: { role: true, organization: { select: { kind: true, sso: { select: { enabled: true, passwordSignInDisabled: true } } } } },
  });
  if (memberships.some((m) => allows(RULES.platformAdmin, m.organization.kind, m.role))) return false;
  return memberships.some((m) => m.organization.sso?.enabled && m.organization.sso.passwordSignInDisabled);
}
