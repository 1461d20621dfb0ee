import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import i18next from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale } from "./i18n/config";

// The page carries its own language's strings (rendered by root.tsx): no extra request, nothing
// of the five other languages downloaded. Changing language reloads the document.
const payload = document.getElementById("i18n-resources")?.textContent;
const { locale, resources } = payload ? JSON.parse(payload) : { locale: defaultLocale, resources: {} };

i18next
  .use(initReactI18next)
  .init({
    lng: locale,
    fallbackLng: false,
    defaultNS: "common",
    ns: Object.keys(resources),
    resources: { [locale]: resources },
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
