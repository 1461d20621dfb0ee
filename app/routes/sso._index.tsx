// "Sign in with your organization": the person types their work email and is offered their
// municipality's sign-in, or picks it from the list. The way on is a link, not a form posting to the
// provider: a Content-Security-Policy form-action 'self' would stop a form that redirects off-site.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getAuth } from "~/auth/session.server";
import { safeRedirect } from "~/auth/forms";
import { findSsoOrganizationForEmail, listSsoOrganizations } from "~/auth/sso/config.server";
import { translatorFor } from "~/i18n/translate.server";
import { Alert } from "~/ui/Alert";
import { orgName } from "~/organizations/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  const { user } = await getAuth(request);
  if (user) throw redirect(safeRedirect(params.get("redirectTo")));
  const { t, locale } = await translatorFor(request, "auth");
  const email = (params.get("email") ?? "").trim().slice(0, 254);
  const match = email ? await findSsoOrganizationForEmail(email) : null;
  const redirectTo = params.get("redirectTo");
  const suffix = redirectTo ? `?redirectTo=${encodeURIComponent(safeRedirect(redirectTo))}` : "";
  return {
    title: t("sso.title"),
    email,
    match: match ? { name: orgName(match, locale), href: `/sso/${match.slug}/start${suffix}` } : null,
    organizations: (await listSsoOrganizations()).map((o) => ({ name: orgName(o, locale), href: `/sso/${o.slug}/start${suffix}` })),
    error: params.get("error"),
  };
}

export default function SsoPicker() {
  const { t } = useTranslation("auth");
  const { email, match, organizations, error } = useLoaderData<typeof loader>();
  const knownError = error && /^sso\.[a-zA-Z]+$/.test(error) ? error : null;
  return (
    <div className="narrow stack">
      <h1>{t("sso.title")}</h1>
      {knownError ? (
        <Alert tone="error" as="div">
          {t(`errors:${knownError}`)}
        </Alert>
      ) : null}
      <p className="prose">{t("sso.intro")}</p>
      <Form method="get" className="card">
        <div className="field">
          <label htmlFor="sso-email">{t("fields.email")}</label>
          <input id="sso-email" name="email" type="email" autoComplete="username" defaultValue={email} required />
        </div>
        <button type="submit" className="button">
          {t("sso.find")}
        </button>
      </Form>
      {email ? (
        match ? (
          <p role="status">
            <Link className="button" to={match.href} reloadDocument>
              {t("sso.continueWith", { name: match.name })}
            </Link>
          </p>
        ) : (
          <Alert tone="error" as="div">
            {t("sso.noMatch")}
          </Alert>
        )
      ) : null}
      {organizations.length > 0 ? (
        <section aria-labelledby="sso-orgs-heading">
          <h2 id="sso-orgs-heading">{t("sso.list")}</h2>
          <ul>
            {organizations.map((o) => (
              <li key={o.href}>
                <Link to={o.href} reloadDocument>
                  {o.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/login">{t("sso.back")}</Link>
      </p>
    </div>
  );
}
