import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { passwordChangeSchema, profileSchema } from "~/auth/forms";
import { changePassword, updateProfile } from "~/auth/accounts.server";
import { requireUser } from "~/auth/guards.server";
import { feedOf, feedUrl, removeFeed, renewFeed } from "~/calendar/feed.server";
import { startSession } from "~/auth/session.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-policy.server";
import { Field, useResetKey } from "~/ui/Field";
import { fail, formValues, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { localeCookie } from "~/i18n/locale.server";
import { localeNames, supportedLocales } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await translatorFor(request, "account");
  const feed = await feedOf(user.id);
  return {
    title: t("title"),
    locale,
    calendarFeedSince: feed?.createdAt.toISOString() ?? null,
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
    const values = formValues(formData, ["name", "locale"]);
    const parsed = parseForm(profileSchema, formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values, saved: false }, { status: 400 });
    await updateProfile(user.id, parsed.data);
    // The saved language becomes the language of the pages from now on; redirect so that the
    // next page is rendered with it (post/redirect/get).
    return redirect("/account?saved=profile", {
      headers: { "Set-Cookie": await localeCookie.serialize(parsed.data.locale) },
    });
  }
  if (intent === "password") {
    const parsed = parseForm(passwordChangeSchema, formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, values: {}, saved: false }, { status: 400 });
    const result = await changePassword(user.id, parsed.data.currentPassword, parsed.data.newPassword, context.clientIp ?? "unknown");
    if (!result.ok) {
      const status = result.errors.some((e) => e.key === "login.tooMany") ? 429 : 400;
      return data({ intent, errors: result.errors, values: {}, saved: false }, { status });
    }
    // Every session (other devices included) ended with the old password; this browser gets a new one.
    return data(
      { intent, errors: [], values: {}, saved: true },
      { headers: { "Set-Cookie": await startSession(user.id) } },
    );
  }
  if (intent === "calendar-renew") {
    // the address is shown once, in this answer: only its hash is kept
    const token = await renewFeed(user.id);
    return data({ intent, errors: [], values: {}, saved: true, feedUrl: feedUrl(token) });
  }
  if (intent === "calendar-remove") {
    await removeFeed(user.id);
    return data({ intent, errors: [], values: {}, saved: true });
  }
  return data({ intent: null, ...fail("form.unknownAction"), values: {}, saved: false }, { status: 400 });
}

export default function Account() {
  const { t } = useTranslation("account");
  const { user, passwordMin, passwordMax, profileSaved, calendarFeedSince, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const resetKey = useResetKey(result);
  const busy = useNavigation().state === "submitting";
  const profile = result?.intent === "profile" ? result : undefined;
  const password = result?.intent === "password" ? result : undefined;
  const profileErrors = profile?.errors;
  const passwordErrors = password?.errors;
  const profileValues: Partial<Record<string, string>> = profile?.values ?? {};
  return (
    <div className="narrow stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("signedInAs", { email: user.email })}</p>
      {result?.intent === null ? <FormFailure errors={result.errors} /> : null}
      <p>
        <Link to="/account/notifications">{t("notifications:page.preferencesLink")}</Link>
      </p>

      <section aria-labelledby="profile-heading">
        <h2 id="profile-heading">{t("profile.heading")}</h2>
        {profile?.saved || (profileSaved && !profile) ? (
          <Alert tone="success">{t("profile.saved")}</Alert>
        ) : null}
        {/* a document submission: a new language needs the page's strings reloaded */}
        <Form method="post" className="card" noValidate reloadDocument>
          <input type="hidden" name="intent" value="profile" />
          <Field name="name" label={t("auth:fields.name")} defaultValue={profileValues.name ?? user.name} errors={profileErrors} autoComplete="name" required />
          <Field name="locale" label={t("auth:fields.locale")} defaultValue={profileValues.locale ?? user.locale} errors={profileErrors}>
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
          <Alert tone="success">{t("password.saved")}</Alert>
        ) : null}
        <Form method="post" className="card" noValidate>
          <input type="hidden" name="intent" value="password" />
          <Field key={`currentPassword-${resetKey}`}
          name="currentPassword" type="password" label={t("password.current")} autoComplete="current-password" errors={passwordErrors} required />
          <Field
            key={`newPassword-${resetKey}`}
          name="newPassword"
            type="password"
            label={t("password.new")}
            autoComplete="new-password"
            hint={t("auth:passwordHint", { min: passwordMin, max: passwordMax })}
            errors={passwordErrors}
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {t("password.submit")}
          </button>
        </Form>
      </section>

      <CalendarFeed since={calendarFeedSince} locale={locale} result={result} busy={busy} />
    </div>
  );
}

function CalendarFeed({ since, locale, result, busy }: { since: string | null; locale: string; result: unknown; busy: boolean }) {
  const { t } = useTranslation("account");
  const outcome = result as { intent?: string; feedUrl?: string } | undefined;
  const fresh = outcome?.intent === "calendar-renew" ? outcome.feedUrl : undefined;
  return (
    <section aria-labelledby="calendar-heading">
      <h2 id="calendar-heading">{t("calendar.heading")}</h2>
      <p className="muted">{t("calendar.explain")}</p>
      {fresh ? (
        <Alert tone="success" as="div" className="stack">
          <p>{t("calendar.made")}</p>
          <label htmlFor="calendar-url">{t("calendar.address")}</label>
          <input id="calendar-url" type="text" readOnly value={fresh} dir="ltr" className="break" onFocus={(e) => e.currentTarget.select()} />
          <p>
            <a href={fresh.replace(/^https?:/, "webcal:")} dir="ltr">
              {t("calendar.subscribe")}
            </a>
          </p>
        </Alert>
      ) : null}
      {outcome?.intent === "calendar-remove" ? (
        <Alert tone="success" as="div">
          {t("calendar.removed")}
        </Alert>
      ) : null}
      {since && !fresh ? <p data-testid="calendar-since">{t("calendar.since", { date: formatDate(since, locale) })}</p> : null}
      <div className="row">
        <Form method="post">
          <input type="hidden" name="intent" value="calendar-renew" />
          <button type="submit" className="button" disabled={busy}>
            {since ? t("calendar.renew") : t("calendar.make")}
          </button>
        </Form>
        {since ? (
          <Form method="post">
            <input type="hidden" name="intent" value="calendar-remove" />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("calendar.remove")}
            </button>
          </Form>
        ) : null}
      </div>
      {since ? <p className="muted">{t("calendar.renewHelp")}</p> : null}
    </section>
  );
}
// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["account", "auth", "notifications"] };
