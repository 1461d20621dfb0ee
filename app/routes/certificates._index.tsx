import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { listCertificatesOf } from "~/certificates/certificates.server";
import { CertificateStateBadge } from "~/components/CertificateStateBadge";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import stylesheet from "~/styles/certificates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await translatorFor(request, "certificates");
  const certificates = await listCertificatesOf(user.id, locale);
  return { title: t("list.title"), locale, certificates };
}

export default function MyCertificates() {
  const { t } = useTranslation("certificates");
  const { certificates, locale } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("list.title")}</h1>
      <p className="muted">{t("list.intro")}</p>
      {certificates.length === 0 ? (
        <div className="card stack">
          <p>{t("list.empty")}</p>
          <p>
            <Link to="/courses" className="button">
              {t("list.browse")}
            </Link>
          </p>
        </div>
      ) : (
        <ul className="certificate-list" aria-label={t("list.title")}>
          {certificates.map((c) => (
            <li key={c.id} className="card">
              <h2 className="certificate-list__title">
                <Link to={`/certificates/${c.id}`} aria-label={t("list.open", { course: c.courseTitle })}>
                  {c.courseTitle}
                </Link>
              </h2>
              <p className="muted">{c.issuerName}</p>
              <p className="row">
                <CertificateStateBadge state={c.state} />
                <span>{t("list.issued", { date: formatDate(c.issuedAt, locale) })}</span>
                {c.expiresAt ? (
                  <span>{t(c.state === "expired" ? "list.expired" : "list.expires", { date: formatDate(c.expiresAt, locale) })}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["certificates"] };
