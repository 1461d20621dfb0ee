import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { requireCertificateAccess } from "~/certificates/access.server";
import { courseTitleIn, issuerNameIn, revokeCertificate } from "~/certificates/certificates.server";
import { verificationUrl } from "~/certificates/credential.server";
import { linkedInAddToProfileUrl } from "~/certificates/linkedin";
import { REASON_MAX, revokeSchema } from "~/certificates/forms";
import { publicOrigin } from "~/http/public-origin.server";
import { certificateState } from "~/certificates/status";
import { CertificateStateBadge } from "~/components/CertificateStateBadge";
import { formValues, parseForm, readFormData, type Failure } from "~/http/forms";
import { Alert } from "~/ui/Alert";
import { Field } from "~/ui/Field";
import { localeNames, supportedLocales } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import stylesheet from "~/styles/certificates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { certificate: c, access } = await requireCertificateAccess(request, params.id);
  const { t, locale } = await translatorFor(request, "certificates");
  const courseTitle = courseTitleIn(c, locale);
  const issuerName = issuerNameIn(c, locale);
  const verifyUrl = verificationUrl(publicOrigin(), c.id);
  const state = certificateState(c);
  const isHolder = access.kind === "holder";
  return {
    title: t("view.title", { course: courseTitle }),
    locale,
    certificate: {
      id: c.id,
      holderName: c.holderName,
      courseSlug: c.courseSlug,
      courseTitle,
      courseVersion: c.courseVersion,
      issuerName,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      revokedReason: c.revokedReason,
      state,
    },
    isHolder,
    canRevoke: access.canRevoke,
    verifyUrl,
    // only the holder adds it to their own profile, and only while it is valid: LinkedIn would keep
    // showing a revoked or expired certificate as earned
    linkedInUrl:
      isHolder && state === "valid"
        ? linkedInAddToProfileUrl({ name: courseTitle, organizationName: issuerName, issuedAt: c.issuedAt, expiresAt: c.expiresAt, certUrl: verifyUrl, certId: c.id })
        : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, certificate, access } = await requireCertificateAccess(request, params.id);
  // the holder (or anyone without the right) cannot revoke: same answer as for an unknown page
  if (!access.canRevoke) throw notFound();
  const formData = await readFormData(request);
  const parsed = parseForm(revokeSchema, formData);
  if (!parsed.ok) {
    return data({ errors: parsed.errors, values: formValues(formData, ["reason"]), outcome: null }, { status: 400 });
  }
  const { revoked } = await revokeCertificate({
    certificateId: certificate.id,
    actorId: user.id,
    organizationId: access.organizationId,
    reason: parsed.data.reason,
  });
  return data({ errors: [] as Failure[], values: {}, outcome: revoked ? ("done" as const) : ("already" as const) });
}

