import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import i18next, { type BackendModule } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale } from "./i18n/config";

// The page carries its own language's strings for the namespaces its routes use (rendered by
// root.tsx): no extra request, nothing of the five other languages downloaded. Changing language
// reloads the document.
const payload = document.getElementById("i18n-resources")?.textContent;
const { locale, version, resources } = payload ? JSON.parse(payload) : { locale: defaultLocale, version: "", resources: {} };

// A client navigation to a page that needs a namespace the browser does not hold yet: react-i18next
// suspends that page (the previous one stays on screen, navigations are transitions) while it is
// fetched, once, from app/routes/i18n.$locale.$namespace.ts — a URL fingerprinted with the strings'
// version, so the browser's cache may keep it.
const fetchNamespace: BackendModule = {
  type: "backend",
  init() {},
  read(language, namespace, callback) {
    fetch(`/i18n/${encodeURIComponent(language)}/${encodeURIComponent(namespace)}?v=${encodeURIComponent(version)}`)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((strings) => callback(null, strings), (error) => callback(error, false));
  },
};

i18next
  .use(fetchNamespace)
  .use(initReactI18next)
  .init({
    lng: locale,
    fallbackLng: false,
    defaultNS: "common",
    ns: Object.keys(resources),
    resources: { [locale]: resources },
    // the page's namespaces come with it, the others from the backend above when first needed
    partialBundledLanguages: true,
    interpolation: { escapeValue: false },
  })
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>,
      );
    });
  });
