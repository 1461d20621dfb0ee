import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field } from "~/ui/Field";
import { fail } from "~/http/forms";
import { verifyLookupSchema } from "~/certificates/forms";
import { translatorFor } from "~/i18n/translate.server";
import stylesheet from "~/styles/certificates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// Public, no account: the form is a GET so that the result is a plain shareable URL.
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await translatorFor(request, "certificates");
  const raw = new URL(request.url).searchParams.get("id");
  if (raw !== null) {
    const { id } = verifyLookupSchema.parse({ id: raw });
    if (id) throw redirect(`/verify/${encodeURIComponent(id)}`);
    return { title: t("verify.title"), errors: fail("field.required", { field: "id" }).errors, value: raw };
  }
  return { title: t("verify.title"), errors: [], value: "" };
}

export default function VerifyForm() {
  const { t } = useTranslation("certificates");
  const { errors, value } = useLoaderData<typeof loader>();
  return (
    <div className="narrow stack">
      <h1>{t("verify.title")}</h1>
      <p>{t("verify.intro")}</p>
      <form method="get" action="/verify" className="card" noValidate>
        <Field name="id" label={t("verify.idLabel")} hint={t("verify.idHint")} defaultValue={value} errors={errors} autoComplete="off" required />
        <button type="submit" className="button">
          {t("verify.submit")}
        </button>
      </form>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["certificates"] };
