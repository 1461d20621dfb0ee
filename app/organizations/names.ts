import type { Failed, Failure } from "~/http/forms";
import { isLocale, supportedLocales, type Locale } from "~/i18n/config";

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

/**
 * The admin form's fields `name` and `name.<locale>`: the default name (required) and the
 * per-language names (optional). Refuses in the form contract's shape (app/http/forms.ts), one
 * Failure per wrong field.
 */
export function parseOrgNamesForm(form: FormData): { ok: true; data: { name: string; names: OrgNames } } | Failed {
  const errors: Failure[] = [];
  const name = String(form.get("name") ?? "").trim();
  if (!name) errors.push({ key: "organizations:admin.names.errors.required", field: "name" });
  else if (name.length > ORG_NAME_MAX) errors.push({ key: "organizations:admin.names.errors.tooLong", field: "name" });
  const names: OrgNames = {};
  for (const l of supportedLocales) {
    const value = String(form.get(`name.${l}`) ?? "").trim();
    if (value.length > ORG_NAME_MAX) errors.push({ key: "organizations:admin.names.errors.tooLong", field: `name.${l}` });
    else if (value) names[l] = value;
  }
  return errors.length ? { ok: false, errors } : { ok: true, data: { name, names } };
}
