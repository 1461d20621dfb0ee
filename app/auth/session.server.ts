import type { Session, User } from "lucia";
import { getDb } from "~/db.server";
import { requestKey } from "~/http/request-scope.server";
import { getLucia } from "./lucia.server";

export type AuthUser = User;
export type Auth = { user: User; session: Session; setCookie?: string } | { user: null; session: null; setCookie?: string };

// Validated once per request even when several loaders ask (the root's and the page's): keyed on the
// request's scope, not on the Request object, of which Remix gives each loader a copy
// (app/http/request-scope.server.ts).
const perRequest = new WeakMap<object, Promise<Auth>>();

export function getAuth(request: Request): Promise<Auth> {
  const key = requestKey(request);
  let pending = perRequest.get(key);
  if (!pending) {
    pending = validate(request);
    perRequest.set(key, pending);
  }
  return pending;
}

async function validate(request: Request): Promise<Auth> {
  const lucia = await getLucia();
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, session: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) {
    return { user: null, session: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  // lucia extends a session past half its life; send the cookie again so the browser keeps it as long.
  const setCookie = session.fresh ? lucia.createSessionCookie(session.id).serialize() : undefined;
  return { user, session, setCookie };
}

/** Starts a new session (a new id every sign-in: no session fixation) and returns its cookie. */
export async function startSession(userId: string): Promise<string> {
  const lucia = await getLucia();
  const session = await lucia.createSession(userId, {});
  // every sign-in (password, registration, invitation, single sign-on) passes here: the platform
  // administrator's "last sign-in" (app/admin/users.server.ts)
  const db = await getDb();
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(request: Request): Promise<string> {
  const lucia = await getLucia();
  const { session } = await getAuth(request);
  if (session) await lucia.invalidateSession(session.id);
  return lucia.createBlankSessionCookie().serialize();
}

export async function endAllSessions(userId: string): Promise<void> {
  const lucia = await getLucia();
  await lucia.invalidateUserSessions(userId);
}
