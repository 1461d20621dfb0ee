import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { forgotPasswordSchema } from "~/auth/forms";
import { requestPasswordReset } from "~/auth/password-reset.server";
import { Field } from "~/ui/Field";
import { fail, formValues, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { getLocale } from "~/i18n/locale.server";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await translatorFor(request, "auth");
  return { title: t("forgot.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const values = formValues(formData, ["email"]);
  const parsed = parseForm(forgotPasswordSchema, formData);
  if (!parsed.ok) return data({ sent: false, errors: parsed.errors, values }, { status: 400 });
  const outcome = await requestPasswordReset({
    email: parsed.data.email,
    ip: context.clientIp ?? "unknown",
    locale: await getLocale(request),
  });
  if (outcome === "throttled") {
    return data({ sent: false, ...fail("tooMany.body"), values }, { status: 429 });
  }
  // the same answer for every address: it does not tell whether an account exists
  return data({ sent: true, errors: [], values: {} });
}

export default function ForgotPassword() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  const values: Partial<Record<string, string>> = actionData?.values ?? {};
  return (
    <div className="narrow">
      <h1>{t("forgot.title")}</h1>
      {actionData?.sent ? (
        <Alert tone="success">{t("forgot.sent")}</Alert>
      ) : (
        <>
          <p className="muted">{t("forgot.intro")}</p>
          <FormFailure errors={errors} />
          <Form method="post" className="card" noValidate>
            <Field name="email" type="email" label={t("fields.email")} autoComplete="username" defaultValue={values.email} errors={errors} required />
            <button type="submit" className="button" disabled={busy}>
              {t("forgot.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        <Link to="/login">{t("forgot.backToLogin")}</Link>
      </p>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["auth"] };
