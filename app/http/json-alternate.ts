// Content negotiation for pages that also have a JSON form at "<path>.json": a request for the page
// that prefers JSON (Accept: application/json before text/html) is served the JSON resource. Done in
// the HTTP server (server.mjs) because a Remix page route always renders HTML for a document request.
// Today: the public verification page, /verify/<id> (docs/certificates.md).
const NEGOTIATED = /^\/verify\/[^/.]+$/;

export function prefersJson(accept: string | undefined | null): boolean {
  const value = accept ?? "";
  const json = value.indexOf("application/json");
  const html = value.indexOf("text/html");
  return json !== -1 && (html === -1 || json < html);
}

/** The JSON resource's URL for a request (path + query), or null to serve the request as it is. */
export function jsonAlternate(method: string, url: string, accept: string | undefined | null): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  if (!NEGOTIATED.test(path) || !prefersJson(accept)) return null;
  return `${path}.json${q === -1 ? "" : url.slice(q)}`;
}
