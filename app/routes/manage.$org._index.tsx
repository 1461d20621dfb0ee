import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatorFor } from "~/i18n/translate.server";
import { direction } from "~/i18n/config";
import { formatDate, formatNumber } from "~/i18n/format";
import { requireManager } from "~/organizations/guard.server";
import { listDepartments } from "~/organizations/members.server";
import { courseOptions } from "~/organizations/courses.server";
import { dashboard } from "~/organizations/reports.server";
import { filterQuery, NO_DEPARTMENT, readFilters } from "~/organizations/filters";
import { FilterBar } from "~/organizations/ui/filters";
import { MonthColumns, StackedBars } from "~/organizations/ui/charts";
import { Alert } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const [departments, courses] = await Promise.all([listDepartments(org.id), courseOptions(locale)]);
  const filters = readFilters(new URL(request.url).searchParams, { departmentIds: departments.map((d) => d.id), courseIds: courses.map((c) => c.id) });
  const report = await dashboard(org.id, filters);
  const departmentRows = [...departments, { id: NO_DEPARTMENT, name: t("noDepartment") }]
    .map((d) => ({ id: d.id, name: d.name, ...(report.byDepartment.get(d.id) ?? { assigned: 0, completed: 0, overdue: 0 }) }))
    .filter((d) => d.assigned > 0);
  const courseRows = courses
    .map((c) => ({ id: c.id, title: c.title, ...(report.byCourse.get(c.id) ?? { assigned: 0, completed: 0, overdue: 0 }) }))
    .filter((c) => c.assigned > 0);
  const titles = new Map(courses.map((c) => [c.id, c.title]));
  return {
    title: t("dashboard.title", { name: org.name }),
    org,
    locale,
    departments,
    courses,
    filters,
    totals: report.totals,
    courseRows,
    departmentRows,
    timeline: report.timeline,
    expiring: { ...report.expiring, soonest: report.expiring.soonest.map((c) => ({ ...c, course: titles.get(c.courseId) ?? "" })) },
    people: report.people,
    departmentNames: Object.fromEntries(departments.map((d) => [d.id, d.name])),
  };
}

