// CSRF defence in depth (the session cookie is also SameSite=Lax): a state-changing request must
// come from our own origin. Browsers send Origin on every POST; Sec-Fetch-Site covers the rest.
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isForeignMutation(input: {
  method: string;
  origin?: string | null;
  secFetchSite?: string | null;
  expectedOrigin: string;
}): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return false;
  if (input.origin && input.origin !== "null") return input.origin !== input.expectedOrigin;
  if (input.origin === "null") return true; // sandboxed iframes, privacy redirects: not us
  // No Origin: a non-browser client, or an old browser. Trust only what Fetch Metadata says.
  return input.secFetchSite === "cross-site" || input.secFetchSite === "same-site";
}
