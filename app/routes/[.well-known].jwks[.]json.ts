// The platform's public keys for credentials (current and earlier ones), as a JWKS.
import { getKeySet } from "~/certificates/keys.server";

export async function loader() {
  const { verification } = await getKeySet();
  return new Response(JSON.stringify({ keys: verification }, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/jwk-set+json",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
