import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { namespaces, supportedLocales, type Locale } from "./config";

export type Resources = Record<string, Record<string, unknown>>;

// UI strings live in locales/<lng>/<namespace>.json at the top of the repository, read once.
const localesDir = () => path.resolve(process.env.LOCALES_DIR ?? "locales");

let cache: Record<Locale, Resources> | undefined;
let loadedAt = 0;

// Read once per process. Under `remix dev` an edited string should show without a restart, so there
// the files are read again, but at most once a second: callers (the course compiler's block titles,
// a page render) ask for the strings many times in a row, and re-reading every file on each call made
// compiling one course cost seconds in tests.
const fresh = () => process.env.NODE_ENV !== "development" || Date.now() - loadedAt < 1_000;

export function loadAllResources(): Record<Locale, Resources> {
  if (cache && fresh()) return cache;
  const all = {} as Record<Locale, Resources>;
  for (const locale of supportedLocales) {
    all[locale] = {};
    for (const ns of namespaces) {
      const file = path.join(localesDir(), locale, `${ns}.json`);
      all[locale][ns] = JSON.parse(readFileSync(file, "utf8"));
    }
  }
  loadedAt = Date.now();
  return (cache = all);
}

let version: { of: Record<Locale, Resources>; hash: string } | undefined;

/**
 * A fingerprint of every string of every language: the browser fetches a missing namespace at
 * /i18n/<locale>/<namespace>?v=<this>, which may then be cached for good (a new deployment with other
 * strings has another fingerprint, so another URL).
 */
export function resourcesVersion(): string {
  const all = loadAllResources();
  if (version?.of !== all) version = { of: all, hash: createHash("sha256").update(JSON.stringify(all)).digest("hex").slice(0, 12) };
  return version.hash;
}

/** One language's strings (the /i18n/<locale>/<namespace> route serves one namespace of them). */
export function resourcesFor(locale: Locale): Resources {
  return loadAllResources()[locale];
}
