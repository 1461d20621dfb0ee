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
import { DataTable } from "~/ui/DataTable";

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
      <DataTable
        caption={t("staff.heading")}
        captionHidden
        label={t("staff.heading")}
        rows={data.rows}
        rowKey={(r) => r.userId}
        empty={t("staff.empty")}
        columns={[
          { key: "name", header: t("columns.name"), rowHeader: true, cell: (r) => <Link to={`${base}/staff/${r.userId}`}>{r.name}</Link> },
          { key: "email", header: t("columns.email"), cell: (r) => r.email },
          { key: "department", header: t("columns.department"), cell: (r) => (r.departmentId ? data.departmentNames[r.departmentId] : t("noDepartment")) },
          { key: "role", header: t("columns.role"), cell: (r) => t(`roles.${r.role}`) },
          {
            key: "status",
            header: t("columns.memberStatus"),
            cell: (r) => <span className={r.status === "ACTIVE" ? "badge" : "badge badge--bad"}>{t(`memberStatus.${r.status}`)}</span>,
          },
          { key: "completed", header: t("columns.completed"), cell: (r) => (r.assigned ? t("dashboard.ofAssigned", { done: num(r.completed), total: num(r.assigned) }) : "—") },
          { key: "overdue", header: t("columns.overdue"), numeric: true, cell: (r) => (r.overdue ? <span className="badge badge--bad">{num(r.overdue)}</span> : num(0)) },
        ]}
      />
      <Pagination page={data.page} pageSize={data.pageSize} total={data.total} filters={filters} path={`${base}/staff`} />
    </div>
  );
}
