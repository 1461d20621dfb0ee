// Delivery status of notifications for managers: sent or not, when, and the last delivery error.
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import type { EmailStatus, NotificationKind } from "./kinds";

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

export function DeliveryTable({ rows, locale, showRecipient = true }: { rows: DeliveryRow[]; locale: string; showRecipient?: boolean }) {
  const { t } = useTranslation("notifications");
  const when = (iso: string) => formatDate(iso, locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("manage.columns.created")}</th>
            {showRecipient ? <th scope="col">{t("manage.columns.recipient")}</th> : null}
            <th scope="col">{t("manage.columns.kind")}</th>
            <th scope="col">{t("manage.columns.status")}</th>
            <th scope="col">{t("manage.columns.sentAt")}</th>
            <th scope="col">{t("manage.columns.attempts")}</th>
            <th scope="col">{t("manage.columns.error")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>{when(r.createdAt)}</td>
              {showRecipient ? (
                <td>
                  {r.recipient.name ? (
                    <>
                      {r.recipient.name}
                      <br />
                    </>
                  ) : null}
                  <span className="muted">{r.recipient.email}</span>
                </td>
              ) : null}
              <td>{t(`kinds.${r.kind}.label`)}</td>
              <td>
                <span className={r.retrying ? "badge badge--bad" : BADGE[r.status]}>{t(r.retrying ? "status.RETRYING" : `status.${r.status}`)}</span>
                {r.retrying ? <div className="muted">{t("manage.nextAttempt", { date: when(r.nextAttemptAt) })}</div> : null}
              </td>
              <td>{r.sentAt ? when(r.sentAt) : "—"}</td>
              <td>{r.attempts}</td>
              <td>{r.lastError ? <span className="delivery-error">{r.lastError}</span> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
