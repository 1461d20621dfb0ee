// Platform administration: every account, searchable by name or email, filtered by organization and
// account status, 50 a page. The filters live in the URL (a view can be bookmarked and shared).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { listOrganizations } from "~/organizations/admin.server";
import { listUsers, readUserFilters, type UserFilters } from "~/admin/users.server";
import { DataTable } from "~/ui/DataTable";
import { orgName } from "~/organizations/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "admin");
  const organizations = await listOrganizations();
  const filters = readUserFilters(new URL(request.url).searchParams, organizations.map((o) => o.id));
  const result = await listUsers(filters, locale);
  return { title: t("users.title"), locale, filters, organizations: organizations.map((o) => ({ id: o.id, name: orgName(o, locale) })), ...result };
}

function query(filters: UserFilters, page: number) {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.org) params.set("org", filters.org);
  if (filters.status) params.set("status", filters.status);
  if (page > 1) params.set("page", String(page));
  const s = params.toString();
  return s ? `?${s}` : "";
}

export default function AdminUsers() {
  const { t } = useTranslation("admin");
  const { locale, filters, organizations, users, total, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("users.heading")}</h1>
      <Form method="get" className="filters" role="search" aria-label={t("users.filters")}>
        <div className="field">
          <label htmlFor="users-q">{t("users.search")}</label>
          <input id="users-q" name="q" type="search" defaultValue={filters.q} />
        </div>
        <div className="field">
          <label htmlFor="users-org">{t("users.organization")}</label>
          <select id="users-org" name="org" defaultValue={filters.org ?? ""}>
            <option value="">{t("users.all")}</option>
            {organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="users-status">{t("users.status")}</label>
          <select id="users-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("users.all")}</option>
            <option value="active">{t("users.statuses.active")}</option>
            <option value="deactivated">{t("users.statuses.deactivated")}</option>
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          {t("users.apply")}
        </button>
      </Form>
      <p role="status">{t("users.count", { count: total, formatted: formatNumber(total, locale) })}</p>
      <DataTable
        label={t("users.heading")}
        rows={users}
        rowKey={(u) => u.id}
        columns={[
          { key: "name", header: t("columns.name"), rowHeader: true, cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.name}</Link> },
          { key: "email", header: t("columns.email"), cell: (u) => u.email },
          { key: "organizations", header: t("columns.organizations"), cell: (u) => u.organizations.join(", ") || "—" },
          { key: "status", header: t("columns.status"), cell: (u) => t(`users.statuses.${u.deactivated ? "deactivated" : "active"}`) },
          {
            key: "lastSignIn",
            header: t("columns.lastSignIn"),
            cell: (u) => (u.lastSignInAt ? formatDate(u.lastSignInAt, locale, { dateStyle: "medium", timeStyle: "short" }) : t("users.never")),
          },
        ]}
      />
      {pages > 1 ? (
        <nav aria-label={t("pagination.label")} className="pager">
          {filters.page > 1 ? <Link to={`/admin/users${query(filters, filters.page - 1)}`}>{t("pagination.previous")}</Link> : <span />}
          <span>{t("pagination.position", { page: filters.page, pages })}</span>
          {filters.page < pages ? <Link to={`/admin/users${query(filters, filters.page + 1)}`}>{t("pagination.next")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
