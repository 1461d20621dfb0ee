// The one rule for every absolute address the platform hands out: links in emails (invitations,
// password reset, notifications), certificate verification links and QR codes, the credential's
// issuer and did:web, the single sign-on callback and the CSV exports' verification column.
//
//   PUBLIC_URL when it is set; otherwise the embedded server's own address, http://localhost:$PORT.
//
// Never the request's Host header: a forged Host would otherwise end up in a reset email or inside a
// signed credential, and work done outside a request (the notification runner, issuing a certificate
// on completion) would name another address than the pages do. Without PUBLIC_URL in production a
// warning says once that other machines cannot follow these links.
import { env } from "~/env.server";

let warned = false;

export function publicOrigin(): string {
  // read at each call, not from env()'s cached copy: a test process sets PUBLIC_URL for the server it
  // starts after other code has read the environment (env() has validated the value at boot)
  const configured = process.env.PUBLIC_URL;
  if (configured) return new URL(configured).origin;
  if (env().NODE_ENV === "production" && !warned) {
    warned = true;
    console.warn("PUBLIC_URL is not set: emails, certificates and credentials name http://localhost as the platform's address (docs/deployment.md)");
  }
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

/** The same origin, with a path joined to it. */
export function publicUrl(path: string): string {
  return `${publicOrigin()}${path.startsWith("/") ? path : `/${path}`}`;
}
