// Platform administration: the municipalities and academies, and creating one with its first
// manager (municipality) or author (academy), who is appointed by an invitation link.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { Field } from "~/components/Field";
import { keepValues, parseForm, type FieldErrors, readFormData } from "~/http/forms";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { createOrganization, listOrganizations } from "~/organizations/admin.server";
import { invitationLink } from "~/organizations/invitations.server";
import { organizationSchema } from "~/organizations/forms";
import manageStyles from "~/organizations/ui/manage.css";
import { TableWrap } from "~/ui/TableWrap";

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
  const values = keepValues(formData, FIELDS);
  const parsed = parseForm(organizationSchema, formData);
  if (!parsed.ok) return data({ ok: false as const, fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  const result = await createOrganization(admin.id, parsed.data);
  if (!result.ok) return data({ ok: false as const, fieldErrors: result.fieldErrors as FieldErrors, values }, { status: 400 });
  return data({ ok: true as const, email: result.email, slug: result.slug, link: invitationLink(result.token) });
}

export default function Admin() {
  const { t } = useTranslation("organizations");
  const { organizations, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result && !result.ok ? result.fieldErrors : {};
  const values: Partial<Record<string, string>> = result && !result.ok ? result.values : {};
  return (
    <div className="stack">
      <h1>{t("admin.heading")}</h1>
      {result?.ok ? (
        <section className="alert alert--success stack" aria-labelledby="created-heading">
          <h2 id="created-heading">{t("admin.created", { slug: result.slug })}</h2>
          <p>{t("admin.createdExplain", { email: result.email })}</p>
          <div className="field">
            <label htmlFor="admin-link">{t("admin.link")}</label>
            <input id="admin-link" className="invite-link" type="text" readOnly value={result.link} onFocus={(e) => e.currentTarget.select()} />
          </div>
        </section>
      ) : null}

      <section aria-labelledby="orgs-heading">
        <h2 id="orgs-heading">{t("admin.organizations")}</h2>
        <TableWrap labelledBy="orgs-heading">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("admin.kind")}</th>
                <th scope="col">{t("admin.slug")}</th>
                <th scope="col">{t("admin.members")}</th>
                <th scope="col">{t("columns.since")}</th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((o) => (
                <tr key={o.id}>
                  <th scope="row">{o.name}</th>
                  <td>{t(`admin.kinds.${o.kind}`)}</td>
                  <td>
                    <code>{o.slug}</code>
                  </td>
                  <td>{formatNumber(o.members, locale)}</td>
                  <td>{formatDate(o.createdAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="new-org-heading" className="narrow">
        <h2 id="new-org-heading">{t("admin.new")}</h2>
        <Form method="post" className="card" noValidate key={result?.ok ? result.slug : "form"}>
          <input type="hidden" name="intent" value="create" />
          <Field name="kind" label={t("admin.kind")} defaultValue={values.kind ?? "MUNICIPALITY"} error={errors.kind}>
            <option value="MUNICIPALITY">{t("admin.kinds.MUNICIPALITY")}</option>
            <option value="ACADEMY">{t("admin.kinds.ACADEMY")}</option>
          </Field>
          <Field name="name" label={t("columns.name")} defaultValue={values.name} error={errors.name} required />
          <Field name="slug" label={t("admin.slug")} hint={t("admin.slugHint")} defaultValue={values.slug} error={errors.slug} required />
          <div className="field">
            <label htmlFor="field-departments">{t("admin.departments")}</label>
            <span className="hint" id="field-departments-hint">
              {t("admin.departmentsHint")}
            </span>
            <textarea
              id="field-departments"
              name="departments"
              rows={4}
              defaultValue={values.departments}
              aria-describedby={["field-departments-hint", errors.departments ? "field-departments-error" : null].filter(Boolean).join(" ")}
              aria-invalid={errors.departments ? true : undefined}
            />
            {errors.departments ? (
              <p className="field-error" id="field-departments-error">
                {t(errors.departments, { ns: "errors" })}
              </p>
            ) : null}
          </div>
          <Field name="firstEmail" type="email" label={t("admin.firstEmail")} hint={t("admin.firstEmailHint")} defaultValue={values.firstEmail} error={errors.firstEmail} required />
          <Field name="firstName" label={t("admin.firstName")} defaultValue={values.firstName} error={errors.firstName} />
          <button type="submit" className="button" disabled={busy}>
            {t("admin.create")}
          </button>
        </Form>
      </section>
    </div>
  );
}
