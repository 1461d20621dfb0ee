// A person's private calendar feed: /calendar/<token>.ics (docs/integrations.md). No session: calendar
// apps fetch it on their own; the secret address is the key. Unknown, renewed or removed → 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { calendarForToken } from "~/calendar/feed.server";

export async function loader({ params }: LoaderFunctionArgs) {
  const token = (params.token ?? "").replace(/\.ics$/, "");
  const body = await calendarForToken(token);
  if (body === null) throw notFound();
  return new Response(body, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="rights-academy.ics"',
      // the address is a secret: not kept by shared caches, not passed on as a Referer, not indexed
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex",
    },
  });
}
