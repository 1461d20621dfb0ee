import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { deviceCookie } from "~/auth/device.server";
import { confirmRegistration, findPendingRegistration } from "~/auth/registration.server";
import { endSession, getAuth, startSession } from "~/auth/session.server";
import { translatorFor } from "~/i18n/translate.server";
import { Alert } from "~/ui/Alert";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  // The token is in the address: no Referer to other sites. Not "no-referrer": under it the browser
  // sends "Origin: null" with every later POST of this document (Remix navigates without reloading),
  // and app/http/origin.ts rightly refuses those (the next sign-in answered "Forbidden").
  { name: "referrer", content: "same-origin" },
];

const privateHeaders = { "Referrer-Policy": "same-origin", "Cache-Control": "no-store" };

// Opening the link only shows a button: mail scanners (Microsoft Defender's Safe Links and the like)
// open every link of an email, and must not use up the link or create the account.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await translatorFor(request, "auth");
  const row = await findPendingRegistration(params.token);
  return data(
    { title: t("registerConfirm.title"), pending: row ? { name: row.name, email: row.email } : null },
    { status: row ? 200 : 404, headers: privateHeaders },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await confirmRegistration(params.token);
  if (!result.ok) {
    return data({ errors: result.errors }, { status: result.errors.some((e) => e.key === "email.taken") ? 409 : 404, headers: privateHeaders });
  }
  const headers = new Headers();
  // whoever was signed in on this browser before is signed out: the new account takes over
  if ((await getAuth(request)).session) headers.append("Set-Cookie", await endSession(request));
  // the browser that created the account keeps its own sign-in allowance (docs/security.md)
  headers.append("Set-Cookie", await deviceCookie(result.email, null));
  headers.append("Set-Cookie", await startSession(result.userId));
  return redirect(`/learning?lng=${result.locale}`, { headers });
}

export default function ConfirmRegistration() {
  const { t } = useTranslation("auth");
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const error = actionData?.errors[0]?.key ?? (pending ? null : "registerConfirm.invalidLink");
  return (
    <div className="narrow">
      <h1>{t("registerConfirm.title")}</h1>
      {error ? (
        <>
          <Alert tone="error" as="div">
            {t(`errors:${error}`)}
          </Alert>
          <p>
            {error === "email.taken" ? <Link to="/login">{t("login.title")}</Link> : <Link to="/register">{t("registerConfirm.registerAgain")}</Link>}
          </p>
        </>
      ) : pending ? (
        <Form method="post" className="card">
          <p>{t("registerConfirm.intro")}</p>
          <dl>
            <dt>{t("fields.name")}</dt>
            <dd>{pending.name}</dd>
            <dt>{t("fields.email")}</dt>
            <dd>
              <bdi dir="ltr">{pending.email}</bdi>
            </dd>
          </dl>
          <button type="submit" className="button" disabled={busy}>
            {t("registerConfirm.submit")}
          </button>
        </Form>
      ) : null}
    </div>
  );
}
