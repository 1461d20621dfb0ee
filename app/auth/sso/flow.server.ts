// OpenID Connect sign-in (docs/sso.md) with openid-client v6 (panva; certified OpenID relying-party
// library, maintained, built on the standard Web Crypto/fetch APIs Node 20 has): discovery from the
// issuer, authorization code flow with PKCE (S256), state and nonce. The three one-time values travel
// in a short-lived signed, HttpOnly cookie scoped to /sso; the callback consumes it (clears it), so a
// callback URL replayed in the same browser meets no state, and a code replayed with a copied cookie
// is refused by the provider (invalid_grant).
import { createCookie } from "@remix-run/node";
import * as oidc from "openid-client";
import { env } from "~/env.server";
import { publicOrigin } from "~/http/public-origin.server";
import { fail, type Failed } from "~/http/forms";

export const CALLBACK_PATH = "/sso/callback";
const FLOW_TTL_SECONDS = 10 * 60;

export const callbackUrl = (request: Request) => `${publicOrigin()}${CALLBACK_PATH}`;

// link: the signed-in person connecting their account (/account/sso); back: where to go afterwards
type FlowState = { org: string; state: string; nonce: string; verifier: string; link: string | null; back: string; exp: number };

const flowCookie = () =>
  createCookie("sso_flow", {
    path: "/sso",
    httpOnly: true,
    // Lax: the provider's redirect back is a top-level GET navigation, which carries Lax cookies
    sameSite: "lax",
    secure: env().COOKIE_SECURE ? env().COOKIE_SECURE === "true" : env().NODE_ENV === "production",
    maxAge: FLOW_TTL_SECONDS,
    secrets: [env().SESSION_SECRET],
  });

export type SsoProvider = { issuer: string; clientId: string; clientSecret: string };

/**
 * http:// issuers only on the loopback interface (a provider on the same machine, as in the tests):
 * anywhere else the provider's answers must come over TLS.
 */
export function insecureAllowed(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

// Discovery is cached per process for a few minutes: a sign-in should not cost two extra round trips,
// and a provider's key rotation is picked up soon after.
const DISCOVERY_TTL_MS = 5 * 60 * 1000;
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

function configuration(provider: SsoProvider): Promise<oidc.Configuration> {
  const key = JSON.stringify([provider.issuer, provider.clientId, provider.clientSecret]);
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const config = oidc.discovery(new URL(provider.issuer), provider.clientId, provider.clientSecret, undefined, {
    execute: insecureAllowed(provider.issuer) ? [oidc.allowInsecureRequests] : [],
    timeout: 10,
  });
  discovered.set(key, { at: Date.now(), config });
  config.catch(() => discovered.delete(key));
  return config;
}

/** The provider's authorization URL and the cookie holding this attempt's state, nonce and verifier. */
export async function beginSignIn(request: Request, org: string, provider: SsoProvider, options: { link: string | null; back: string }) {
  const config = await configuration(provider);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(request),
    scope: "openid email profile",
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  const flow: FlowState = { org, state, nonce, verifier, ...options, exp: Date.now() + FLOW_TTL_SECONDS * 1000 };
  return { url: url.href, setCookie: await flowCookie().serialize(flow) };
}

export const clearFlowCookie = async () => flowCookie().serialize("", { maxAge: 0 });

/** The attempt this browser started, if its cookie is intact, unexpired and matches the returned state. */
export async function readFlow(request: Request): Promise<FlowState | null> {
  const value = (await flowCookie().parse(request.headers.get("Cookie"))) as FlowState | null;
  if (!value || typeof value !== "object" || typeof value.state !== "string" || value.exp < Date.now()) return null;
  const returned = new URL(request.url).searchParams.get("state");
  return returned === value.state ? value : null;
}

export type Claims = { iss: string; sub: string; email?: unknown; email_verified?: unknown; xms_edov?: unknown; name?: unknown };

/** The checked claims, or the refusal (keys in "errors": sso.codeUsed, sso.cancelled, sso.failed). */
export type ExchangeResult = { ok: true; claims: Claims } | Failed;

/** Exchanges the code (with the PKCE verifier) and checks the ID token: issuer, audience, nonce, signature. */
export async function finishSignIn(request: Request, provider: SsoProvider, flow: FlowState): Promise<ExchangeResult> {
  const incoming = new URL(request.url);
  if (incoming.searchParams.has("error")) return fail("sso.cancelled");
  // the redirect_uri sent with the code must be the one sent to the authorization endpoint, also
  // behind a proxy (PUBLIC_URL), so the current URL is rebuilt from it
  const current = new URL(callbackUrl(request));
  current.search = incoming.search;
  try {
    const config = await configuration(provider);
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) return fail("sso.failed");
    return { ok: true, claims: claims as unknown as Claims };
  } catch (error) {
    // an authorization code is single-use: the provider answers invalid_grant to a second exchange
    if (error instanceof oidc.ResponseBodyError && error.error === "invalid_grant") return fail("sso.codeUsed");
    console.warn("single sign-on failed:", (error as Error).message);
    return fail("sso.failed");
  }
}
