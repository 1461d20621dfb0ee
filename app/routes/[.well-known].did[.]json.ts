// did:web document of the platform: the issuer id in credentials resolves here, and names the same
// keys as the JWKS (verification method id = did#kid).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { didWebFor } from "~/certificates/credential.server";
import { getKeySet } from "~/certificates/keys.server";
import { publicOrigin } from "~/http/public-origin.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const { verification } = await getKeySet();
  const did = didWebFor(publicOrigin());
  const methods = verification.map((key) => ({
    id: `${did}#${key.kid}`,
    type: "JsonWebKey",
    controller: did,
    publicKeyJwk: key,
  }));
  const document = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
  return new Response(JSON.stringify(document, null, 2) + "\n", {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
