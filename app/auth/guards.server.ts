import { redirect } from "@remix-run/node";
import { sqltag as sql } from "@prisma/client/runtime/client";
import { getDb, readRows } from "~/db.server";
import { requestKey } from "~/http/request-scope.server";
import { getAuth, type AuthUser } from "./session.server";
import { isPlatformAdmin, type MembershipView } from "./permissions";

/** A 404 hides whether a record exists in another organization (never 403, which would confirm it). */
export function notFound(): Response {
  return new Response("Not Found", { status: 404 });
}

export async function getOptionalUser(request: Request): Promise<AuthUser | null> {
  return (await getAuth(request)).user;
}

/** The signed-in user, or a redirect to sign in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<AuthUser> {
  const { user } = await getAuth(request);
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/**
 * Every membership of the user with its organization, oldest first. Read on every signed-in page (the
 * navigation): one SQL join instead of Prisma's two statements and two query plans (~1 ms of CPU
 * against ~0.15 ms; docs/performance.md).
 */
export async function getMemberships(userId: string): Promise<MembershipView[]> {
  const db = await getDb();
  return readRows<MembershipView>(db, sql`
    SELECT o."id" AS "organizationId", o."slug" AS "organizationSlug", o."name" AS "organizationName", o."names" AS "organizationNames",
           o."kind" AS "organizationKind", m."role", m."status"
    FROM "Membership" m JOIN "Organization" o ON o."id" = m."organizationId"
    WHERE m."userId" = ${userId}
    ORDER BY m."createdAt" ASC, m."id" ASC`);
}

// The root loader (navigation) and a page's guard both need the memberships on the same request:
// read them once. Only for GET/HEAD: a form post without JavaScript runs its action and then the
// loaders in one HTTP request, and an action may change memberships (an accepted invitation, a role).
// Keyed on the request's scope: each loader gets its own copy of the Request (app/http/request-scope.server.ts).
const perRequest = new WeakMap<object, { userId: string; memberships: Promise<MembershipView[]> }>();

/** The memberships of the request's user, read once per GET request (see above). */
export function getRequestMemberships(request: Request, userId: string): Promise<MembershipView[]> {
  if (request.method !== "GET" && request.method !== "HEAD") return getMemberships(userId);
  const key = requestKey(request);
  const hit = perRequest.get(key);
  if (hit && hit.userId === userId) return hit.memberships;
  const memberships = getMemberships(userId);
  perRequest.set(key, { userId, memberships });
  memberships.catch(() => perRequest.delete(key));
  return memberships;
}

/** The signed-in administrator of the platform (an ADMIN of the PLATFORM organization); anyone else: 404. */
export async function requirePlatformAdmin(request: Request): Promise<AuthUser> {
  const user = await requireUser(request);
  if (!isPlatformAdmin(await getRequestMemberships(request, user.id))) throw notFound();
  return user;
}
