import { createCookie } from "@remix-run/node";
import { isLocale, type Locale } from "./config";
import { negotiateLocale } from "./negotiate";
import { getAuth } from "~/auth/session.server";

// Not HttpOnly-sensitive (it only holds a language code) but kept HttpOnly anyway: only the server reads it.
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

export async function readLocaleCookie(request: Request): Promise<Locale | null> {
  const value = await localeCookie.parse(request.headers.get("Cookie"));
  return isLocale(value) ? value : null;
}

export async function getLocale(request: Request): Promise<Locale> {
  const url = new URL(request.url);
  const { user } = await getAuth(request);
  return negotiateLocale({
    searchParam: url.searchParams.get("lng"),
    cookie: await readLocaleCookie(request),
    userPreference: user?.locale,
    acceptLanguage: request.headers.get("Accept-Language"),
  });
}
