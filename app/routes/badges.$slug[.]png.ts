// A course's badge image: the achievement.image of its credentials. Public (a verifier or wallet
// shows it without an account) and the same for every version; unknown courses get a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { badgePng, PNG_MEDIA_TYPE } from "~/certificates/badge.server";
import { getDb } from "~/db.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = (params.slug ?? "").slice(0, 200);
  const course = slug ? await (await getDb()).course.findUnique({ where: { slug }, select: { slug: true } }) : null;
  if (!course) throw notFound();
  return new Response(new Uint8Array(badgePng(course.slug)), {
    headers: { "Content-Type": PNG_MEDIA_TYPE, "Cache-Control": "public, max-age=86400", "Access-Control-Allow-Origin": "*" },
  });
}
