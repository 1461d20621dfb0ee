// What "Send again" did, shown above the list it was pressed in (manager's delivery page, admin outbox).
import { useTranslation } from "react-i18next";
import { Alert } from "~/ui/Alert";

export type ResendOutcomeData = { ok: true; resent: boolean } | { ok: false; error: string };

export function ResendOutcome({ outcome }: { outcome: ResendOutcomeData | undefined }) {
  const { t } = useTranslation("notifications");
  if (!outcome) return null;
  if (!outcome.ok)
    return (
      <Alert tone="error" as="div">
        {t(outcome.error)}
      </Alert>
    );
  return (
    <Alert tone="success" as="div">
      {t(outcome.resent ? "resend.done" : "resend.already")}
    </Alert>
  );
}
