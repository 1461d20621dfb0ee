import { isUniqueViolation, getDb } from "~/db.server";
import { fail, type Failed } from "~/http/forms";
import { newId } from "~/ids";
import { firstStaffRole } from "~/auth/permissions";
import { recordAudit } from "~/audit/audit.server";
import { createFirstInvitation } from "./invitations.server";

// The platform administrator creates municipalities and academies and appoints their first manager or
// author by invitation (the same link as for staff: the person sets their own password).

export async function listOrganizations() {
  const db = await getDb();
  const rows = await db.organization.findMany({
    where: { kind: { in: ["MUNICIPALITY", "ACADEMY"] } },
    select: { id: true, slug: true, name: true, kind: true, createdAt: true, _count: { select: { memberships: true } } },
    orderBy: [{ kind: "asc" }, { name: "asc" }],
  });
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, createdAt: r.createdAt.toISOString(), members: r._count.memberships }));
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
