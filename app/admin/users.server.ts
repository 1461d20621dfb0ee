// Platform administration of accounts (docs/administration.md): the user list, a person's page and
// the platform-level actions. Deactivation here is the ACCOUNT's (User.deactivatedAt: no sign-in
// anywhere), distinct from a municipality's own deactivation of a membership
// (app/organizations/members.server.ts), which only that municipality's manager changes.
import { containsIgnoringCase, getDb, type Db } from "~/db.server";
import { fail, type Failed } from "~/http/forms";
import { sendResetLinkFor } from "~/auth/password-reset.server";
import { endAllSessions } from "~/auth/session.server";
import { recordAudit, type AuditAction } from "~/audit/audit.server";
import type { Locale } from "~/i18n/config";
import { orgName } from "~/organizations/names";

export const USER_PAGE_SIZE = 50;
export const ACCOUNT_STATUSES = ["active", "deactivated"] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

export type UserFilters = { q: string; org: string | null; status: AccountStatus | null; page: number };

/** Unknown values are dropped, never trusted (an organization id that does not exist filters nothing). */
export function readUserFilters(params: URLSearchParams, organizationIds: string[]): UserFilters {
  const org = params.get("org");
  const status = params.get("status");
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  return {
    q: (params.get("q") ?? "").trim().slice(0, 100),
    org: org && organizationIds.includes(org) ? org : null,
    status: (ACCOUNT_STATUSES as readonly string[]).includes(status ?? "") ? (status as AccountStatus) : null,
    page: Number.isSafeInteger(page) && page >= 1 && page <= 100_000 ? page : 1,
  };
}

/** The organizations are named in `locale` (else their default name). */
export async function listUsers(filters: UserFilters, locale: Locale | string = "en") {
  const db = await getDb();
  const where = {
    // names are written in every script and case: the search ignores case on both engines
    ...(filters.q ? { OR: containsIgnoringCase(db, filters.q).flatMap((f) => [{ name: f }, { email: f }]) } : {}),
    ...(filters.org ? { memberships: { some: { organizationId: filters.org } } } : {}),
    ...(filters.status === "active" ? { deactivatedAt: null } : filters.status === "deactivated" ? { deactivatedAt: { not: null } } : {}),
  };
  const [total, rows] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (filters.page - 1) * USER_PAGE_SIZE,
      take: USER_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        email: true,
        deactivatedAt: true,
        lastSignInAt: true,
        memberships: { select: { organization: { select: { name: true, names: true } } }, orderBy: { createdAt: "asc" } },
      },
    }),
  ]);
  return {
    total,
    pages: Math.max(1, Math.ceil(total / USER_PAGE_SIZE)),
    users: rows.map((u) => ({
      id: u.id,
      name: u.name,
      email: u.email,
      deactivated: u.deactivatedAt !== null,
      lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
      organizations: u.memberships.map((m) => orgName(m.organization, locale)),
    })),
  };
}

/**
 * The rate-limit records that block password sign-in for this address (app/auth/rate-limit.server.ts):
 * the account's key, and the per-browser keys "device:<email>:<id>" the security work adds beside it.
 */
const accountKeys = (email: string) => {
  const e = email.trim().toLowerCase();
  return { OR: [{ key: `account:${e}` }, { key: { startsWith: `device:${e}:` } }] };
};

