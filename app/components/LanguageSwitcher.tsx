import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localeNames, supportedLocales, direction } from "~/i18n/config";

/**
 * Plain links with ?lng=: they work without JavaScript, and the full page load brings the chosen
 * language's strings (the browser only ever holds one language).
 */
export function LanguageSwitcher({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  const hrefFor = (lng: string) => {
    const params = new URLSearchParams(location.search);
    params.set("lng", lng);
    return `${location.pathname}?${params.toString()}`;
  };
  return (
    <details className="lang-switcher">
      <summary>
        <span className="visually-hidden">{t("language.label")}: </span>
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" className="icon" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="10" />
          <path d="M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20" />
        </svg>{" "}
        {localeNames[current as keyof typeof localeNames] ?? current}
      </summary>
      <ul aria-label={t("language.label")}>
        {supportedLocales.map((lng) => (
          <li key={lng}>
            <a
              href={hrefFor(lng)}
              lang={lng}
              hrefLang={lng}
              dir={direction(lng)}
              aria-current={lng === current ? "true" : undefined}
              data-lng={lng}
            >
              {localeNames[lng]}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
