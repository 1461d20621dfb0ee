import { Form, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RootData } from "~/root";
import { LanguageSwitcher } from "./LanguageSwitcher";

export function SiteHeader({ root }: { root: RootData | null }) {
  const { t } = useTranslation();
  const location = useLocation();
  const user = root?.user;
  const nav = root?.nav;
  return (
    <header className="site-header">
      <div className="site-header__bar">
        <a href="/" className="brand">
          <span aria-hidden="true" className="brand__mark">◆</span> {t("appName")}
        </a>
        <LanguageSwitcher current={root?.locale ?? "en"} />
      </div>
      <nav aria-label={t("nav.label")} className="site-nav">
        {/* On a phone the links fold into this menu (details/summary: no JavaScript, so lesson pages still
            ship none); on wider screens the CSS keeps its content always shown and hides the summary. */}
        <details className="site-menu">
          <summary>
            {t("nav.menu")}
            {user && nav?.unreadNotifications ? (
              <>
                {" "}
                <span className="nav-badge" aria-hidden="true">
                  {nav.unreadNotifications}
                </span>
              </>
            ) : null}
          </summary>
        <ul>
          <li>
            <NavLink to="/courses" prefetch="intent">{t("nav.courses")}</NavLink>
          </li>
          {user ? (
            <>
              <li>
                <NavLink to="/learning">{t("nav.myLearning")}</NavLink>
              </li>
              <li>
                <NavLink to="/certificates">{t("nav.myCertificates")}</NavLink>
              </li>
              {nav?.manage.map((org) => (
                <li key={`m-${org.slug}`}>
                  <NavLink to={`/manage/${org.slug}`}>{t("nav.manage", { name: org.name })}</NavLink>
                </li>
              ))}
              {nav?.author.length ? (
                <li>
                  <NavLink to="/author">{t("nav.authoring")}</NavLink>
                </li>
              ) : null}
              {nav?.admin ? (
                <li>
                  <NavLink to="/admin">{t("nav.admin")}</NavLink>
                </li>
              ) : null}
              <li className="site-nav__end">
                <NavLink to="/notifications" className="nav-notifications">
                  {nav?.notificationsLabel}
                  {nav?.unreadNotifications ? (
                    <>
                      {" "}
                      <span className="nav-badge" aria-hidden="true">
                        {nav.unreadNotifications}
                      </span>
                      <span className="visually-hidden">({nav.unreadLabel})</span>
                    </>
                  ) : null}
                </NavLink>
              </li>
              <li>
                <NavLink to="/account">{t("nav.account")}</NavLink>
              </li>
              <li>
                <Form method="post" action="/logout" reloadDocument>
                  <button type="submit" className="link-button">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </li>
            </>
          ) : (
            <>
              <li className="site-nav__end">
                <NavLink to={`/login?redirectTo=${encodeURIComponent(location.pathname)}`}>{t("nav.signIn")}</NavLink>
              </li>
              <li>
                <NavLink to="/register">{t("nav.register")}</NavLink>
              </li>
            </>
          )}
        </ul>
        </details>
      </nav>
    </header>
  );
}
