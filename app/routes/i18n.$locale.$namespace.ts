import type { LoaderFunctionArgs } from "@remix-run/node";
import { isLocale, namespaces, type Namespace } from "~/i18n/config";
import { resourcesFor, resourcesVersion } from "~/i18n/resources.server";

// One namespace of one language's interface strings, for the browser: a hydrated page ships only the
// namespaces of its routes (app/root.tsx), and a client navigation to a page that needs another one
// fetches it here once (app/entry.client.tsx). Public, like the pages that show them. With the current
// fingerprint (?v=) the answer never changes, so the browser may keep it for a year.
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale, namespace } = params;
  if (!isLocale(locale) || !(namespaces as readonly string[]).includes(namespace ?? "")) {
    return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const current = new URL(request.url).searchParams.get("v") === resourcesVersion();
  return Response.json(resourcesFor(locale)[namespace as Namespace], {
    headers: { "Cache-Control": current ? "public, max-age=31536000, immutable" : "no-cache" },
  });
}
