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

const instances = new Map<Locale, Promise<ReturnType<typeof createInstance>>>();

export async function getFixedT(locale: Locale, ns: Namespace | Namespace[] = "common"): Promise<TFunction> {
  // One i18next instance per language in production (strings do not change while it runs);
  // a fresh one per call in development so that edited JSON files are picked up.
  if (process.env.NODE_ENV === "production") {
    let instance = instances.get(locale);
    if (!instance) {
      instance = createLocaleInstance(locale);
      instances.set(locale, instance);
    }
    return (await instance).getFixedT(locale, ns);
  }
  return (await createLocaleInstance(locale)).getFixedT(locale, ns);
}

async function createLocaleInstance(locale: Locale) {
  const instance = createInstance();
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

export { remixI18n };
