import { createHash, randomBytes } from "node:crypto";
import { fail, type Failed } from "~/http/forms";
import { isUniqueViolation, getDb, type Db } from "~/db.server";
import { newId } from "~/ids";
import { hashPassword } from "~/auth/hash.server";
import { passwordError } from "~/auth/accounts.server";
import type { RoleName } from "~/auth/permissions";
import type { Locale } from "~/i18n/config";
import { supportedLocales } from "~/i18n/config";
import { loadAllResources } from "~/i18n/resources.server";
import { publicUrl } from "~/http/public-origin.server";
import { queueDepartmentAssignments, queueInvitation } from "~/notifications/queue.server";
import { recordAudit } from "~/audit/audit.server";
import type { InviteRole, StaffImportContext, ValidatedStaffRow } from "./csv.server";
import type { ManagedOrg } from "./guard.server";
import { refreshReportSummaries } from "./summary.server";

export const INVITATION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

/** 256 random bits, URL-safe. Only its hash is stored. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The link to show and to email (one origin rule for every link: app/http/public-origin.server.ts). */
export function invitationLink(token: string): string {
  return publicUrl(`/invite/${token}`);
}

/** What the import needs to know to validate rows: departments, who is in, who is invited, role words. */
export async function importContext(organizationId: string): Promise<StaffImportContext> {
  const db = await getDb();
  const [departments, members, pending] = await Promise.all([
    db.department.findMany({ where: { organizationId }, select: { id: true, name: true } }),
    db.membership.findMany({ where: { organizationId }, select: { status: true, user: { select: { email: true } } } }),
    db.invitation.findMany({
      where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
      select: { email: true },
    }),
  ]);
  return {
    departments,
    members: new Map(members.map((m) => [m.user.email.toLowerCase(), m.status])),
    pending: new Set(pending.map((p) => p.email.toLowerCase())),
    roleAliases: roleAliases(),
  };
}

/** "learner"/"manager" and the role names of every interface language, lower-cased. */
function roleAliases(): Map<string, InviteRole> {
  const aliases = new Map<string, InviteRole>([
    ["learner", "LEARNER"],
    ["manager", "MANAGER"],
  ]);
  const all = loadAllResources();
  for (const locale of supportedLocales) {
    const roles = (all[locale].organizations as { roles?: Record<string, string> } | undefined)?.roles ?? {};
    for (const role of ["LEARNER", "MANAGER"] as const) if (roles[role]) aliases.set(roles[role].toLowerCase(), role);
  }
  return aliases;
}

type Writer = Pick<Db, "invitation" | "auditLog" | "notification" | "notificationPreference" | "user" | "organization" | "courseVersion" | "membership" | "certificate" | "assignment">;

async function writeInvitation(
  db: Writer,
  input: { organizationId: string; actorId: string | null; email: string; name: string | null; role: RoleName; departmentId: string | null; departmentName?: string | null },
) {
  const token = newToken();
  const id = newId();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * DAY);
  await db.invitation.create({
    data: {
      id,
      organizationId: input.organizationId,
      email: input.email,
      name: input.name,
      role: input.role,
      departmentId: input.departmentId,
      tokenHash: hashToken(token),
      expiresAt,
      createdById: input.actorId,
    },
  });
  await recordAudit(db, {
    organizationId: input.organizationId,
    actorId: input.actorId,
    action: "invitation.created",
    targetType: "invitation",
    targetId: id,
    details: { email: input.email, role: input.role, department: input.departmentName ?? null },
  });
  // the email with the link, in the same transaction (app/notifications)
  await queueInvitation(db, { invitationId: id, organizationId: input.organizationId, email: input.email, token, role: input.role, expiresAt, actorId: input.actorId });
  return { id, token };
}

/** Writes an invitation for each valid row (rows with errors are skipped), in one transaction. */
export async function createInvitations(org: ManagedOrg, actorId: string, rows: ValidatedStaffRow[]) {
  const db = await getDb();
  const departments = new Map((await db.department.findMany({ where: { organizationId: org.id }, select: { id: true, name: true } })).map((d) => [d.id, d.name]));
  const valid = rows.filter((r) => r.value);
  return db.$transaction(async (tx) => {
    const created: { id: string; email: string; name: string | null; token: string }[] = [];
    for (const row of valid) {
      const v = row.value!;
      const { id, token } = await writeInvitation(tx, {
        organizationId: org.id,
        actorId,
        email: v.email,
        name: v.name,
        role: v.role,
        departmentId: v.departmentId,
        departmentName: v.departmentId ? departments.get(v.departmentId) : null,
      });
      created.push({ id, email: v.email, name: v.name, token });
    }
    return created;
  });
}

/** For the platform administrator: the first manager or author of a new organization. */
export async function createFirstInvitation(
  db: Writer,
  input: { organizationId: string; actorId: string; email: string; name: string | null; role: RoleName },
) {
  return writeInvitation(db, { ...input, departmentId: null });
}

export type InvitationState = "pending" | "expired" | "accepted" | "revoked";

function stateOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now = new Date()): InvitationState {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  return inv.expiresAt <= now ? "expired" : "pending";
}

/** Invitations not yet accepted nor revoked (expired ones too, so they can be renewed). */
export async function openInvitations(organizationId: string) {
  const db = await getDb();
  const rows = await db.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, name: true, role: true, expiresAt: true, acceptedAt: true, revokedAt: true, createdAt: true, department: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role,
    department: r.department?.name ?? null,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    state: stateOf(r),
  }));
}

/** Revokes, or renews with a new link and expiry. Null when not an open invitation of this organization. */
export async function updateInvitation(org: ManagedOrg, actorId: string, id: string, change: "revoke" | "renew") {
  const db = await getDb();
  const inv = await db.invitation.findFirst({
    where: { id, organizationId: org.id, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true },
  });
  if (!inv) return null;
  return db.$transaction(async (tx) => {
    const base = { organizationId: org.id, actorId, targetType: "invitation" as const, targetId: inv.id, details: { email: inv.email } };
    if (change === "revoke") {
      await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
      await recordAudit(tx, { ...base, action: "invitation.revoked" });
      return { id: inv.id, email: inv.email, token: null };
    }
    const token = newToken();
    const expiresAt = new Date(Date.now() + INVITATION_DAYS * DAY);
    await tx.invitation.update({
      where: { id: inv.id },
      data: { tokenHash: hashToken(token), expiresAt },
    });
    await recordAudit(tx, { ...base, action: "invitation.renewed" });
    await queueInvitation(tx, { invitationId: inv.id, organizationId: org.id, email: inv.email, token, role: inv.role, expiresAt, actorId });
    return { id: inv.id, email: inv.email, token };
  });
}

/** The invitation a link points to, with what the page shows; null when the token matches nothing. */
export async function findInvitation(token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const db = await getDb();
  const inv = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      departmentId: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organizationId: true,
      organization: { select: { name: true, names: true, slug: true, kind: true } },
    },
  });
  if (!inv) return null;
  const account = await db.user.findUnique({ where: { email: inv.email }, select: { id: true } });
  return { ...inv, state: stateOf(inv), accountExists: Boolean(account) };
}

export type AcceptResult = { ok: true; userId: string } | Failed;

/**
 * Accepts an open invitation. A person without an account sets their name and password here; a
 * person with an account must be signed in as the invited address (`signedIn`). Exactly once:
 * the conditional update fails for a second, racing acceptance.
 */
export async function acceptInvitation(
  token: string,
  input: { signedIn: { id: string; email: string } } | { name: string; password: string; locale: Locale },
): Promise<AcceptResult | null> {
  const inv = await findInvitation(token);
  if (!inv || inv.state !== "pending") return null;
  if ("signedIn" in input && input.signedIn.email.toLowerCase() !== inv.email.toLowerCase()) {
    return fail("organizations:invite.errors.otherAccount");
  }
  if ("password" in input) {
    if (inv.accountExists) return fail("organizations:invite.errors.accountExists");
    const problem = passwordError(input.password, inv.email);
    if (problem) return fail(problem, { field: "password" });
  }
  const passwordHash = "password" in input ? await hashPassword(input.password) : null;
  const db = await getDb();
  try {
    const userId = await db.$transaction(async (tx) => {
      const { count } = await tx.invitation.updateMany({
        where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
        data: { acceptedAt: new Date() },
      });
      if (count !== 1) throw new InvitationGone();
      let userId: string;
      if ("signedIn" in input) {
        userId = input.signedIn.id;
      } else {
        userId = newId();
        await tx.user.create({ data: { id: userId, email: inv.email, name: input.name, locale: input.locale, passwordHash: passwordHash! } });
      }
      await tx.invitation.update({ where: { id: inv.id }, data: { acceptedById: userId } });
      await tx.membership.upsert({
        where: { userId_organizationId: { userId, organizationId: inv.organizationId } },
        update: { role: inv.role, status: "ACTIVE", departmentId: inv.departmentId },
        create: { id: newId(), userId, organizationId: inv.organizationId, role: inv.role, departmentId: inv.departmentId },
      });
      // the courses already assigned to the department they join (app/notifications)
      await queueDepartmentAssignments(tx, { organizationId: inv.organizationId, departmentId: inv.departmentId, userId });
      // the reports' summary: the courses assigned to them in this municipality (same transaction)
      await refreshReportSummaries(tx, { organizationId: inv.organizationId, userId });
      await recordAudit(tx, {
        organizationId: inv.organizationId,
        actorId: userId,
        action: "invitation.accepted",
        targetType: "invitation",
        targetId: inv.id,
        details: { email: inv.email, role: inv.role },
      });
      return userId;
    });
    return { ok: true, userId };
  } catch (error) {
    if (error instanceof InvitationGone) return null;
    if (isUniqueViolation(error)) return fail("organizations:invite.errors.accountExists");
    throw error;
  }
}

class InvitationGone extends Error {}