export default function CertificatePage() {
  const { t } = useTranslation("certificates");
  const { certificate: c, locale, canRevoke, verifyUrl, linkedInUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors;
  const values: Partial<Record<string, string>> = result?.values ?? {};
  const date = (value: string) => formatDate(value, locale);
  return (
    <div className="stack certificate-page">
      <p>
        <Link to="/certificates">{t("view.back")}</Link>
      </p>
      {result?.outcome ? (
        <Alert tone="success">{t(`revoke.${result.outcome}`)}</Alert>
      ) : null}
      <section className="card certificate-card stack" aria-labelledby="certificate-heading">
        <h1 id="certificate-heading">{t("view.heading")}</h1>
        <p>
          <CertificateStateBadge state={c.state} />
        </p>
        {c.state === "revoked" && c.revokedAt ? (
          <Alert tone="error" quiet>
            {t("view.revokedNotice", { date: date(c.revokedAt) })}
          </Alert>
        ) : null}
        {c.state === "expired" && c.expiresAt ? (
          <Alert tone="notice" quiet>
            {t("view.expiredNotice", { date: date(c.expiresAt) })}
          </Alert>
        ) : null}
        <p className="certificate-card__name">{c.holderName}</p>
        <p>
          <span className="certificate-card__course">{c.courseTitle}</span>
          <br />
          <span className="muted">{t("pdf.offeredBy", { academy: c.issuerName, version: c.courseVersion })}</span>
        </p>
        <dl className="claims">
          <dt>{t("fields.issuedAt")}</dt>
          <dd>{date(c.issuedAt)}</dd>
          <dt>{t("fields.expiresAt")}</dt>
          <dd>{c.expiresAt ? date(c.expiresAt) : t("fields.noExpiry")}</dd>
          <dt>{t("fields.id")}</dt>
          <dd>
            <code dir="ltr" data-testid="certificate-id">{c.id}</code>
          </dd>
          {c.revokedReason ? (
            <>
              <dt>{t("fields.revokedReason")}</dt>
              <dd>{c.revokedReason}</dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="share-heading" className="stack">
        <h2 id="share-heading">{t("view.share")}</h2>
        <p>{t("view.shareHelp")}</p>
        <p>
          <a href={`/verify/${c.id}`} dir="ltr" className="break">
            {verifyUrl}
          </a>
        </p>
        {linkedInUrl ? (
          <p>
            {/* a new tab: the person stays signed in here while LinkedIn asks them to sign in there */}
            <a href={linkedInUrl} className="button button--secondary" target="_blank" rel="noopener noreferrer" data-testid="linkedin-add">
              {t("view.addToLinkedIn")}
              <span className="visually-hidden"> {t("view.opensInNewTab")}</span>
            </a>
          </p>
        ) : null}
      </section>

      <section aria-labelledby="downloads-heading" className="stack">
        <h2 id="downloads-heading">{t("view.downloads")}</h2>
        {c.state === "revoked" ? (
          <p className="muted">{t("view.unavailableRevoked")}</p>
        ) : (
          <>
            {/* A plain GET form: the PDF opens in its language without any script. */}
            <form method="get" action={`/certificates/${c.id}.pdf`} className="row">
              <label htmlFor="pdf-language">{t("view.pdfLanguage")}</label>
              <select id="pdf-language" name="lng" defaultValue={locale}>
                {supportedLocales.map((lng) => (
                  <option key={lng} value={lng} lang={lng}>
                    {localeNames[lng]}
                  </option>
                ))}
              </select>
              <button type="submit" className="button">
                {t("view.downloadPdf")}
              </button>
            </form>
            <p className="row">
              <a href={`/certificates/${c.id}.jwt`} download={`certificate-${c.id}.jwt`} className="button button--secondary">
                {t("view.downloadCredential")}
              </a>
              <a href={`/certificates/${c.id}.json`} download={`certificate-${c.id}.json`}>
                {t("view.readCredential")}
              </a>
            </p>
            <p className="muted">{t("view.credentialHelp")}</p>
            <p className="row">
              <img src={`/badges/${encodeURIComponent(c.courseSlug)}.png`} alt="" width={64} height={64} />
              <a href={`/certificates/${c.id}.png`} download={`badge-${c.id}.png`} className="button button--secondary">
                {t("view.downloadBadge")}
              </a>
            </p>
            <p className="muted">{t("view.badgeHelp")}</p>
          </>
        )}
      </section>

      {canRevoke && c.state !== "revoked" ? (
        <section aria-labelledby="revoke-heading" className="stack">
          <h2 id="revoke-heading">{t("revoke.heading")}</h2>
          <p>{t("revoke.explain")}</p>
          <Form method="post" className="card" noValidate>
            <input type="hidden" name="intent" value="revoke" />
            <Field name="reason" label={t("revoke.reason")} hint={t("revoke.reasonHint")} rows={3} maxLength={REASON_MAX} required defaultValue={values.reason} errors={errors} />
            <button type="submit" className="button button--danger" disabled={busy}>
              {t("revoke.submit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["certificates"] };
