// What "Send again" did, shown above the list it was pressed in (manager's delivery page, admin outbox).
import { useTranslation } from "react-i18next";

export type ResendOutcomeData = { ok: true; resent: boolean } | { ok: false; error: string };

export function ResendOutcome({ outcome }: { outcome: ResendOutcomeData | undefined }) {
  const { t } = useTranslation("notifications");
  if (!outcome) return null;
  if (!outcome.ok)
    return (
      <div className="alert alert--error" role="alert">
        {t(outcome.error)}
      </div>
    );
  return (
    <div className="alert alert--success" role="status">
      {t(outcome.resent ? "resend.done" : "resend.already")}
    </div>
  );
}
