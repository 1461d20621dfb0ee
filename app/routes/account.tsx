import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { passwordChangeSchema, profileSchema } from "~/auth/forms";
import { changePassword, updateProfile } from "~/auth/accounts.server";
import { requireUser } from "~/auth/guards.server";
import { startSession } from "~/auth/session.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-policy.server";
import { Field, useResetKey } from "~/components/Field";
import { keepValues, parseForm, readFormData } from "~/http/forms";
import { localeCookie } from "~/i18n/locale.server";
import { localeNames, supportedLocales } from "~/i18n/config";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await translatorFor(request, "account");
  return {
    title: t("title"),
    user: { name: user.name, email: user.email, locale: user.locale },
    passwordMin: PASSWORD_MIN,
    passwordMax: PASSWORD_MAX,
    profileSaved: new URL(request.url).searchParams.get("saved") === "profile",
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (intent === "profile") {
    const values = keepValues(formData, ["name", "locale"]);
    const parsed = parseForm(profileSchema, formData);
    if (!parsed.ok) return data({ intent, fieldErrors: parsed.fieldErrors, values, saved: false }, { status: 400 });
    await updateProfile(user.id, parsed.data);
    // The saved language becomes the language of the pages from now on; redirect so that the
    // next page is rendered with it (post/redirect/get).
    return redirect("/account?saved=profile", {
      headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
    });
  }
  if (intent === "password") {
    const parsed = parseForm(passwordChangeSchema, formData);
    if (!parsed.ok) return data({ intent, fieldErrors: parsed.fieldErrors, values: {}, saved: false }, { status: 400 });
    const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, context.clientIp ?? "unknown");
    if (!result.ok) {
      const status = result.error === "login.tooMany" ? 429 : 400;
      return data({ intent, fieldErrors: { [result.field]: result.error }, values: {}, saved: false }, { status });
    }
    // Every session (other devices included) ended with the old password; this browser gets a new one.
    return data(
      { intent, fieldErrors: {}, values: {}, saved: true },
      { headers: { "Set-Cookie": await startSession(user.id) } },
    );
  }
  return data({ intent: null, fieldErrors: {}, values: {}, saved: false, error: "form.unknownAction" }, { status: 400 });
}

export default function Account() {
  const { t } = useTranslation("account");
  const { user, passwordMin, passwordMax, profileSaved } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const resetKey = useResetKey(result);
  const busy = useNavigation().state === "submitting";
  const profile = result?.intent === "profile" ? result : undefined;
  const password = result?.intent === "password" ? result : undefined;
  const profileErrors: Partial<Record<string, string>> = profile?.fieldErrors ?? {};
  const passwordErrors: Partial<Record<string, string>> = password?.fieldErrors ?? {};
  const profileValues: Partial<Record<string, string>> = profile?.values ?? {};
  return (
    <div className="narrow stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("signedInAs", { email: user.email })}</p>
      <p>
        <Link to="/account/notifications">{t("notifications:page.preferencesLink")}</Link>
      </p>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile.heading")}</h2>
        {profile?.saved || (profileSaved && !profile) ? (
          <div className="alert alert--success" role="status">
            {t("profile.saved")}
          </div>
        ) : null}
        {/* a document submission: a new language needs the page's strings reloaded */}
        <Form method="post" className="card" noValidate reloadDocument>
          <input type="hidden" name="intent" value="profile" />
          <Field name="name" label={t("auth:fields.name")} defaultValue={profileValues.name ?? user.name} error={profileErrors.name} autoComplete="name" required />
          <Field name="locale" label={t("auth:fields.locale")} defaultValue={profileValues.locale ?? user.locale} error={profileErrors.locale}>
            {supportedLocales.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {localeNames[lng]}
              </option>
            ))}
          </Field>
          <button type="submit" className="button" disabled={busy}>
            {t("profile.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">{t("password.heading")}</h2>
        <p className="muted">{t("password.explain")}</p>
        {password?.saved ? (
          <div className="alert alert--success" role="status">
            {t("password.saved")}
          </div>
        ) : null}
        <Form method="post" className="card" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field key={`currentPassword-${resetKey}`}
          name="currentPassword" type="password" label={t("password.current")} autoComplete="current-password" error={passwordErrors.currentPassword} required />
          <Field
            key={`newPassword-${resetKey}`}
          name="newPassword"
            type="password"
            label={t("password.new")}
            autoComplete="new-password"
            hint={t("auth:passwordHint", { min: passwordMin, max: passwordMax })}
            error={passwordErrors.newPassword}
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {t("password.submit")}
          </button>
        </Form>
      </section>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["account", "auth", "notifications"] };
