// The revocation list (W3C Bitstring Status List credential, compact JWS) that every credential's
// credentialStatus points at. Public; never cached for long, since a revocation changes it.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { getKeySet } from "~/certificates/keys.server";
import { publishedStatusList } from "~/certificates/status-list.server";
import { publicOrigin } from "~/http/public-origin.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const asked = params.list ?? "";
  const list = /^[1-9][0-9]{0,8}$/.test(asked) ? Number(asked) : NaN;
  const jws = Number.isNaN(list) ? null : await publishedStatusList(list, (await getKeySet()).signing, publicOrigin());
  if (!jws) throw notFound();
  return new Response(jws, {
    headers: { "Content-Type": "application/vc+jwt", "Cache-Control": "no-cache", "Access-Control-Allow-Origin": "*" },
  });
}
