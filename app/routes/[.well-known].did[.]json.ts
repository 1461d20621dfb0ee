// did:web document of the platform. Its id is the credentials' issuer id and each key's id is the kid
// of the JWS headers (did:web:<host>#<thumbprint>): all three derive from publicOrigin(), so they
// cannot differ. Keys are JsonWebKey2020 verification methods, which common verifiers resolve.
import { didWebFor, keyDidUrl } from "~/certificates/credential.server";
import { getKeySet } from "~/certificates/keys.server";
import { publicOrigin } from "~/http/public-origin.server";

export async function loader() {
  const { verification } = await getKeySet();
  const origin = publicOrigin();
  const did = didWebFor(origin);
  const methods = verification.map((key) => ({
    id: keyDidUrl(origin, key.kid),
    type: "JsonWebKey2020",
    controller: did,
    publicKeyJwk: { kty: key.kty, crv: key.crv, x: key.x },
  }));
  const document = {
    "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"],
    id: did,
    verificationMethod: methods,
    assertionMethod: methods.map((m) => m.id),
  };
  return new Response(JSON.stringify(document, null, 2) + "\n", {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" },
  });
}