/** One person's page; the organizations are named in `locale` (else their default name). */
export async function getUserDetail(userId: string, locale: Locale | string = "en", now = new Date()) {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      deactivatedAt: true,
      lastSignInAt: true,
      memberships: {
        orderBy: { createdAt: "asc" },
        select: { role: true, status: true, organization: { select: { id: true, name: true, names: true, slug: true, kind: true } }, department: { select: { name: true } } },
      },
      identities: { select: { issuer: true, createdAt: true, organization: { select: { name: true, names: true } } } },
    },
  });
  if (!user) return null;
  const [sessions, failures] = await Promise.all([
    db.session.count({ where: { userId, expiresAt: { gt: now } } }),
    db.loginFailure.count({ where: accountKeys(user.email) }),
  ]);
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    createdAt: user.createdAt.toISOString(),
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    lastSignInAt: user.lastSignInAt?.toISOString() ?? null,
    sessions,
    failures,
    memberships: user.memberships.map((m) => ({
      organization: { id: m.organization.id, slug: m.organization.slug, kind: m.organization.kind, name: orgName(m.organization, locale) },
      role: m.role,
      status: m.status,
      department: m.department?.name ?? null,
    })),
    identities: user.identities.map((i) => ({ issuer: i.issuer, organization: orgName(i.organization, locale), createdAt: i.createdAt.toISOString() })),
  };
}

export const USER_ACTIONS = ["deactivate", "reactivate", "endSessions", "unlock", "sendResetLink"] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** The platform organization, whose log holds platform-level actions (the accounts have no municipality). */
export async function platformOrganizationId(db?: Pick<Db, "organization">): Promise<string | null> {
  db ??= await getDb();
  return (await db.organization.findFirst({ where: { kind: "PLATFORM" }, select: { id: true } }))?.id ?? null;
}

export async function auditPlatform(
  db: Pick<Db, "organization" | "auditLog">,
  entry: { actorId: string; action: AuditAction; targetType: "account" | "courseVersion" | "organization"; targetId: string; details?: Record<string, string | number | null> },
) {
  await recordAudit(db, { ...entry, organizationId: await platformOrganizationId(db) });
}

export type UserActionResult = { ok: true; action: UserAction } | Failed | null;

/**
 * A platform-level change to an account, audit-logged. Null when the account does not exist (404).
 * The administrator cannot deactivate their own account (the platform always keeps the one acting).
 */
export async function applyUserAction(actorId: string, userId: string, action: UserAction): Promise<UserActionResult> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, email: true, name: true, deactivatedAt: true } });
  if (!user) return null;
  const who = { email: user.email, name: user.name };
  const audit = (tx: Pick<Db, "organization" | "auditLog">, a: AuditAction) => auditPlatform(tx, { actorId, action: a, targetType: "account", targetId: userId, details: who });
  switch (action) {
    case "deactivate": {
      if (userId === actorId) return fail("admin:users.errors.notYourself");
      if (!user.deactivatedAt) {
        await db.$transaction(async (tx) => {
          await tx.user.update({ where: { id: userId }, data: { deactivatedAt: new Date() } });
          await audit(tx, "account.deactivated");
        });
      }
      // also when already deactivated: a session started in a race with the first click ends too
      await endAllSessions(userId);
      return { ok: true, action };
    }
    case "reactivate": {
      if (user.deactivatedAt) {
        await db.$transaction(async (tx) => {
          await tx.user.update({ where: { id: userId }, data: { deactivatedAt: null } });
          await audit(tx, "account.reactivated");
        });
      }
      return { ok: true, action };
    }
    case "endSessions": {
      await endAllSessions(userId);
      await audit(db, "account.sessionsEnded");
      return { ok: true, action };
    }
    case "sendResetLink": {
      // a deactivated account cannot sign in anyway: a link would only mislead its owner
      if (user.deactivatedAt) return fail("admin:user.errors.deactivatedNoLink");
      await sendResetLinkFor(userId);
      await audit(db, "account.passwordLinkSent");
      return { ok: true, action };
    }
    case "unlock": {
      await db.$transaction(async (tx) => {
        await tx.loginFailure.deleteMany({ where: accountKeys(user.email) });
        await audit(tx, "account.unlocked");
      });
      return { ok: true, action };
    }
  }
}

/** Password sign-in and single sign-on both refuse a deactivated account (before a session starts). */
export async function isAccountDeactivated(userId: string): Promise<boolean> {
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id: userId }, select: { deactivatedAt: true } });
  return !user || user.deactivatedAt !== null;
}
