// Email preferences: which reminders a person receives by email (invitations and assignments always).
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { PREFERENCE_KEYS } from "~/notifications/kinds";
import { preferencesFromForm } from "~/notifications/forms";
import { getPreferences, savePreferences } from "~/notifications/inbox.server";
import styles from "~/notifications/ui.css";
import { readFormData, fail, type Failure } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await translatorFor(request, "notifications");
  return { title: t("prefs.title"), preferences: await getPreferences(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await readFormData(request);
  if (formData.get("intent") !== "save") return data({ saved: false, ...fail("notifications:prefs.errors.invalid") }, { status: 400 });
  await savePreferences(user.id, preferencesFromForm(formData));
  return data({ saved: true, ok: true as const, errors: [] as Failure[] });
}

export default function NotificationPreferences() {
  const { t } = useTranslation("notifications");
  const { preferences } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow stack">
      <p>
        <Link to="/notifications">{t("prefs.back")}</Link>
      </p>
      <h1>{t("prefs.heading")}</h1>
      <p>{t("prefs.intro")}</p>
      {result?.saved ? (
        <Alert tone="success" as="div">
          {t("prefs.saved")}
        </Alert>
      ) : null}
      <FormFailure errors={result?.errors} />
      <Form method="post" className="card stack">
        <input type="hidden" name="intent" value="save" />
        <fieldset className="checks">
          <legend>{t("prefs.legend")}</legend>
          <p className="hint" id="always-hint">
            {t("prefs.always")}
          </p>
          {(["invitations", "assignments"] as const).map((k) => (
            <div className="check" key={k}>
              <input type="checkbox" id={`pref-${k}`} checked disabled aria-describedby="always-hint" />
              <label htmlFor={`pref-${k}`}>{t(`prefs.fields.${k}`)}</label>
            </div>
          ))}
          {PREFERENCE_KEYS.map((k) => (
            <div className="check" key={k}>
              <input type="checkbox" id={`pref-${k}`} name={k} defaultChecked={preferences[k]} />
              <label htmlFor={`pref-${k}`}>{t(`prefs.fields.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {t("prefs.save")}
        </button>
      </Form>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["notifications"] };
