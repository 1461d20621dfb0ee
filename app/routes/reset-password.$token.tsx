import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { resetPasswordSchema } from "~/auth/forms";
import { findResetToken, resetPassword } from "~/auth/password-reset.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-policy.server";
import { Field, useResetKey } from "~/ui/Field";
import { failureOf, parseForm, readFormData } from "~/http/forms";
import { Alert } from "~/ui/Alert";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  // The token is in the address: no Referer to other sites. Not "no-referrer": under it the browser
  // sends "Origin: null" with every later POST of this document (Remix navigates without reloading),
  // and app/http/origin.ts rightly refuses those (the next sign-in answered "Forbidden").
  { name: "referrer", content: "same-origin" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await translatorFor(request, "auth");
  const valid = (await findResetToken(params.token)) !== null;
  return data(
    { title: t("reset.title"), valid, passwordMin: PASSWORD_MIN, passwordMax: PASSWORD_MAX },
    { status: valid ? 200 : 404, headers: { "Referrer-Policy": "same-origin", "Cache-Control": "no-store" } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = parseForm(resetPasswordSchema, await readFormData(request));
  if (!parsed.ok) return data({ errors: parsed.errors }, { status: 400 });
  const result = await resetPassword(params.token, parsed.data.password);
  if (!result.ok) return data({ errors: result.errors }, { status: failureOf(result.errors) ? 404 : 400 });
  return redirect("/login?reset=done");
}

export default function ResetPassword() {
  const { t } = useTranslation("auth");
  const { valid, passwordMin, passwordMax } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const resetKey = useResetKey(actionData);
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  // the only refusal about the whole form: the link is void
  const invalid = !valid || failureOf(errors) !== undefined;
  return (
    <div className="narrow">
      <h1>{t("reset.title")}</h1>
      {invalid ? (
        <>
          <Alert tone="error">{t("errors:reset.invalidLink")}</Alert>
          <p>
            <Link to="/forgot-password">{t("reset.askAgain")}</Link>
          </p>
        </>
      ) : (
        <Form method="post" className="card" noValidate>
          <Field
            key={`password-${resetKey}`}
            name="password"
            type="password"
            label={t("reset.newPassword")}
            autoComplete="new-password"
            hint={t("passwordHint", { min: passwordMin, max: passwordMax })}
            errors={errors}
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {t("reset.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
