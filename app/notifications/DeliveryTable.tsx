// Delivery status of notifications for managers: sent or not, when, and the last delivery error.
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import type { EmailStatus, NotificationKind } from "./kinds";
import { DataTable, type Column } from "~/ui/DataTable";
import { RowAction } from "~/ui/RowAction";

export type DeliveryRow = {
  id: string;
  kind: NotificationKind;
  recipient: { name: string | null; email: string; userId: string | null };
  createdAt: string;
  status: EmailStatus;
  retrying: boolean;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
};

const BADGE: Record<EmailStatus, string> = { SENT: "badge badge--ok", FAILED: "badge badge--bad", PENDING: "badge badge--warn", SKIPPED: "badge" };

/**
 * `resend`: a "Send again" button on FAILED emails, posting to the page's own action (intent
 * "resend", see resendFailed). Not for invitations: their link is gone, the invitation is renewed.
 */
export function DeliveryTable({ rows, locale, showRecipient = true, resend = false }: { rows: DeliveryRow[]; locale: string; showRecipient?: boolean; resend?: boolean }) {
  const { t } = useTranslation("notifications");
  const when = (iso: string) => formatDate(iso, locale, { dateStyle: "medium", timeStyle: "short" });
  const columns: Column<DeliveryRow>[] = [
    { key: "created", header: t("manage.columns.created"), cell: (r) => when(r.createdAt) },
    {
      key: "recipient",
      header: t("manage.columns.recipient"),
      cell: (r) => (
        <>
          {r.recipient.name ? (
            <>
              {r.recipient.name}
              <br />
            </>
          ) : null}
          <span className="muted">{r.recipient.email}</span>
        </>
      ),
    },
    { key: "kind", header: t("manage.columns.kind"), cell: (r) => t(`kinds.${r.kind}.label`) },
    {
      key: "status",
      header: t("manage.columns.status"),
      cell: (r) => (
        <>
          <span className={r.retrying ? "badge badge--bad" : BADGE[r.status]}>{t(r.retrying ? "status.RETRYING" : `status.${r.status}`)}</span>
          {r.retrying ? <div className="muted">{t("manage.nextAttempt", { date: when(r.nextAttemptAt) })}</div> : null}
          {resend && r.status === "FAILED" ? <ResendButton id={r.id} kind={r.kind} /> : null}
        </>
      ),
    },
    { key: "sentAt", header: t("manage.columns.sentAt"), cell: (r) => (r.sentAt ? when(r.sentAt) : "—") },
    { key: "attempts", header: t("manage.columns.attempts"), numeric: true, cell: (r) => r.attempts },
    { key: "error", header: t("manage.columns.error"), cell: (r) => (r.lastError ? <span className="delivery-error">{r.lastError}</span> : "—") },
  ];
  return (
    <DataTable label={t("manage.heading")} rows={rows} rowKey={(r) => r.id} columns={showRecipient ? columns : columns.filter((c) => c.key !== "recipient")} />
  );
}

/** A FAILED email's "Send again" form (works without JavaScript), or why an invitation has none. */
export function ResendButton({ id, kind }: { id: string; kind: NotificationKind }) {
  const { t } = useTranslation("notifications");
  if (kind === "INVITATION") return <div className="muted">{t("resend.renewInvitation")}</div>;
  return (
    <RowAction intent="resend" hidden={{ id }} formClassName="resend-form" className="button button--secondary">
      {t("resend.button")}
    </RowAction>
  );
}
