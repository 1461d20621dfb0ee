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
