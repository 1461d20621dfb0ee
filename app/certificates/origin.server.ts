// Where the platform is reached from outside: the verification URL (QR code) and the credential's
// issuer are built from it. PUBLIC_URL is the truth behind a proxy; without it, the request's own
// origin (pages) or, outside a request (issuing on completion), the embedded server's address.

export function configuredOrigin(): string | null {
  const value = process.env.PUBLIC_URL;
  return value ? new URL(value).origin : null;
}

/** For work done outside a request, such as issuing a certificate when a course is completed. */
export function defaultOrigin(): string {
  return configuredOrigin() ?? `http://localhost:${process.env.PORT ?? 3000}`;
}

export function requestOrigin(request: Request): string {
  return configuredOrigin() ?? new URL(request.url).origin;
}
