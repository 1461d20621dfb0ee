// Where to send someone after signing in (`redirectTo`). Read from a query string or a hidden field,
// so it is attacker-controlled: an open redirect would let a phishing link bounce through our domain.
// Browsers "repair" URLs before following them — they drop tab/CR/LF, treat "\" as "/", collapse
// dot segments — so `/\t/evil.example` or `/.//evil.example` become `//evil.example`, another site.
// The rule: refuse control characters and backslashes outright, resolve the rest as a URL against a
// placeholder origin exactly as a browser would, and accept it only if it stays on that origin and its
// normalised path cannot be read as protocol-relative. The NORMALISED form is what we return.

const PLACEHOLDER = "http://same-origin.invalid";
const MAX_LENGTH = 2048;

export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  // C0 controls (tab, CR, LF, NUL…), DEL and backslash: never part of a path we produce
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  if (!to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, PLACEHOLDER);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER || url.username || url.password) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith("/") || path.startsWith("//")) return fallback;
  return path;
}
