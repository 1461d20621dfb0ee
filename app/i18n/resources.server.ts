import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { namespaces, supportedLocales, type Locale } from "./config";

export type Resources = Record<string, Record<string, unknown>>;

// UI strings live in locales/<lng>/<namespace>.json at the top of the repository, read once.
const localesDir = () => path.resolve(process.env.LOCALES_DIR ?? "locales");

let cache: Record<Locale, Resources> | undefined;

export function loadAllResources(): Record<Locale, Resources> {
  if (cache && process.env.NODE_ENV === "production") return cache;
  const all = {} as Record<Locale, Resources>;
  for (const locale of supportedLocales) {
    all[locale] = {};
    for (const ns of namespaces) {
      const file = path.join(localesDir(), locale, `${ns}.json`);
      all[locale][ns] = JSON.parse(readFileSync(file, "utf8"));
    }
  }
  return (cache = all);
}

let version: string | undefined;

/**
 * A fingerprint of every string of every language: the browser fetches a missing namespace at
 * /i18n/<locale>/<namespace>?v=<this>, which may then be cached for good (a new deployment with other
 * strings has another fingerprint, so another URL).
 */
export function resourcesVersion(): string {
  if (version && process.env.NODE_ENV === "production") return version;
  return (version = createHash("sha256").update(JSON.stringify(loadAllResources())).digest("hex").slice(0, 12));
}

/** One language's strings (the /i18n/<locale>/<namespace> route serves one namespace of them). */
export function resourcesFor(locale: Locale): Resources {
  return loadAllResources()[locale];
}
