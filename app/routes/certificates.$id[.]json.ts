// The signed credential (Open Badges 3.0, VC-JOSE-COSE), as stored when the certificate was issued,
// in a VC 2.0 EnvelopedVerifiableCredential. Holder, their managers, platform admins.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCertificateAccess } from "~/certificates/access.server";
import { envelope } from "~/certificates/credential.server";
import { certificateState } from "~/certificates/status";
import { translatorFor } from "~/i18n/translate.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c } = await requireCertificateAccess(request, params.id);
  if (certificateState(c) === "revoked") {
    // its signature would still check out offline: do not hand out a revoked credential again
    const { t } = await translatorFor(request, "certificates");
    return new Response(t("view.unavailableRevoked"), { status: 410, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  return new Response(JSON.stringify(envelope(c.credential), null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="certificate-${c.id}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
