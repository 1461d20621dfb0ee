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
