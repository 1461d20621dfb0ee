import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { registerSchema } from "~/auth/forms";
import { registerUser } from "~/auth/accounts.server";
import { registrationLimits, reserveAttempt } from "~/auth/rate-limit.server";
import { getAuth, startSession } from "~/auth/session.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-policy.server";
import { Field, useResetKey } from "~/components/Field";
import { keepValues, parseForm, readFormData } from "~/http/forms";
import { localeNames, supportedLocales } from "~/i18n/config";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  if (user) throw redirect("/learning");
  const { t, locale } = await translatorFor(request, "auth");
  return { title: t("register.title"), locale, passwordMin: PASSWORD_MIN, passwordMax: PASSWORD_MAX };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const values = keepValues(formData, ["name", "email", "locale"]);
  const parsed = parseForm(registerSchema, formData);
  if (!parsed.ok) return data({ fieldErrors: parsed.fieldErrors, values }, { status: 400 });
  // every attempt counts, taken address or not (docs/security.md)
  if (!(await reserveAttempt(registrationLimits({ ip: context.clientIp ?? "unknown" })))) {
    return data({ fieldErrors: { form: "tooMany.body" }, values }, { status: 429 });
  }
  const result = await registerUser(parsed.data);
  if (!result.ok) return data({ fieldErrors: { [result.field]: result.error }, values }, { status: 400 });
  return redirect(`/learning?lng=${parsed.data.locale}`, {
    headers: { "Set-Cookie": await startSession(result.value.id) },
  });
}

export default function Register() {
  const { t } = useTranslation("auth");
  const { locale, passwordMin, passwordMax } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resetKey = useResetKey(actionData);
  const busy = useNavigation().state === "submitting";
  const errors: Partial<Record<string, string>> = actionData?.fieldErrors ?? {};
  return (
    <div className="narrow">
      <h1>{t("register.title")}</h1>
      <p className="muted">{t("register.intro")}</p>
      {errors.form ? (
        <div className="alert alert--error" role="alert">
          {t(`errors:${errors.form}`)}
        </div>
      ) : null}
      <Form method="post" className="card" noValidate reloadDocument>
        <Field name="name" label={t("fields.name")} autoComplete="name" defaultValue={actionData?.values.name} error={errors.name} required />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          defaultValue={actionData?.values.email}
          error={errors.email}
          required
        />
        <Field
          name="locale"
          label={t("fields.locale")}
          defaultValue={actionData?.values.locale ?? locale}
          error={errors.locale}
        >
          {supportedLocales.map((lng) => (
            <option key={lng} value={lng} lang={lng}>
              {localeNames[lng]}
            </option>
          ))}
        </Field>
        <Field
          key={`password-${resetKey}`}
          name="password"
          type="password"
          label={t("fields.password")}
          autoComplete="new-password"
          hint={t("passwordHint", { min: passwordMin, max: passwordMax })}
          error={errors.password}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("register.submit")}
        </button>
      </Form>
      <p>
        {t("register.haveAccount")} <Link to="/login">{t("login.title")}</Link>
      </p>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["auth"] };
