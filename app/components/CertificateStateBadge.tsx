import { useTranslation } from "react-i18next";
import type { CertificateState } from "~/certificates/status";

const tone: Record<CertificateState, string> = { valid: "badge badge--ok", expired: "badge badge--warn", revoked: "badge badge--bad" };

export function CertificateStateBadge({ state }: { state: CertificateState }) {
  const { t } = useTranslation("certificates");
  return (
    <span className={tone[state]} data-state={state}>
      {t(`state.${state}`)}
    </span>
  );
}
