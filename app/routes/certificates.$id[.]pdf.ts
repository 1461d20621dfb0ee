// The certificate as a PDF, in ?lng= or the request's language. Holder, their managers, platform admins.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCertificateAccess } from "~/certificates/access.server";
import { courseTitleIn, issuerNameIn } from "~/certificates/certificates.server";
import { verificationUrl } from "~/certificates/credential.server";
import { MissingFontError } from "~/certificates/fonts.server";
import { publicOrigin } from "~/http/public-origin.server";
import { renderCertificatePdf } from "~/certificates/pdf.server";
import { certificateState } from "~/certificates/status";
import { translatorFor } from "~/i18n/translate.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c } = await requireCertificateAccess(request, params.id);
  const { t, locale } = await translatorFor(request, ["certificates", "common"]);
  const state = certificateState(c);
  if (state === "revoked") return new Response(t("certificates:view.unavailableRevoked"), { status: 410, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  try {
    const pdf = await renderCertificatePdf(
      {
        id: c.id,
        holderName: c.holderName,
        courseTitle: courseTitleIn(c, locale),
        courseVersion: c.courseVersion,
        issuerName: issuerNameIn(c, locale),
        issuedAt: c.issuedAt,
        expiresAt: c.expiresAt,
        state,
        verifyUrl: verificationUrl(publicOrigin(), c.id),
        platformName: t("common:appName"),
      },
      locale,
      t,
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="certificate-${c.id}-${locale}.pdf"`,
        "Content-Length": String(pdf.length),
        // personal data: never kept by shared caches
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof MissingFontError)) throw error;
    console.error(error.message);
    return new Response(t("certificates:errors.fontsMissing"), { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
