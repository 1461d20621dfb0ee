import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatorFor } from "~/i18n/translate.server";
import { formatNumber } from "~/i18n/format";
import { requireManager } from "~/organizations/guard.server";
import { listDepartments } from "~/organizations/members.server";
import { courseOptions } from "~/organizations/courses.server";
import { STAFF_PAGE_SIZE, staffReport } from "~/organizations/reports.server";
import { filterQuery, pageNumber, readFilters } from "~/organizations/filters";
import { FilterBar, Pagination } from "~/organizations/ui/filters";
import { TableWrap } from "~/ui/TableWrap";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const [departments, courses] = await Promise.all([listDepartments(org.id), courseOptions(locale)]);
  const searchParams = new URL(request.url).searchParams;
  const filters = readFilters(searchParams, { departmentIds: departments.map((d) => d.id), courseIds: courses.map((c) => c.id) });
  const page = pageNumber(searchParams);
  const report = await staffReport(org.id, filters, { page });
  return {
    title: t("staff.title", { name: org.name }),
    org,
    locale,
    departments,
    courses,
    filters,
    page,
    pageSize: STAFF_PAGE_SIZE,
    ...report,
    departmentNames: Object.fromEntries(departments.map((d) => [d.id, d.name])),
  };
}

export default function Staff() {
  const { t } = useTranslation("organizations");
  const data = useLoaderData<typeof loader>();
  const { org, filters, locale } = data;
  const base = `/manage/${org.slug}`;
  const num = (n: number) => formatNumber(n, locale);
  return (
    <div className="stack">
      <h1>{t("staff.heading")}</h1>
      <p className="row">
        <Link className="button" to={`${base}/invite`}>
          {t("nav.invite")}
        </Link>
        <a className="button button--secondary" href={`${base}/export/completions.csv${filterQuery(filters)}`} download>
          {t("export.completions")}
        </a>
        <a className="button button--secondary" href={`${base}/export/certificates.csv${filterQuery(filters)}`} download>
          {t("export.certificates")}
        </a>
      </p>
      <FilterBar filters={filters} departments={data.departments} courses={data.courses} withSearch withMember clearHref={`${base}/staff`} />
      <p role="status">{t("staff.count", { count: data.total })}</p>
      {data.rows.length ? (
        <TableWrap label={t("staff.heading")}>
          <table>
            <caption className="visually-hidden">{t("staff.heading")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.email")}</th>
                <th scope="col">{t("columns.department")}</th>
                <th scope="col">{t("columns.role")}</th>
                <th scope="col">{t("columns.memberStatus")}</th>
                <th scope="col">{t("columns.completed")}</th>
                <th scope="col">{t("columns.overdue")}</th>
              </tr>
            </thead>
            <tbody>
              {data.rows.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">
                    <Link to={`${base}/staff/${r.userId}`}>{r.name}</Link>
                  </th>
                  <td>{r.email}</td>
                  <td>{r.departmentId ? data.departmentNames[r.departmentId] : t("noDepartment")}</td>
                  <td>{t(`roles.${r.role}`)}</td>
                  <td>
                    <span className={r.status === "ACTIVE" ? "badge" : "badge badge--bad"}>{t(`memberStatus.${r.status}`)}</span>
                  </td>
                  <td>{r.assigned ? t("dashboard.ofAssigned", { done: num(r.completed), total: num(r.assigned) }) : "—"}</td>
                  <td>{r.overdue ? <span className="badge badge--bad">{num(r.overdue)}</span> : num(0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : (
        <p>{t("staff.empty")}</p>
      )}
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} filters={filters} path={`${base}/staff`} />
    </div>
  );
}
