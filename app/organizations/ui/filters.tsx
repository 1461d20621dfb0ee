import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { filterQuery, MEMBER_STATUSES, NO_DEPARTMENT, TRAINING_STATUSES, type ReportFilters } from "../filters";

type Option = { id: string; name?: string; title?: string };

/** The filter form of the dashboard and the staff report (GET: the filtered view has its own URL). */
export function FilterBar({
  filters,
  departments,
  courses,
  withSearch = false,
  withMember = false,
  clearHref,
}: {
  filters: ReportFilters;
  departments: Option[];
  courses: Option[];
  withSearch?: boolean;
  withMember?: boolean;
  clearHref: string;
}) {
  const { t } = useTranslation("organizations");
  const active = Boolean(filters.department || filters.course || filters.status || filters.member || filters.q);
  return (
    <Form method="get" className="card row filters" role="search" aria-label={t("filters.label")}>
      {withSearch ? (
        <div className="field">
          <label htmlFor="filter-q">{t("filters.search")}</label>
          <input id="filter-q" name="q" type="search" defaultValue={filters.q} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="filter-department">{t("filters.department")}</label>
        <select id="filter-department" name="department" defaultValue={filters.department ?? ""}>
          <option value="">{t("filters.allDepartments")}</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
          <option value={NO_DEPARTMENT}>{t("noDepartment")}</option>
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-course">{t("filters.course")}</label>
        <select id="filter-course" name="course" defaultValue={filters.course ?? ""}>
          <option value="">{t("filters.allCourses")}</option>
          {courses.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">{t("filters.status")}</label>
        <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
          <option value="">{t("filters.anyStatus")}</option>
          {TRAINING_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`training.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {withMember ? (
        <div className="field">
          <label htmlFor="filter-member">{t("filters.member")}</label>
          <select id="filter-member" name="member" defaultValue={filters.member ?? ""}>
            <option value="">{t("filters.anyMember")}</option>
            {MEMBER_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`memberStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <button type="submit" className="button">
        {t("filters.apply")}
      </button>
      {active ? <Link to={clearHref}>{t("filters.clear")}</Link> : null}
    </Form>
  );
}

export function Pagination({ page, pageSize, total, filters, path }: { page: number; pageSize: number; total: number; filters: ReportFilters; path: string }) {
  const { t } = useTranslation("organizations");
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} className="pager">
      {page > 1 ? <Link to={`${path}${filterQuery(filters, { page: page - 1 })}`}>{t("pagination.previous")}</Link> : <span />}
      <span>{t("pagination.position", { page, pages })}</span>
      {page < pages ? <Link to={`${path}${filterQuery(filters, { page: page + 1 })}`}>{t("pagination.next")}</Link> : <span />}
    </nav>
  );
}

