// The signed credential as Open Badges 3.0 says a JWT-secured credential is exchanged: the compact
// JWS itself, as stored when the certificate was issued (docs/certificates.md).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { CREDENTIAL_MEDIA_TYPE } from "~/certificates/credential.server";
import { certificateForDownload, downloadHeaders } from "~/certificates/downloads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c } = await certificateForDownload(request, params.id);
  return new Response(c.credential, { headers: downloadHeaders(CREDENTIAL_MEDIA_TYPE, `certificate-${c.id}.jwt`) });
}
