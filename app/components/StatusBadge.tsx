import { useTranslation } from "react-i18next";
import type { LearnerStatus } from "~/learning/catalogue.server";
import { formatDate } from "~/i18n/format";

export function StatusBadge({ status, dueAt, locale }: { status: LearnerStatus; dueAt: string | null; locale: string }) {
  const { t } = useTranslation("courses");
  const done = status.kind === "completed" || status.kind === "certified";
  const overdue = dueAt && !done && new Date(dueAt) < new Date();
  return (
    <p className="row">
      {status.kind === "notStarted" ? <span className="badge">{t("status.notStarted")}</span> : null}
      {status.kind === "inProgress" ? <span className="badge badge--warn">{t("status.inProgress", { percent: status.percent })}</span> : null}
      {status.kind === "completed" ? <span className="badge badge--ok">{t("status.completed")}</span> : null}
      {status.kind === "certified" ? <span className="badge badge--ok">{t("status.certified")}</span> : null}
      {dueAt && !done ? (
        <span className={overdue ? "badge badge--bad" : "badge"}>
          {overdue ? t("status.overdue", { date: formatDate(dueAt, locale) }) : t("status.assigned", { date: formatDate(dueAt, locale) })}
        </span>
      ) : null}
    </p>
  );
}
