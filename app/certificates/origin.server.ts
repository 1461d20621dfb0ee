// Where the platform is reached from outside: the verification URL (QR code) and the credential's
// issuer are built from it. PUBLIC_URL is the truth behind a proxy; without it, the request's own
// origin (pages) or, outside a request (issuing on completion), the embedded server's address.

export function configuredOrigin(): string | null {
  const value = process.env.PUBLIC_URL;
  return value ? new URL(value).origin : null;
}

/** For work done outside a request, such as issuing a certificate when a course is completed. */
let warned = false;
export function defaultOrigin(): string {
  const configured = configuredOrigin();
  if (configured) return configured;
  if (process.env.NODE_ENV === "production" && !warned) {
    warned = true;
    // credentials signed now will name this address as their issuer for good
    console.warn("PUBLIC_URL is not set: certificates issued now name http://localhost as their issuer (docs/certificates.md)");
  }
  return `http://localhost:${process.env.PORT ?? 3000}`;
}

export function requestOrigin(request: Request): string {
  return configuredOrigin() ?? new URL(request.url).origin;
}
