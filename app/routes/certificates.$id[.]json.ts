// The signed credential's claims as readable JSON (the decoded payload of the .jwt, not signed by
// itself: for people and for debugging; verifiers take the .jwt).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { decodePayload } from "~/certificates/credential.server";
import { certificateForDownload, downloadHeaders } from "~/certificates/downloads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c } = await certificateForDownload(request, params.id);
  return new Response(JSON.stringify(decodePayload(c.credential), null, 2) + "\n", {
    headers: downloadHeaders("application/json; charset=utf-8", `certificate-${c.id}.json`),
  });
}
