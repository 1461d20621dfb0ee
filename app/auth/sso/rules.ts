// What a single sign-on callback may do with the provider's answer (docs/sso.md). Pure, so that the
// rules are tested on their own (rules.test.ts); app/auth/sso/link.server.ts applies the outcome.
import { isEmailAllowed } from "./domains";

export type SsoClaims = { sub: string; email?: unknown; email_verified?: unknown; xms_edov?: unknown; name?: unknown };

export type SsoError = "sso.noEmail" | "sso.unverified" | "sso.domain" | "sso.emailTaken" | "sso.deactivated" | "sso.linkedElsewhere";

export type SsoDecision =
  | { kind: "signIn"; userId: string }
  | { kind: "create"; email: string; name: string }
  | { kind: "link"; userId: string }
  | { kind: "refuse"; error: SsoError };

/**
 * - The email must be present, verified by the provider (email_verified true; Microsoft Entra ID says
 *   so with xms_edov, "email domain owner verified") and inside the organization's allowed domains —
 *   checked at every sign-in, not only the first, so that removing a domain takes effect.
 * - An account is found by (issuer, subject) ONLY. An existing account with the same email is never
 *   taken over: that person signs in with their password and connects the organization's sign-in
 *   from /account/sso (mode "link"), proving they hold both.
 */
export function decide(input: {
  claims: SsoClaims;
  allowedDomains: string[];
  mode: { kind: "signIn" } | { kind: "link"; userId: string };
  identityUserId: string | null; // the account already linked to (issuer, subject)
  emailUserId: string | null; // an account with the provider's email
  deactivated: (userId: string) => boolean;
}): SsoDecision {
  const { claims } = input;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  if (!email) return { kind: "refuse", error: "sso.noEmail" };
  if (claims.email_verified !== true && claims.xms_edov !== true) return { kind: "refuse", error: "sso.unverified" };
  if (!isEmailAllowed(email, input.allowedDomains)) return { kind: "refuse", error: "sso.domain" };
  if (input.mode.kind === "link") {
    if (input.identityUserId && input.identityUserId !== input.mode.userId) return { kind: "refuse", error: "sso.linkedElsewhere" };
    if (input.deactivated(input.mode.userId)) return { kind: "refuse", error: "sso.deactivated" };
    return { kind: "link", userId: input.mode.userId };
  }
  if (input.identityUserId) {
    if (input.deactivated(input.identityUserId)) return { kind: "refuse", error: "sso.deactivated" };
    return { kind: "signIn", userId: input.identityUserId };
  }
  if (input.emailUserId) return { kind: "refuse", error: "sso.emailTaken" };
  const name = typeof claims.name === "string" && claims.name.trim() ? claims.name.trim().slice(0, 100) : email.slice(0, email.indexOf("@"));
  return { kind: "create", email, name };
}
