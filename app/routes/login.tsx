import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { loginSchema, safeRedirect } from "~/auth/forms";
import { deviceCookie, readDeviceId } from "~/auth/device.server";
import { attemptSignIn } from "~/auth/sign-in.server";
import { endSession, getAuth, startSession } from "~/auth/session.server";
import { passwordSignInError } from "~/auth/sign-in-policy.server";
import { Field, useResetKey } from "~/ui/Field";
import { fail, formValues, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getAuth(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  const { t } = await translatorFor(request, "auth");
  return { title: t("login.title") };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const values = formValues(formData, ["email"]);
  const parsed = parseForm(loginSchema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const { email, password, redirectTo } = parsed.data;
  const ip = context.clientIp ?? "unknown";
  const deviceId = await readDeviceId(request, email);
  const result = await attemptSignIn({ email, password, ip, deviceId });
  if (result.status === "throttled") {
    return data({ ...fail("login.tooMany"), values }, { status: 429 });
  }
  if (result.status === "invalid") {
    return data({ ...fail("login.invalid"), values }, { status: 400 });
  }
  const { userId } = result;
  // a deactivated account, or a municipality whose members sign in with single sign-on only
  const refused = await passwordSignInError(userId);
  if (refused) return data({ ...fail(refused), values }, { status: 403 });
  const headers = new Headers();
  // this browser keeps its own sign-in allowance for this account from now on (docs/security.md)
  headers.append("Set-Cookie", await deviceCookie(email, deviceId));
  // A session that existed before sign-in is ended, and a new id issued (no session fixation).
  const { session } = await getAuth(request);
  if (session) await endSession(request);
  headers.append("Set-Cookie", await startSession(userId));
  return redirect(safeRedirect(redirectTo, "/learning"), { headers });
}

export default function Login() {
  const { t } = useTranslation("auth");
  const actionData = useActionData<typeof action>();
  const resetKey = useResetKey(actionData);
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors = actionData?.errors;
  return (
    <div className="narrow">
      <h1>{t("login.title")}</h1>
      {params.get("reset") === "done" && !actionData ? (
        <Alert tone="success">{t("reset.done")}</Alert>
      ) : null}
      <FormFailure errors={errors} />
      <Form method="post" className="card" noValidate reloadDocument>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field
          name="email"
          type="email"
          label={t("fields.email")}
          autoComplete="username"
          defaultValue={actionData?.values.email}
          errors={errors}
          required
        />
        <Field
          key={`password-${resetKey}`}
          name="password"
          type="password"
          label={t("fields.password")}
          autoComplete="current-password"
          errors={errors}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("login.forgot")}</Link>
        <Link to="/sso">{t("sso.title")}</Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to="/register">{t("register.title")}</Link>
      </p>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["auth"] };
