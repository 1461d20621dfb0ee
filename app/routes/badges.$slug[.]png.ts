// A course's badge image: the achievement.image of its credentials. Public (a verifier or wallet
// shows it without an account) and the same for every version; unknown courses get a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { courseBadgePng, PNG_MEDIA_TYPE } from "~/certificates/badge.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = (params.slug ?? "").slice(0, 200);
  const png = await courseBadgePng(slug);
  if (!png) throw notFound();
  return new Response(new Uint8Array(png), {
    headers: { "Content-Type": PNG_MEDIA_TYPE, "Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*" },
  });
}
