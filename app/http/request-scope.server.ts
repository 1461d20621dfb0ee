import { AsyncLocalStorage } from "node:async_hooks";

// "Once per request" caches (the session, the memberships) cannot key on the Request object: Remix
// hands each loader of a request its own copy of it (it strips ?index and ?_routes from the URL), so
// the root loader and the page's loader never see the same object, and the session was read once per
// loader. server.mjs runs each HTTP request inside a scope of its own; those caches key on it.
const scopes = new AsyncLocalStorage<object>();

/** Runs `handle` (one HTTP request) inside a fresh request scope. */
export function runInRequestScope<T>(handle: () => T): T {
  return scopes.run({}, handle);
}

/**
 * The key for a cache of values read once per request: the HTTP request's scope for GET/HEAD.
 * Anything else keys on the Request object itself: a form post without JavaScript runs its action and
 * then the loaders in one HTTP request, and the action may change what the loaders must see (a sign-out,
 * an accepted invitation). Without a scope (tests calling a loader directly), also the Request.
 */
export function requestKey(request: Request): object {
  if (request.method !== "GET" && request.method !== "HEAD") return request;
  return scopes.getStore() ?? request;
}
