import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { verificationOf } from "~/certificates/verification.server";
import { CertificateStateBadge } from "~/components/CertificateStateBadge";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import stylesheet from "~/styles/certificates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  // a verification result is about a person: keep it out of search engines
  { name: "robots", content: "noindex" },
];

// Public: anyone with the link or QR code, no account. The database record is the truth.
// Machines get the same claims as JSON at /verify/<id>.json, which server.mjs also serves for this
// URL to a request that prefers JSON (app/http/json-alternate.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = await translatorFor(request, "certificates");
  const asked = (params.id ?? "").slice(0, 100);
  const now = new Date();
  // unknown and malformed ids alike: a clear answer (404), never an error page
  const certificate = await verificationOf(asked, locale, now);
  // the state can change at any time (revocation): never serve it from a cache; Vary, since the
  // same URL answers JSON to machines
  const headers = { "Cache-Control": "no-store", Vary: "Accept" };
  if (!certificate) {
    return data({ title: t("verify.notFound"), locale, asked, checkedAt: now.toISOString(), certificate: null }, { status: 404, headers });
  }
  return data({ title: t("verify.resultTitle"), locale, asked, checkedAt: now.toISOString(), certificate }, { headers });
}

export default function VerifyResult() {
  const { t } = useTranslation("certificates");
  const { certificate: c, asked, locale, checkedAt } = useLoaderData<typeof loader>();
  const date = (value: string) => formatDate(value, locale);
  if (!c) {
    return (
      <div className="narrow stack">
        <section className="card verify-result verify-result--unknown stack" aria-labelledby="result-heading">
          <h1 id="result-heading">{t("verify.notFound")}</h1>
          <p>{t("verify.notFoundBody", { id: asked })}</p>
        </section>
        <p>
          <Link to="/verify">{t("verify.anotherId")}</Link>
        </p>
      </div>
    );
  }
  const verdict =
    c.state === "valid"
      ? t("verify.valid")
      : c.state === "expired"
        ? t("verify.expired", { date: date(c.expiresAt!) })
        : t("verify.revoked", { date: date(c.revokedAt!) });
  return (
    <div className="stack">
      <section className={`card verify-result verify-result--${c.state} stack`} aria-labelledby="result-heading">
        <h1 id="result-heading">{t("verify.resultTitle")}</h1>
        <p className="row">
          <CertificateStateBadge state={c.state} />
          <strong data-testid="verdict">{verdict}</strong>
        </p>
        <h2>{t("verify.claims")}</h2>
        <dl className="claims">
          <dt>{t("fields.holder")}</dt>
          <dd data-testid="holder">{c.holderName}</dd>
          <dt>{t("fields.course")}</dt>
          <dd>
            {c.courseTitle} <span className="muted">({t("fields.version", { version: c.courseVersion })})</span>
          </dd>
          <dt>{t("fields.issuer")}</dt>
          <dd>{c.issuerName}</dd>
          <dt>{t("fields.issuedAt")}</dt>
          <dd>{date(c.issuedAt)}</dd>
          <dt>{t("fields.expiresAt")}</dt>
          <dd>{c.expiresAt ? date(c.expiresAt) : t("fields.noExpiry")}</dd>
          {c.revokedAt ? (
            <>
              <dt>{t("fields.revokedAt")}</dt>
              <dd>{date(c.revokedAt)}</dd>
            </>
          ) : null}
          <dt>{t("fields.id")}</dt>
          <dd>
            <code dir="ltr">{c.id}</code>
          </dd>
        </dl>
        <p className="muted">{t("verify.checkedAt", { date: date(checkedAt) })}</p>
      </section>
      <section aria-labelledby="offline-heading" className="stack">
        <h2 id="offline-heading">{t("verify.offline")}</h2>
        <p>{t("verify.offlineBody")}</p>
        <ul>
          <li>
            <a href="/.well-known/jwks.json">{t("verify.keys")}</a>
          </li>
          <li>
            <a href="/.well-known/did.json">{t("verify.did")}</a>
          </li>
        </ul>
      </section>
      <p>
        <Link to="/verify">{t("verify.anotherId")}</Link>
      </p>
    </div>
  );
}
