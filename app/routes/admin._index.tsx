// Platform administration: the municipalities and academies, and creating one with its first
// manager (municipality) or author (academy), who is appointed by an invitation link.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { Field } from "~/ui/Field";
import { formValues, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { createOrganization, listOrganizations, updateOrganizationNames } from "~/organizations/admin.server";
import { orgName, ORG_NAME_MAX } from "~/organizations/names";
import { direction, localeNames, supportedLocales } from "~/i18n/config";
import { invitationLink } from "~/organizations/invitations.server";
import { organizationNamesSchema, organizationSchema } from "~/organizations/forms";
import manageStyles from "~/organizations/ui/manage.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: manageStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "organizations");
  return { title: t("admin.title"), locale, organizations: await listOrganizations() };
}

const FIELDS = ["kind", "name", "slug", "departments", "firstEmail", "firstName"];

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "names") {
    // the names of one organization, per language (app/organizations/names.ts)
    const organizationId = String(formData.get("organizationId") ?? "");
    const parsed = parseForm(organizationNamesSchema, formData);
    if (!parsed.ok) return data({ ok: false as const, intent: "names" as const, organizationId, errors: parsed.errors }, { status: 400 });
    const done = await updateOrganizationNames(admin.id, organizationId, parsed.data);
    if (!done.ok) return data({ ok: false as const, intent: "names" as const, organizationId, errors: done.errors }, { status: 404 });
    return data({ ok: true as const, intent: "names" as const, organizationId });
  }
  const values = formValues(formData, FIELDS);
  const parsed = parseForm(organizationSchema, formData);
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values }, { status: 400 });
  const result = await createOrganization(admin.id, parsed.data);
  if (!result.ok) return data({ ok: false as const, errors: result.errors, values }, { status: 400 });
  return data({ ok: true as const, email: result.email, slug: result.slug, link: invitationLink(result.token) });
}

export default function Admin() {
  const { t } = useTranslation("organizations");
  const { organizations, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const created = result && !("intent" in result) ? result : undefined;
  const renamed = result && "intent" in result ? result : undefined;
  const errors = created && !created.ok ? created.errors : undefined;
  const values: Partial<Record<string, string>> = created && !created.ok ? created.values : {};
  // the outcome of saving one organization's names is shown in its (opened) box and takes the focus
  useEffect(() => {
    if (renamed) document.getElementById(`names-status-${renamed.organizationId}`)?.focus();
  }, [renamed]);
  return (
    <div className="stack">
      <h1>{t("admin.heading")}</h1>
      {created?.ok ? (
        <Alert tone="success" as="section" quiet className="stack" labelledBy="created-heading">
          <h2 id="created-heading">{t("admin.created", { slug: created.slug })}</h2>
          <p>{t("admin.createdExplain", { email: created.email })}</p>
          <div className="field">
            <label htmlFor="admin-link">{t("admin.link")}</label>
            <input id="admin-link" className="invite-link" type="text" readOnly value={created.link} onFocus={(e) => e.currentTarget.select()} />
          </div>
        </Alert>
      ) : null}

      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">{t("admin.organizations")}</h2>
        <DataTable
          labelledBy="orgs-heading"
          rows={organizations}
          rowKey={(o) => o.id}
          columns={[
            { key: "name", header: t("columns.name"), rowHeader: true, cell: (o) => orgName(o, locale) },
            { key: "kind", header: t("admin.kind"), cell: (o) => t(`admin.kinds.${o.kind}`) },
            { key: "slug", header: t("admin.slug"), cell: (o) => <code>{o.slug}</code> },
            { key: "members", header: t("admin.members"), numeric: true, cell: (o) => formatNumber(o.members, locale) },
            { key: "since", header: t("columns.since"), cell: (o) => formatDate(o.createdAt, locale) },
          ]}
        />
      </section>

      <section aria-labelledby="names-heading" className="stack">
        <h2 id="names-heading">{t("admin.names.heading")}</h2>
        <p>{t("admin.names.intro")}</p>
        {organizations.map((o) => {
          const mine = renamed?.organizationId === o.id ? renamed : undefined;
          const refused = mine && !mine.ok ? mine.errors : undefined;
          return (
            <details key={o.id} className="card" open={Boolean(mine)}>
              <summary>{t("admin.names.edit", { name: orgName(o, locale) })}</summary>
              {mine?.ok ? (
                <Alert tone="success" focus id={`names-status-${o.id}`}>
                  {t("admin.names.saved")}
                </Alert>
              ) : (
                <FormFailure errors={refused} focus id={`names-status-${o.id}`} />
              )}
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="names" />
                <input type="hidden" name="organizationId" value={o.id} />
                <Field scope={`names-${o.id}`} name="name" label={t("admin.names.default")} defaultValue={o.name} errors={refused} required maxLength={ORG_NAME_MAX} />
                <div className="grid">
                  {supportedLocales.map((l) => (
                    <Field
                      key={l}
                      scope={`names-${o.id}`}
                      name={`name.${l}`}
                      label={t("admin.names.inLanguage", { language: localeNames[l] })}
                      lang={l}
                      dir={direction(l)}
                      defaultValue={o.names[l] ?? ""}
                      errors={refused}
                      maxLength={ORG_NAME_MAX}
                    />
                  ))}
                </div>
                <button type="submit" className="button button--secondary">
                  {t("admin.names.save")}
                  <span className="visually-hidden"> ({o.name})</span>
                </button>
              </Form>
            </details>
          );
        })}
      </section>

      <section aria-labelledby="new-org-heading" className="narrow">
        <h2 id="new-org-heading">{t("admin.new")}</h2>
        <Form method="post" className="card" noValidate key={created?.ok ? created.slug : "form"}>
          <input type="hidden" name="intent" value="create" />
          <Field name="kind" label={t("admin.kind")} defaultValue={values.kind ?? "MUNICIPALITY"} errors={errors}>
            <option value="MUNICIPALITY">{t("admin.kinds.MUNICIPALITY")}</option>
            <option value="ACADEMY">{t("admin.kinds.ACADEMY")}</option>
          </Field>
          <Field name="name" label={t("columns.name")} defaultValue={values.name} errors={errors} required />
          <Field name="slug" label={t("admin.slug")} hint={t("admin.slugHint")} defaultValue={values.slug} errors={errors} required />
          <Field name="departments" label={t("admin.departments")} hint={t("admin.departmentsHint")} rows={4} defaultValue={values.departments} errors={errors} />
          <Field name="firstEmail" type="email" label={t("admin.firstEmail")} hint={t("admin.firstEmailHint")} defaultValue={values.firstEmail} errors={errors} required />
          <Field name="firstName" label={t("admin.firstName")} defaultValue={values.firstName} errors={errors} />
          <button type="submit" className="button" disabled={busy}>
            {t("admin.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
