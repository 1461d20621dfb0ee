import { isLocale, type Locale } from "~/i18n/config";

// Academies and municipalities have a default name (`Organization.name`) and may have it per
// language (`Organization.names`, a JSON object like a course title's): every page, email and
// certificate shows the reader's language and falls back to the default name.

export type OrgNames = Partial<Record<Locale, string>>;

/** The stored JSON as names per language: unknown keys, non-strings and blanks are dropped. */
export function asOrgNames(value: unknown): OrgNames {
  const out: OrgNames = {};
  // a raw SQL read of the column gives SQLite's text, PostgreSQL's object
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return out;
    }
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (isLocale(k) && typeof v === "string" && v.trim()) out[k] = v.trim();
  }
  return out;
}

/** The organization's name in `locale`, else its default name. */
export function orgName(org: { name: string; names?: unknown }, locale: Locale | string): string {
  const names = asOrgNames(org.names);
  return (isLocale(locale) ? names[locale] : undefined) ?? org.name;
}

export const ORG_NAME_MAX = 200;
