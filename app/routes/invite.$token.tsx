// The page an invitation link opens: a newcomer sets their name and password; a person who already has
// an account signs in and accepts. The token in the URL is the only key (only its hash is stored).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, notFound, requireUser } from "~/auth/guards.server";
import { allows, RULES } from "~/auth/permissions";
import { endSession, getAuth, startSession } from "~/auth/session.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "~/auth/password-policy.server";
import { Field } from "~/ui/Field";
import { formValues, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { localeNames, supportedLocales } from "~/i18n/config";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate } from "~/i18n/format";
import { acceptInvitation, findInvitation } from "~/organizations/invitations.server";
import { acceptNewAccountSchema } from "~/organizations/forms";
import { orgName } from "~/organizations/names";
import manageStyles from "~/organizations/ui/manage.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: manageStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: "robots", content: "noindex" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t, locale } = await translatorFor(request, "organizations");
  const invitation = await findInvitation(params.token ?? "");
  const user = await getOptionalUser(request);
  if (!invitation || invitation.state !== "pending") {
    // 404 for a link that never existed, 410 for one that was used, revoked or has expired
    return data(
      { title: t("accept.invalidTitle"), locale, state: invitation?.state ?? "invalid", invitation: null, signedInAs: null, passwordMin: PASSWORD_MIN, passwordMax: PASSWORD_MAX },
      { status: invitation ? 410 : 404 },
    );
  }
  return {
    title: t("accept.title", { name: orgName(invitation.organization, locale) }),
    locale,
    state: "pending" as const,
    invitation: {
      email: invitation.email,
      name: invitation.name,
      role: invitation.role,
      organization: orgName(invitation.organization, locale),
      expiresAt: invitation.expiresAt.toISOString(),
      accountExists: invitation.accountExists,
    },
    signedInAs: user?.email ?? null,
    path: new URL(request.url).pathname,
    passwordMin: PASSWORD_MIN,
    passwordMax: PASSWORD_MAX,
  };
}

function destination(invitation: NonNullable<Awaited<ReturnType<typeof findInvitation>>>) {
  const { kind, slug } = invitation.organization;
  if (allows(RULES.manage, kind, invitation.role)) return `/manage/${slug}`;
  return "/learning";
}

export async function action({ request, params }: ActionFunctionArgs) {
  const token = params.token ?? "";
  const invitation = await findInvitation(token);
  if (!invitation || invitation.state !== "pending") throw notFound();
  const formData = await readFormData(request);
  if (formData.get("intent") === "join") {
    const user = await requireUser(request);
    const result = await acceptInvitation(token, { signedIn: { id: user.id, email: user.email } });
    if (!result) throw notFound();
    if (!result.ok) return data({ errors: result.errors, values: {} as Record<string, string> }, { status: 400 });
    return redirect(destination(invitation));
  }
  const values = formValues(formData, ["name", "locale"]);
  const parsed = parseForm(acceptNewAccountSchema, formData);
  if (!parsed.ok) return data({ errors: parsed.errors, values }, { status: 400 });
  const result = await acceptInvitation(token, parsed.data);
  if (!result) throw notFound();
  if (!result.ok) return data({ errors: result.errors, values }, { status: 400 });
  const headers = new Headers();
  if ((await getAuth(request)).session) await endSession(request);
  headers.append("Set-Cookie", await startSession(result.userId));
  const to = destination(invitation);
  return redirect(`${to}${to.includes("?") ? "&" : "?"}lng=${parsed.data.locale}`, { headers });
}

export default function AcceptInvitation() {
  const { t } = useTranslation("organizations");
  const loaded = useLoaderData<typeof loader>();
  const { state, invitation, signedInAs, locale, passwordMin, passwordMax } = loaded;
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.errors;
  const values: Partial<Record<string, string>> = result?.values ?? {};
  if (state !== "pending" || !invitation) {
    return (
      <div className="narrow">
        <h1>{t("accept.invalidTitle")}</h1>
        <p>{t(`accept.invalid.${state}`)}</p>
        <p>
          <Link to="/">{t("errors:backHome")}</Link>
        </p>
      </div>
    );
  }
  const here = "path" in loaded ? loaded.path : "/";
  return (
    <div className="narrow stack">
      <h1>{t("accept.heading", { name: invitation.organization })}</h1>
      <p>{t("accept.intro", { email: invitation.email, role: t(`roles.${invitation.role}`), date: formatDate(invitation.expiresAt, locale) })}</p>
      <FormFailure errors={errors} />
      {invitation.accountExists ? (
        signedInAs?.toLowerCase() === invitation.email.toLowerCase() ? (
          <Form method="post" className="card">
            <input type="hidden" name="intent" value="join" />
            <p>{t("accept.joinExplain")}</p>
            <button type="submit" className="button" disabled={busy}>
              {t("accept.join")}
            </button>
          </Form>
        ) : signedInAs ? (
          <Alert tone="notice" quiet>
            {t("accept.signedInAsOther", { email: signedInAs, invited: invitation.email })}
          </Alert>
        ) : (
          <p className="card">
            {t("accept.signInFirst")}{" "}
            <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("accept.signIn")}</Link>
          </p>
        )
      ) : (
        <Form method="post" className="card" noValidate>
          <input type="hidden" name="intent" value="create" />
          <Field name="name" label={t("auth:fields.name")} autoComplete="name" defaultValue={values.name ?? invitation.name ?? ""} errors={errors} required />
          <Field name="locale" label={t("auth:fields.locale")} defaultValue={values.locale ?? locale} errors={errors}>
            {supportedLocales.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {localeNames[lng]}
              </option>
            ))}
          </Field>
          <Field
            name="password"
            type="password"
            label={t("auth:fields.password")}
            autoComplete="new-password"
            hint={t("auth:passwordHint", { min: passwordMin, max: passwordMax })}
            errors={errors}
            required
          />
          <button type="submit" className="button" disabled={busy}>
            {t("accept.create")}
          </button>
        </Form>
      )}
    </div>
  );
}
