// The verification as JSON, for machines: the same claims as the page /verify/<id>. Public.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { verificationJson } from "~/certificates/verification.server";
import { translatorFor } from "~/i18n/translate.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { locale } = await translatorFor(request, "certificates");
  return verificationJson(params.id ?? "", locale);
}
