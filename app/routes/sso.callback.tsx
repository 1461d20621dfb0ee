// Where the municipality's provider sends the browser back (docs/sso.md: the redirect URL to register
// is <PUBLIC_URL>/sso/callback). Every refusal is a translated page and creates nothing.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { endSession, getAuth, startSession } from "~/auth/session.server";
import { loadSso } from "~/auth/sso/config.server";
import { clearFlowCookie, finishSignIn, readFlow } from "~/auth/sso/flow.server";
import { resolveIdentity } from "~/auth/sso/link.server";
import { translatorFor } from "~/i18n/translate.server";
import { fail, type Failed } from "~/http/forms";
import { FormFailure } from "~/ui/Alert";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { t, locale } = await translatorFor(request, "auth");
  const headers = new Headers({ "Set-Cookie": await clearFlowCookie(), "Cache-Control": "no-store" });
  // every refusal has the form contract's shape: a Failure whose key is in "errors" (sso.*)
  const refuse = (refusal: Failed, link = false) => data({ title: t("sso.refusedTitle"), errors: refusal.errors, link }, { status: 400, headers });

  // no attempt started in this browser, expired, already used, or a state that is not ours
  const flow = await readFlow(request);
  if (!flow) return refuse(fail("sso.state"));
  const org = await loadSso(flow.org);
  if (!org) return refuse(fail("sso.unavailable"));
  const auth = await getAuth(request);
  if (flow.link && auth.user?.id !== flow.link) return refuse(fail("sso.state"));

  const exchange = await finishSignIn(request, org, flow);
  if (!exchange.ok) return refuse(exchange);
  const outcome = await resolveIdentity({ org, claims: exchange.claims, linkUserId: flow.link, locale });
  if (!outcome.ok) return refuse(outcome, outcome.errors.some((e) => e.key === "sso.emailTaken"));

  if (flow.link) return redirect(`${flow.back}${flow.back.includes("?") ? "&" : "?"}linked=1`, { headers });
  // a new session id at every sign-in (no session fixation)
  if (auth.session) await endSession(request);
  headers.append("Set-Cookie", await startSession(outcome.userId));
  return redirect(flow.back, { headers });
}

export default function SsoCallback() {
  const { t } = useTranslation("auth");
  const { errors, link } = useLoaderData<typeof loader>();
  return (
    <div className="narrow stack">
      <h1>{t("sso.refusedTitle")}</h1>
      <FormFailure errors={errors} />
      {link ? <p className="prose">{t("sso.linkExplain")}</p> : null}
      <p>
        <Link to="/login">{t("sso.back")}</Link>
      </p>
    </div>
  );
}
