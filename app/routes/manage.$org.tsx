// Layout of a municipality's management pages: the municipality's name and its sub-navigation.
// No loader on purpose: each page checks the manager itself (one membership query per request), and
// the name comes from the navigation the root loader already sends.
import type { LinksFunction } from "@remix-run/node";
import { NavLink, Outlet, useParams, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { RootData } from "~/root";
import manageStyles from "~/organizations/ui/manage.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: manageStyles }];

export default function ManageLayout() {
  const { t } = useTranslation("organizations");
  const { org = "" } = useParams();
  const root = useRouteLoaderData("root") as RootData | undefined;
  const name = root?.nav.manage.find((m) => m.slug === org)?.name ?? org;
  const base = `/manage/${org}`;
  return (
    <div className="stack">
      <p className="muted manage-org">{name}</p>
      <nav aria-label={t("nav.label")} className="subnav">
        <ul>
          <li>
            <NavLink to={base} end>
              {t("nav.dashboard")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/staff`}>{t("nav.staff")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/invite`}>{t("nav.invite")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/assignments`}>{t("nav.assignments")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/audit`}>{t("nav.audit")}</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/notifications`}>{t("notifications:manage.navLink")}</NavLink>
          </li>
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
