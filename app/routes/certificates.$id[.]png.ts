// The baked badge: the course's badge image with the signed credential inside (an iTXt chunk
// "openbadgecredential", Open Badges 3.0 baking), for backpacks and wallets that import images.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { badgePng, bakePng, PNG_MEDIA_TYPE } from "~/certificates/badge.server";
import { certificateForDownload, downloadHeaders } from "~/certificates/downloads.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c } = await certificateForDownload(request, params.id);
  const png = bakePng(badgePng(c.courseSlug), c.credential);
  return new Response(new Uint8Array(png), { headers: downloadHeaders(PNG_MEDIA_TYPE, `badge-${c.id}.png`) });
}
