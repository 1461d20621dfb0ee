import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { registerSchema } from "~/auth/forms";
import { requestRegistration } from "~/auth/registration.server";
import { getAuth } from "~/auth/session.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-policy.server";
import { Field, useResetKey } from "~/ui/Field";
import { fail, formValues, parseForm, readFormData, type Failure } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
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
  const values = formValues(formData, ["name", "email", "locale"]);
  const parsed = parseForm(registerSchema, formData);
  if (!parsed.ok) return data({ sent: null, errors: parsed.errors, values }, { status: 400 });
  const answer = await requestRegistration({ ...parsed.data, ip: context.clientIp ?? "unknown" });
  if (answer.status === "throttled") return data({ sent: null, ...fail("tooMany.body"), values }, { status: 429 });
  if (answer.status === "invalid") return data({ sent: null, ok: false as const, errors: answer.errors, values }, { status: 400 });
  // the same answer whether the address has an account or not (app/auth/registration.server.ts)
  return data({ sent: { email: parsed.data.email }, errors: [] as Failure[], values: {} as Record<string, string> });
}

export default function Register() {
  const { t } = useTranslation("auth");
  const { locale, passwordMin, passwordMax } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resetKey = useResetKey(actionData);
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  const values: Partial<Record<string, string>> = actionData?.values ?? {};
  if (actionData?.sent) {
    return (
      <div className="narrow">
        <h1>{t("register.sentTitle")}</h1>
        <Alert tone="success" as="div">
          <p>{t("register.sent")}</p>
          <p>
            <strong>
              <bdi dir="ltr">{actionData.sent.email}</bdi>
            </strong>
          </p>
        </Alert>
        <p className="muted">{t("register.sentHelp")}</p>
        <p>
          <Link to="/login">{t("forgot.backToLogin")}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow">
      <h1>{t("register.title")}</h1>
      <p className="muted">{t("register.intro")}</p>
      <FormFailure errors={errors} />
      <Form method="post" className="card" noValidate reloadDocument>
        <Field name="name" label={t("fields.name")} autoComplete="name" defaultValue={values.name} errors={errors} required />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="email"
          defaultValue={values.email}
          errors={errors}
          required
        />
        <Field
          name="locale"
          label={t("fields.locale")}
          defaultValue={values.locale ?? locale}
          errors={errors}
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
          errors={errors}
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
