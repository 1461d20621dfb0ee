// HSTS only where it is right (issue 16): in production behind https, never on a plain-http demo
// (a browser would then refuse http://localhost for a year).
import { describe, expect, it } from "vitest";
import { documentCsp, staticSecurityHeaders } from "./security-headers";

describe("security headers", () => {
  it("HSTS in production over https only", () => {
    expect(staticSecurityHeaders({ production: true, https: true })["Strict-Transport-Security"]).toMatch(/max-age=31536000/);
    expect(staticSecurityHeaders({ production: true, https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(staticSecurityHeaders({ production: false, https: true })["Strict-Transport-Security"]).toBeUndefined();
  });

  it("the page CSP allows scripts by this response's nonce only", () => {
    const csp = documentCsp("abc123");
    expect(csp).toMatch(/script-src[^;]*'nonce-abc123'/);
    expect(/script-src([^;]*)/.exec(csp)?.[1]).not.toContain("'unsafe-inline'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
