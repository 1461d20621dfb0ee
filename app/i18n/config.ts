// The six UN languages. Arabic is written right to left.
export const supportedLocales = ["ar", "zh", "en", "fr", "ru", "es"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "en";

/** Each language's name in itself, for the language switcher. */
export const localeNames: Record<Locale, string> = {
  ar: "العربية",
  zh: "中文",
  en: "English",
  fr: "Français",
  ru: "Русский",
  es: "Español",
};

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

export function direction(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

export const namespaces = ["common", "auth", "account", "errors", "courses", "learning", "certificates", "organizations", "exchange", "notifications", "authoring", "statistics", "admin"] as const;
export type Namespace = (typeof namespaces)[number];

/** What every hydrated page ships: the layout's strings (header, footer) and the error pages'. */
export const layoutNamespaces: readonly Namespace[] = ["common", "errors"];

/**
 * The namespaces a hydrated page's browser needs from the start, from its routes' `handle.i18n`
 * (besides the layout's). A route that does not declare them gets every namespace, as before routes
 * declared any; a namespace missing in the browser is fetched once on client navigation
 * (app/entry.client.tsx), so a declaration that is too short costs a request, not a broken page.
 */
export function pageNamespaces(handles: unknown[]): readonly Namespace[] {
  const wanted = new Set<Namespace>(layoutNamespaces);
  for (const handle of handles) {
    const declared = (handle as { i18n?: readonly Namespace[] } | undefined)?.i18n;
    if (!declared) return namespaces;
    for (const ns of declared) wanted.add(ns);
  }
  return namespaces.filter((ns) => wanted.has(ns));
}
