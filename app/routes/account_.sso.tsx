// A signed-in person connects their account to their municipality's single sign-on: the way for an
// account that existed before the municipality turned it on (an SSO sign-in never takes over an
// account by email alone; docs/sso.md).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { listSsoOrganizations } from "~/auth/sso/config.server";
import { emailDomain } from "~/auth/sso/domains";
import { ssoLinksOf } from "~/auth/sso/link.server";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { Alert } from "~/ui/Alert";
import { orgName } from "~/organizations/names";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await translatorFor(request, "auth");
  const [{ identities, memberOf: mine }, organizations] = await Promise.all([ssoLinksOf(user.id), listSsoOrganizations()]);
  const linked = new Set(identities.map((i) => i.organization.slug));
  const domain = emailDomain(user.email);
  return {
    title: t("ssoAccount.title"),
    locale,
    identities: identities.map((i) => ({ name: orgName(i.organization, locale), createdAt: i.createdAt.toISOString() })),
    available: organizations
      .filter((o) => !linked.has(o.slug) && (mine.has(o.slug) || (domain !== null && o.domains.includes(domain))))
      .map((o) => ({ name: orgName(o, locale), href: `/sso/${o.slug}/start?link=1` })),
  };
}

export default function AccountSso() {
  const { t } = useTranslation("auth");
  const { locale, identities, available } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  return (
    <div className="narrow stack">
      <p>
        <Link to="/account">{t("ssoAccount.back")}</Link>
      </p>
      <h1>{t("ssoAccount.title")}</h1>
      {params.get("linked") === "1" ? (
        <Alert tone="success" as="div">
          {t("ssoAccount.linked")}
        </Alert>
      ) : null}
      <p className="prose">{t("ssoAccount.intro")}</p>
      {identities.length > 0 ? (
        <ul>
          {identities.map((i) => (
            <li key={i.name}>{t("ssoAccount.connected", { name: i.name, date: formatDate(i.createdAt, locale) })}</li>
          ))}
        </ul>
      ) : (
        <p>{t("ssoAccount.none")}</p>
      )}
      {available.length > 0 ? (
        <ul>
          {available.map((o) => (
            <li key={o.href}>
              <Link to={o.href} reloadDocument>
                {t("ssoAccount.connect", { name: o.name })}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
