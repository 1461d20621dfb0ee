import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { isRoleName } from "~/auth/permissions";
import { DataTable } from "~/ui/DataTable";
import { formatDate } from "~/i18n/format";

// The one table of the audit log pages (a municipality's at /manage/<org>/audit, the platform's at
// /admin/audit). Its labels live in the "organizations" namespace, where the action names are.

export type AuditRow = {
  id: number;
  action: string;
  details: Record<string, string | number | null>;
  createdAt: string;
  actor: { name: string } | null;
};

/** The detail fields an entry may carry, in the order they are shown. */
export const AUDIT_DETAIL_KEYS = ["email", "name", "department", "course", "quiz", "extraAttempts", "dueAt", "recertifyMonths", "role", "from", "to", "slug", "kind", "reason"] as const;
export type AuditDetailKey = (typeof AUDIT_DETAIL_KEYS)[number];

const ROLE_KEYS: readonly string[] = ["role", "from", "to"];

export function AuditTable({
  entries,
  locale,
  label,
  detailKeys = AUDIT_DETAIL_KEYS,
}: {
  entries: AuditRow[];
  locale: string;
  /** the name of the scrollable region: the page's heading */
  label: string;
  detailKeys?: readonly AuditDetailKey[];
}) {
  const { t } = useTranslation("organizations");
  const shown = (key: string, value: string | number | null) =>
    value === null || value === "" ? "—" : ROLE_KEYS.includes(key) && isRoleName(value) ? t(`roles.${value}`) : String(value);
  return (
    <DataTable
      label={label}
      rows={entries}
      rowKey={(e) => String(e.id)}
      empty={t("audit.empty")}
      columns={[
        { key: "when", header: t("columns.when"), cell: (e) => formatDate(e.createdAt, locale, { dateStyle: "medium", timeStyle: "short" }) },
        { key: "who", header: t("columns.who"), cell: (e) => (e.actor ? e.actor.name : t("audit.system")) },
        { key: "what", header: t("columns.what"), cell: (e) => t(`audit.actions.${e.action}`, { defaultValue: e.action }) },
        {
          key: "details",
          header: t("columns.details"),
          cell: (e) => (
            <dl className="details">
              {detailKeys.filter((k) => k in e.details).map((k) => (
                <div key={k}>
                  <dt>{t(`audit.details.${k}`)}</dt>
                  <dd>{shown(k, e.details[k])}</dd>
                </div>
              ))}
            </dl>
          ),
        },
      ]}
    />
  );
}

/** Previous / page n of m / next, for a log at `path` (`?page=` is added). Nothing for a single page. */
export function AuditPager({ path, page, pages }: { path: string; page: number; pages: number }) {
  const { t } = useTranslation("organizations");
  if (pages <= 1) return null;
  return (
    <nav aria-label={t("pagination.label")} className="pager">
      {page > 1 ? <Link to={`${path}?page=${page - 1}`}>{t("pagination.previous")}</Link> : <span />}
      <span>{t("pagination.position", { page, pages })}</span>
      {page < pages ? <Link to={`${path}?page=${page + 1}`}>{t("pagination.next")}</Link> : <span />}
    </nav>
  );
}
