// Platform administration: one municipality's OpenID Connect settings. The client secret is never
// sent back to the browser; an empty secret field keeps the stored one.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { notFound, requirePlatformAdmin } from "~/auth/guards.server";
import { listSsoSettings, removeSsoSettings, saveSsoSettings } from "~/auth/sso/config.server";
import { parseDomains } from "~/auth/sso/domains";
import { callbackUrl } from "~/auth/sso/flow.server";
import { Field } from "~/ui/Field";
import { formValues, parseForm, readFormData } from "~/http/forms";
import { Alert } from "~/ui/Alert";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

async function findOrg(slug: string | undefined) {
  const org = (await listSsoSettings()).find((o) => o.slug === slug);
  if (!org) throw notFound();
  return org;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const org = await findOrg(params.org);
  const { t } = await translatorFor(request, "admin");
  return { title: t("sso.editTitle", { name: org.name }), org, redirectUrl: callbackUrl(request) };
}

const httpsOrLoopback = (value: string) => {
  try {
    const url = new URL(value);
    return url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname));
  } catch {
    return false;
  }
};

const settingsSchema = z.object({
  issuer: z.string().trim().max(500).refine(httpsOrLoopback, "admin:sso.errors.issuer"),
  clientId: z.string().trim().min(1, "admin:sso.errors.clientId").max(500, "admin:sso.errors.clientId"),
  clientSecret: z.string().max(2000, "admin:sso.errors.clientSecret"),
  allowedDomains: z.string().max(5000, "admin:sso.errors.domains"),
  enabled: z.literal("on").optional(),
  passwordSignInDisabled: z.literal("on").optional(),
});

const FIELDS = ["issuer", "clientId", "allowedDomains"];

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const org = await findOrg(params.org);
  const form = await readFormData(request);
  const values = formValues(form, FIELDS);
  if (form.get("intent") === "remove") {
    await removeSsoSettings(admin.id, org.id);
    return redirect("/admin/sso");
  }
  const raw = formValues(form);
  const parsed = parseForm(settingsSchema, { clientSecret: "", allowedDomains: "", ...raw });
  const errors = parsed.ok ? [] : [...parsed.errors];
  const domains = parseDomains(raw.allowedDomains ?? "");
  if (!domains.ok && !errors.some((e) => e.field === "allowedDomains")) errors.push({ key: "admin:sso.errors.domains", field: "allowedDomains" });
  if (!parsed.ok || !domains.ok) return data({ errors, values }, { status: 400 });
  const result = await saveSsoSettings(admin.id, org.id, {
    issuer: parsed.data.issuer,
    clientId: parsed.data.clientId,
    clientSecret: parsed.data.clientSecret || null,
    allowedDomains: domains.domains,
    enabled: parsed.data.enabled === "on",
    passwordSignInDisabled: parsed.data.passwordSignInDisabled === "on",
  });
  if (!result) throw notFound();
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  return redirect(`/admin/sso/${org.slug}?saved=1`);
}

export default function AdminSsoOrg() {
  const { t } = useTranslation("admin");
  const { org, redirectUrl } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors;
  const values: Partial<Record<string, string>> = result?.values ?? {};
  const [params] = useSearchParams();
  const saved = params.get("saved") === "1";
  return (
    <div className="stack narrow">
      <p>
        <Link to="/admin/sso">{t("sso.back")}</Link>
      </p>
      <h1>{t("sso.editHeading", { name: org.name })}</h1>
      {saved && !result ? (
        <Alert tone="success">{t("sso.saved")}</Alert>
      ) : null}
      {org.sso && !org.sso.secretReadable ? (
        <Alert tone="error">{t("sso.secretUnreadable")}</Alert>
      ) : null}
      <p>
        {t("sso.redirectUrl")} <code dir="ltr">{redirectUrl}</code>
      </p>
      <Form method="post" className="card" noValidate>
        <input type="hidden" name="intent" value="save" />
        <Field name="issuer" type="url" label={t("sso.issuer")} hint={t("sso.issuerHint")} defaultValue={values.issuer ?? org.sso?.issuer} errors={errors} required />
        <Field name="clientId" label={t("sso.clientId")} defaultValue={values.clientId ?? org.sso?.clientId} errors={errors} required />
        <Field
          name="clientSecret"
          type="password"
          autoComplete="off"
          label={t("sso.clientSecret")}
          hint={org.sso ? t("sso.clientSecretKeep") : t("sso.clientSecretHint")}
          errors={errors}
          required={!org.sso}
        />
        <Field name="allowedDomains" label={t("sso.domains")} hint={t("sso.domainsHint")} defaultValue={values.allowedDomains ?? org.sso?.allowedDomains.join(", ")} errors={errors} required />
        <div className="field field--check">
          <input id="sso-enabled" name="enabled" type="checkbox" defaultChecked={org.sso ? org.sso.enabled : true} />
          <label htmlFor="sso-enabled">{t("sso.enabled")}</label>
        </div>
        <div className="field field--check">
          <input id="sso-password-off" name="passwordSignInDisabled" type="checkbox" defaultChecked={org.sso?.passwordSignInDisabled ?? false} aria-describedby="sso-password-off-hint" />
          <label htmlFor="sso-password-off">{t("sso.passwordOff")}</label>
          <span className="hint" id="sso-password-off-hint">
            {t("sso.passwordOffHint")}
          </span>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("sso.save")}
        </button>
      </Form>
      {org.sso ? (
        <Form method="post">
          <input type="hidden" name="intent" value="remove" />
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("sso.remove")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
