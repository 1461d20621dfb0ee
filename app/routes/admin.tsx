// Layout of the platform administration: one menu linking every admin page. No loader on purpose:
// each page checks the platform administrator itself (a non-administrator gets a 404 from it).
import type { LinksFunction } from "@remix-run/node";
import { NavLink, Outlet } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import manageStyles from "~/organizations/ui/manage.css";

// A post to /admin (without ?index) reaches this layout: it creates an organization, as before the layout existed.
export { action } from "./admin._index";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: manageStyles }];

const ADMIN_PAGES = [
  { to: "/admin", key: "organizations", end: true },
  { to: "/admin/users", key: "users", end: false },
  { to: "/admin/courses", key: "courses", end: false },
  { to: "/admin/sso", key: "sso", end: false },
  { to: "/admin/audit", key: "audit", end: false },
  { to: "/admin/outbox", key: "outbox", end: false },
] as const;

export default function AdminLayout() {
  const { t } = useTranslation("admin");
  return (
    <div className="stack">
      <nav aria-label={t("nav.label")} className="subnav">
        <ul>
          {ADMIN_PAGES.map((p) => (
            <li key={p.to}>
              <NavLink to={p.to} end={p.end}>
                {t(`nav.${p.key}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
