import { isUniqueViolation, getDb, type Db } from "~/db.server";
import { fail, type Failed } from "~/http/forms";
import { newId } from "~/ids";
import { firstStaffRole } from "~/auth/permissions";
import { recordAudit } from "~/audit/audit.server";
import { createFirstInvitation } from "./invitations.server";
import { asOrgNames, type OrgNames } from "./names";

// The platform administrator creates municipalities and academies and appoints their first manager or
// author by invitation (the same link as for staff: the person sets their own password).

export async function listOrganizations() {
  const db = await getDb();
  const rows = await db.organization.findMany({
    where: { kind: { in: ["MUNICIPALITY", "ACADEMY"] } },
    select: { id: true, slug: true, name: true, names: true, kind: true, createdAt: true, _count: { select: { memberships: true } } },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    names: asOrgNames(r.names),
    kind: r.kind,
    createdAt: r.createdAt.toISOString(),
    members: r._count.memberships,
  }));
}

/**
 * The default name and the names per language of a municipality or academy (audited). Certificates
 * already issued keep the names they were issued with (Certificate.issuerName/issuerNames).
 * Refused for an unknown id or the platform itself.
 */
export async function updateOrganizationNames(actorId: string, organizationId: string, input: { name: string; names: OrgNames }, db?: Db): Promise<{ ok: true } | Failed> {
  db ??= await getDb();
  const { name, names } = input;
  return db.$transaction(async (tx) => {
    const org = await tx.organization.findFirst({ where: { id: organizationId, kind: { in: ["MUNICIPALITY", "ACADEMY"] } }, select: { id: true, name: true, names: true } });
    if (!org) return fail("organizations:admin.names.errors.gone");
    await tx.organization.update({ where: { id: org.id }, data: { name, names } });
    await recordAudit(tx, {
      organizationId: org.id,
      actorId,
      action: "organization.renamed",
      targetType: "organization",
      targetId: org.id,
      details: { from: org.name, to: name, fromNames: JSON.stringify(asOrgNames(org.names)), toNames: JSON.stringify(names) },
    });
    return { ok: true as const };
  });
}

export type NewOrganization = {
  kind: "MUNICIPALITY" | "ACADEMY";
  name: string;
  slug: string;
  departments: string[];
  firstEmail: string;
  firstName: string;
};

export async function createOrganization(actorId: string, input: NewOrganization): Promise<{ ok: true; slug: string; email: string; token: string } | Failed> {
  const db = await getDb();
  const taken = await db.organization.findUnique({ where: { slug: input.slug }, select: { id: true } });
  if (taken) return fail("organizations:admin.errors.slugTaken", { field: "slug" });
  try {
    return await db.$transaction(async (tx) => {
      const id = newId();
      await tx.organization.create({ data: { id, slug: input.slug, name: input.name, kind: input.kind } });
      if (input.kind === "MUNICIPALITY") {
        for (const name of input.departments) await tx.department.create({ data: { id: newId(), organizationId: id, name } });
      }
      await recordAudit(tx, {
        organizationId: id,
        actorId,
        action: "organization.created",
        targetType: "organization",
        targetId: id,
        details: { name: input.name, slug: input.slug, kind: input.kind },
      });
      const { token } = await createFirstInvitation(tx, {
        organizationId: id,
        actorId,
        email: input.firstEmail,
        name: input.firstName || null,
        role: firstStaffRole(input.kind),
      });
      return { ok: true as const, slug: input.slug, email: input.firstEmail, token };
    });
  } catch (error) {
    // two administrators creating the same slug at once
    if (isUniqueViolation(error)) return fail("organizations:admin.errors.slugTaken", { field: "slug" });
    throw error;
  }
}
