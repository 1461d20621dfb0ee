// Starts a single sign-on at the municipality's provider (app/auth/sso/flow.server.ts). With ?link=1 a
// signed-in person connects their account to the provider instead (from /account/sso).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guards.server";
import { safeRedirect } from "~/auth/forms";
import { loadSso } from "~/auth/sso/config.server";
import { beginSignIn } from "~/auth/sso/flow.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const org = await loadSso(params.org ?? "");
  if (!org) throw notFound();
  const url = new URL(request.url);
  const link = url.searchParams.get("link") === "1" ? (await requireUser(request)).id : null;
  try {
    const back = safeRedirect(url.searchParams.get("redirectTo"), link ? "/account/sso" : "/learning");
    const { url: to, setCookie } = await beginSignIn(request, org.slug, org, { link, back });
    return redirect(to, { headers: { "Set-Cookie": setCookie, "Cache-Control": "no-store" } });
  } catch (error) {
    // the provider cannot be reached or its discovery document is wrong
    console.warn(`single sign-on of ${org.slug} unavailable:`, (error as Error).message);
    return redirect(`/sso?error=sso.unavailable`);
  }
}
