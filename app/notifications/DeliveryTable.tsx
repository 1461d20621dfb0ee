// Delivery status of notifications for managers: sent or not, when, and the last delivery error.
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import type { EmailStatus, NotificationKind } from "./kinds";
import { TableWrap } from "~/ui/TableWrap";

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
  return (
    <TableWrap label={t("manage.heading")}>
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
                {resend && r.status === "FAILED" ? <ResendButton id={r.id} kind={r.kind} /> : null}
              </td>
              <td>{r.sentAt ? when(r.sentAt) : "—"}</td>
              <td>{r.attempts}</td>
              <td>{r.lastError ? <span className="delivery-error">{r.lastError}</span> : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** A FAILED email's "Send again" form (works without JavaScript), or why an invitation has none. */
export function ResendButton({ id, kind }: { id: string; kind: NotificationKind }) {
  const { t } = useTranslation("notifications");
  if (kind === "INVITATION") return <div className="muted">{t("resend.renewInvitation")}</div>;
  return (
    <Form method="post" className="resend-form">
      <input type="hidden" name="intent" value="resend" />
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="button button--secondary">
        {t("resend.button")}
      </button>
    </Form>
  );
}
