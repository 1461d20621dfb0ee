// Security headers (issue 16; docs/security.md). server.mjs sets the static ones on every response;
// entry.server.tsx adds the document's Content-Security-Policy with a fresh nonce per page, which
// Remix's inline scripts (<Scripts>, <ScrollRestoration>, the lesson page's script) carry.
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * The policy of an HTML page. script-src: only scripts carrying this response's nonce, and what they
 * load ('strict-dynamic': the module graph Remix imports from /build). Styles and images stay on
 * our origin (inline style attributes are used by React for a few computed widths).
 */
export function documentCsp(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Every response, HTML or not (files, JSON, PDFs): no framing, no plugins, no MIME sniffing. */
export const BASE_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'";

export function staticSecurityHeaders(input: { production: boolean; https: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
  // HSTS only where the site is really served over HTTPS: sent over plain HTTP it is ignored at best,
  // and a development machine must not be pinned to HTTPS for a year.
  if (input.production && input.https) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}
