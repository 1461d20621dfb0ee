// What "Send again" did, shown above the list it was pressed in (manager's delivery page, admin outbox).
import { useTranslation } from "react-i18next";
import type { Failed } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";

export type ResendOutcomeData = { ok: true; resent: boolean } | Failed;

export function ResendOutcome({ outcome }: { outcome: ResendOutcomeData | undefined }) {
  const { t } = useTranslation("notifications");
  if (!outcome) return null;
  if (!outcome.ok) return <FormFailure errors={outcome.errors} />;
  return (
    <Alert tone="success" as="div">
      {t(outcome.resent ? "resend.done" : "resend.already")}
    </Alert>
  );
}
