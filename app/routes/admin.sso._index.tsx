// Platform administration: which municipalities sign in with their own OpenID Connect provider.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { listSsoSettings } from "~/auth/sso/config.server";
import { callbackUrl } from "~/auth/sso/flow.server";
import { translatorFor } from "~/i18n/translate.server";
import { DataTable } from "~/ui/DataTable";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t } = await translatorFor(request, "admin");
  return { title: t("sso.title"), redirectUrl: callbackUrl(request), organizations: await listSsoSettings() };
}

export default function AdminSso() {
  const { t } = useTranslation("admin");
  const { redirectUrl, organizations } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("sso.heading")}</h1>
      <p className="prose">{t("sso.intro")}</p>
      <p>
        {t("sso.redirectUrl")} <code dir="ltr">{redirectUrl}</code>
      </p>
      <DataTable
        label={t("sso.heading")}
        rows={organizations}
        rowKey={(o) => o.id}
        columns={[
          { key: "organization", header: t("columns.organization"), rowHeader: true, cell: (o) => <Link to={`/admin/sso/${o.slug}`}>{o.name}</Link> },
          { key: "issuer", header: t("sso.issuer"), dir: "ltr", cell: (o) => o.sso?.issuer ?? "—" },
          { key: "domains", header: t("sso.domains"), dir: "ltr", cell: (o) => o.sso?.allowedDomains.join(", ") ?? "—" },
          {
            key: "status",
            header: t("columns.status"),
            cell: (o) =>
              !o.sso
                ? t("sso.states.off")
                : !o.sso.secretReadable
                  ? t("sso.states.secretUnreadable")
                  : !o.sso.enabled
                    ? t("sso.states.disabled")
                    : o.sso.passwordSignInDisabled
                      ? t("sso.states.ssoOnly")
                      : t("sso.states.on"),
          },
        ]}
      />
    </div>
  );
}
