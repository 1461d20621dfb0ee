// The holder's downloads of the signed credential: the compact JWS (.jwt), a readable JSON view of
// its claims (.json) and the baked badge (.png). Holder, their managers, the issuing academy, platform
// admins (requireCertificateAccess); a revoked certificate is not handed out again (410), since its
// signature would still check out offline — a copy taken earlier shows revoked through its status list.
import { requireCertificateAccess } from "./access.server";
import { certificateState } from "./status";
import { translatorFor } from "~/i18n/translate.server";

export async function certificateForDownload(request: Request, id: string | undefined) {
  const { certificate } = await requireCertificateAccess(request, id);
  if (certificateState(certificate) === "revoked") {
    const { t } = await translatorFor(request, "certificates");
    throw new Response(t("view.unavailableRevoked"), { status: 410, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return { certificate };
}

export function downloadHeaders(contentType: string, filename: string): HeadersInit {
  return { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" };
}
