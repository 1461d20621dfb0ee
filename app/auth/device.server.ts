// Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): after a successful
// sign-in the browser gets a signed cookie naming a random device id for THAT account. Sign-in
// attempts carrying a valid one count against the device's own allowance instead of the account's,
// so a stranger who uses up the account's allowance with wrong passwords does not lock the owner out
// of a browser they have signed in on before. The cookie cannot be forged (HMAC with SESSION_SECRET)
// and is useless for any other account (its name and contents are bound to the email).
import { createCookie } from "@remix-run/node";
import { createHash, randomBytes } from "node:crypto";
import { env } from "~/env.server";

const YEAR = 60 * 60 * 24 * 365;

const accountTag = (email: string) => createHash("sha256").update(email.trim().toLowerCase()).digest("hex").slice(0, 16);

function cookieFor(email: string) {
  const config = env();
  const secure = config.COOKIE_SECURE ? config.COOKIE_SECURE === "true" : config.NODE_ENV === "production";
  // one cookie per account, so that a shared computer keeps each person's allowance apart
  return createCookie(`device_${accountTag(email)}`, {
    path: "/login",
    sameSite: "lax",
    httpOnly: true,
    secure,
    maxAge: YEAR,
    secrets: [config.SESSION_SECRET],
  });
}

type DeviceValue = { account: string; device: string };

/** The device id this browser holds for the account, or null (none, tampered with, another account). */
export async function readDeviceId(request: Request, email: string): Promise<string | null> {
  const value = (await cookieFor(email).parse(request.headers.get("Cookie"))) as DeviceValue | null;
  if (!value || typeof value !== "object" || value.account !== accountTag(email) || typeof value.device !== "string") return null;
  return /^[0-9a-f]{32}$/.test(value.device) ? value.device : null;
}

/** Set-Cookie for the device cookie after a successful sign-in (the same id when it had one). */
export async function deviceCookie(email: string, deviceId: string | null): Promise<string> {
  const value: DeviceValue = { account: accountTag(email), device: deviceId ?? randomBytes(16).toString("hex") };
  return cookieFor(email).serialize(value);
}
