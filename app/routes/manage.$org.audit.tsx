import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate } from "~/i18n/format";
import { requireManager } from "~/organizations/guard.server";
import { AUDIT_PAGE_SIZE, listAudit } from "~/organizations/audit.server";
import { pageNumber } from "~/organizations/filters";
import { TableWrap } from "~/ui/TableWrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const page = pageNumber(new URL(request.url).searchParams);
  const { entries, total } = await listAudit(org.id, page);
  return { title: t("audit.title", { name: org.name }), org, locale, entries, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

const DETAIL_KEYS = ["email", "name", "department", "course", "quiz", "extraAttempts", "dueAt", "recertifyMonths", "role", "from", "to", "slug", "kind", "reason"] as const;

export default function Audit() {
  const { t } = useTranslation("organizations");
  const { org, locale, entries, page, pages } = useLoaderData<typeof loader>();
  const base = `/manage/${org.slug}`;
  const roleOrValue = (key: string, value: string | number | null) =>
    value === null || value === "" ? "—" : (key === "role" || key === "from" || key === "to") && ["LEARNER", "MANAGER", "AUTHOR", "ADMIN"].includes(String(value)) ? t(`roles.${value}`) : String(value);
  return (
    <div className="stack">
      <h1>{t("audit.heading")}</h1>
      <p className="prose muted">{t("audit.intro")}</p>
      {entries.length === 0 ? (
        <p>{t("audit.empty")}</p>
      ) : (
        <TableWrap label={t("audit.heading")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("columns.when")}</th>
                <th scope="col">{t("columns.who")}</th>
                <th scope="col">{t("columns.what")}</th>
                <th scope="col">{t("columns.details")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDate(e.createdAt, locale, { dateStyle: "medium", timeStyle: "short" })}</td>
                  <td>{e.actor ? e.actor.name : t("audit.system")}</td>
                  <td>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</td>
                  <td>
                    <dl className="details">
                      {DETAIL_KEYS.filter((k) => k in e.details).map((k) => (
                        <div key={k}>
                          <dt>{t(`audit.details.${k}`)}</dt>
                          <dd>{roleOrValue(k, e.details[k])}</dd>
                        </div>
                      ))}
                    </dl>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      {pages > 1 ? (
        <nav aria-label={t("pagination.label")} className="pager">
          {page > 1 ? <Link to={`${base}/audit?page=${page - 1}`}>{t("pagination.previous")}</Link> : <span />}
          <span>{t("pagination.position", { page, pages })}</span>
          {page < pages ? <Link to={`${base}/audit?page=${page + 1}`}>{t("pagination.next")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