export default function Dashboard() {
  const { t } = useTranslation("organizations");
  const data = useLoaderData<typeof loader>();
  const { org, locale, filters, totals } = data;
  const base = `/manage/${org.slug}`;
  const pct = (part: number, whole: number) =>
    whole ? new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 }).format(part / whole) : "—";
  const num = (n: number) => formatNumber(n, locale);
  // The full year: "Dec 26" read as the 26th of December.
  const month = (ym: string) => formatDate(`${ym}-01T00:00:00Z`, locale, { month: "short", year: "numeric" });
  const peopleStatus = filters.status ?? "overdue";
  return (
    <div className="stack">
      <h1>{t("dashboard.heading")}</h1>
      <FilterBar filters={filters} departments={data.departments} courses={data.courses} clearHref={base} />
      <p className="row">
        <a className="button button--secondary" href={`${base}/export/completions.csv${filterQuery(filters)}`} download>
          {t("export.completions")}
        </a>
        <a className="button button--secondary" href={`${base}/export/certificates.csv${filterQuery(filters)}`} download>
          {t("export.certificates")}
        </a>
      </p>

      <section aria-labelledby="totals-heading">
        <h2 id="totals-heading" className="visually-hidden">
          {t("dashboard.totals")}
        </h2>
        <ul className="stats">
          <li className="stat">
            <span className="stat__value">{pct(totals.completed, totals.assigned)}</span>
            <span className="stat__label">{t("dashboard.completionRate", { done: num(totals.completed), total: num(totals.assigned) })}</span>
          </li>
          <li className="stat">
            {/* Every completion by the current staff, assigned or not: the rate beside it counts assigned courses only. */}
            <span className="stat__value">{num(data.timeline.reduce((all, p) => all + p.completions, 0))}</span>
            <span className="stat__label">{t("dashboard.completionsYear")}</span>
          </li>
          <li className="stat">
            <span className="stat__value">{num(totals.assigned)}</span>
            <span className="stat__label">{t("dashboard.assignedCourses")}</span>
          </li>
          <li className="stat">
            <span className="stat__value">{num(totals.overdue)}</span>
            <span className="stat__label">{t("dashboard.overdueCourses")}</span>
          </li>
          <li className="stat">
            <span className="stat__value">{num(data.expiring.within90)}</span>
            <span className="stat__label">{t("dashboard.expiring90")}</span>
          </li>
        </ul>
      </section>

      {totals.assigned === 0 ? (
        <Alert tone="notice" quiet>
          {t("dashboard.nothingAssigned")} <Link to={`${base}/assignments`}>{t("nav.assignments")}</Link>
        </Alert>
      ) : null}

      <section aria-labelledby="by-course-heading">
        <figure className="figure">
          <figcaption>
            <h2 id="by-course-heading">{t("dashboard.byCourse")}</h2>
            <p className="muted">{t("dashboard.chartExplain")}</p>
          </figcaption>
          <StackedBars items={data.courseRows.map((r) => ({ key: r.id, label: r.title, completed: r.completed, overdue: r.overdue, due: r.assigned - r.completed - r.overdue }))} />
          <CompletionTable caption={t("dashboard.byCourseTable")} first={t("columns.course")} rows={data.courseRows.map((r) => ({ ...r, label: r.title, href: `${base}/staff${filterQuery({ ...filters, course: r.id })}` }))} pct={pct} num={num} />
        </figure>
      </section>

      <section aria-labelledby="by-department-heading">
        <figure className="figure">
          <figcaption>
            <h2 id="by-department-heading">{t("dashboard.byDepartment")}</h2>
          </figcaption>
          <StackedBars items={data.departmentRows.map((r) => ({ key: r.id, label: r.name, completed: r.completed, overdue: r.overdue, due: r.assigned - r.completed - r.overdue }))} />
          <CompletionTable caption={t("dashboard.byDepartmentTable")} first={t("columns.department")} rows={data.departmentRows.map((r) => ({ ...r, label: r.name, href: `${base}/staff${filterQuery({ ...filters, department: r.id })}` }))} pct={pct} num={num} />
        </figure>
      </section>

      <section aria-labelledby="timeline-heading">
        <figure className="figure">
          <figcaption>
            <h2 id="timeline-heading">{t("dashboard.timeline")}</h2>
            <p className="muted">{t("dashboard.timelineExplain")}</p>
          </figcaption>
          <MonthColumns rtl={direction(locale) === "rtl"} points={data.timeline.map((p) => ({ label: month(p.month), value: p.completions }))} />
          {/* one row, a column per month (the chart's figures as a table) */}
          <DataTable
            caption={t("dashboard.timelineTable")}
            captionHidden
            label={t("dashboard.timelineTable")}
            rows={[data.timeline]}
            rowKey={() => "completions"}
            columns={data.timeline.map((p) => ({ key: p.month, header: month(p.month), numeric: true, cell: () => num(p.completions) }))}
          />
        </figure>
      </section>

      <section aria-labelledby="people-heading">
        <h2 id="people-heading">{t(`dashboard.people.${peopleStatus}`)}</h2>
        <DataTable
          labelledBy="people-heading"
          rows={data.people.rows}
          rowKey={(p) => p.userId}
          empty={t("dashboard.nobody")}
          columns={[
            { key: "name", header: t("columns.name"), cell: (p) => <Link to={`${base}/staff/${p.userId}`}>{p.name}</Link> },
            { key: "department", header: t("columns.department"), cell: (p) => (p.departmentId ? data.departmentNames[p.departmentId] : t("noDepartment")) },
            { key: "completed", header: t("columns.completed"), cell: (p) => t("dashboard.ofAssigned", { done: num(p.completed), total: num(p.assigned) }) },
            { key: "overdue", header: t("columns.overdue"), numeric: true, cell: (p) => num(p.overdue) },
          ]}
        />
        {data.people.total > data.people.rows.length ? (
          <p>
            <Link to={`${base}/staff${filterQuery({ ...filters, status: peopleStatus, member: "ACTIVE" })}`}>
              {t("dashboard.allPeople", { count: data.people.total })}
            </Link>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="expiring-heading">
        <h2 id="expiring-heading">{t("dashboard.expiring")}</h2>
        <ul className="stats">
          {([30, 60, 90] as const).map((days) => (
            <li key={days} className="stat">
              <span className="stat__value">{num(data.expiring[`within${days}`])}</span>
              <span className="stat__label">{t("dashboard.withinDays", { days })}</span>
            </li>
          ))}
        </ul>
        <DataTable
          caption={t("dashboard.expiringSoonest")}
          label={t("dashboard.expiringSoonest")}
          rows={data.expiring.soonest}
          rowKey={(c) => c.certificateId}
          columns={[
            { key: "name", header: t("columns.name"), cell: (c) => <Link to={`${base}/staff/${c.userId}`}>{c.name}</Link> },
            { key: "course", header: t("columns.course"), cell: (c) => c.course },
            { key: "expires", header: t("columns.expires"), cell: (c) => formatDate(c.expiresAt, locale) },
          ]}
        />
      </section>
    </div>
  );
}

function CompletionTable({
  caption,
  first,
  rows,
  pct,
  num,
}: {
  caption: string;
  first: string;
  rows: { id: string; label: string; href: string; assigned: number; completed: number; overdue: number }[];
  pct: (a: number, b: number) => string;
  num: (n: number) => string;
}) {
  const { t } = useTranslation("organizations");
  return (
    <DataTable
      caption={caption}
      captionHidden
      label={caption}
      rows={rows}
      rowKey={(r) => r.id}
      empty={t("dashboard.noRows")}
      columns={[
        { key: "label", header: first, rowHeader: true, cell: (r) => <Link to={r.href}>{r.label}</Link> },
        { key: "assigned", header: t("columns.assigned"), numeric: true, cell: (r) => num(r.assigned) },
        { key: "completed", header: t("columns.completed"), numeric: true, cell: (r) => num(r.completed) },
        { key: "rate", header: t("columns.rate"), numeric: true, cell: (r) => pct(r.completed, r.assigned) },
        { key: "overdue", header: t("columns.overdue"), numeric: true, cell: (r) => num(r.overdue) },
      ]}
    />
  );
}
