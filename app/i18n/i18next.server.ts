import { createInstance, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { defaultLocale, namespaces, supportedLocales, type Locale, type Namespace } from "./config";
import { loadAllResources } from "./resources.server";

// Fixed-language t() for loaders, actions and meta, from one cached i18next instance per language
// (docs/decisions/0006). The language itself is negotiated by app/i18n/negotiate.ts, which also
// consults the signed-in person's saved preference.

const instances = new Map<Locale, Promise<ReturnType<typeof createInstance>>>();

/**
 * The i18next instance of one language, with react-i18next attached (for server rendering).
 * Nothing ever changes its language, so production keeps one per language for every request;
 * development creates a fresh one per call so that edited JSON files are picked up.
 */
export function getI18nInstance(locale: Locale) {
  if (process.env.NODE_ENV !== "production") return createLocaleInstance(locale);
  let instance = instances.get(locale);
  if (!instance) instances.set(locale, (instance = createLocaleInstance(locale)));
  return instance;
}

export async function getFixedT(locale: Locale, ns: Namespace | Namespace[] = "common"): Promise<TFunction> {
  return (await getI18nInstance(locale)).getFixedT(locale, ns);
}

async function createLocaleInstance(locale: Locale) {
  const instance = createInstance().use(initReactI18next);
  await instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: [...supportedLocales],
    ns: [...namespaces],
    defaultNS: "common",
    resources: loadAllResources(),
    interpolation: { escapeValue: false },
  });
  return instance;
}
