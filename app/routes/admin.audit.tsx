// Platform administration: the platform's own audit log — account deactivations, ended sessions,
// unlocks, archived course versions, single sign-on settings (app/admin/, app/auth/sso/).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { platformOrganizationId } from "~/admin/users.server";
import { AUDIT_PAGE_SIZE, listAudit } from "~/organizations/audit.server";
import { pageNumber } from "~/organizations/filters";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "admin");
  const page = pageNumber(new URL(request.url).searchParams);
  const orgId = await platformOrganizationId();
  const { entries, total } = orgId ? await listAudit(orgId, page) : { entries: [], total: 0 };
  return { title: t("audit.title"), locale, entries, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

const DETAIL_KEYS = ["email", "name", "course", "slug"] as const;

export default function AdminAudit() {
  const { t } = useTranslation("admin");
  const { t: tOrg } = useTranslation("organizations");
  const { locale, entries, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("audit.heading")}</h1>
      <p className="prose muted">{t("audit.intro")}</p>
      {entries.length === 0 ? (
        <p>{tOrg("audit.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{tOrg("columns.when")}</th>
                <th scope="col">{tOrg("columns.who")}</th>
                <th scope="col">{tOrg("columns.what")}</th>
                <th scope="col">{tOrg("columns.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.createdAt, locale, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td>{e.actor ? e.actor.name : tOrg("audit.system")}</td>
                  <td>{tOrg(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                  <td>
                    <dl className="details">
                      {DETAIL_KEYS.filter((k) => k in e.details).map((k) => (
                        <div key={k}>
                          <dt>{tOrg(`audit.details.${k}`)}</dt>
                          <dd>{String(e.details[k] ?? "—")}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 ? (
        <nav aria-label={tOrg("pagination.label")} className="pager">
          {page > 1 ? <Link to={`/admin/audit?page=${page - 1}`}>{tOrg("pagination.previous")}</Link> : <span />}
          <span>{tOrg("pagination.position", { page, pages })}</span>
          {page < pages ? <Link to={`/admin/audit?page=${page + 1}`}>{tOrg("pagination.next")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
