import { createInstance, type TFunction } from "i18next";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, namespaces, supportedLocales, type Locale, type Namespace } from "./config";
import { loadAllResources } from "./resources.server";
import { localeCookie } from "./locale.server";

// remix-i18next gives us per-request fixed-language t() for loaders, actions and meta.
// Language negotiation itself is ours (app/i18n/negotiate.ts) because it also consults the
// signed-in user's saved preference, which remix-i18next's detector does not know about.
const remixI18n = new RemixI18Next({
  detection: { supportedLanguages: [...supportedLocales], fallbackLanguage: defaultLocale, cookie: localeCookie },
  i18next: {
    supportedLngs: [...supportedLocales],
    fallbackLng: defaultLocale,
    ns: [...namespaces],
    defaultNS: "common",
    interpolation: { escapeValue: false },
  },
});

export async function getFixedT(locale: Locale, ns: Namespace | Namespace[] = "common"): Promise<TFunction> {
  // resources are given per call so that a changed JSON file is picked up in development
  const instance = createInstance();
  await instance.init({
    lng: locale,
    fallbackLng: defaultLocale,
    supportedLngs: [...supportedLocales],
    ns: [...namespaces],
    defaultNS: Array.isArray(ns) ? ns[0] : ns,
    resources: loadAllResources(),
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(locale, ns);
}

export { remixI18n };
