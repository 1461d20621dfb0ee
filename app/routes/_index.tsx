import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { t } = await translatorFor(request);
  return { title: t("appName"), description: t("home.lead"), signedIn: Boolean(user), name: user?.name ?? null };
}

export default function Home() {
  const { t } = useTranslation();
  const { signedIn, name } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <section className="prose">
        <h1>{signedIn ? t("home.welcomeBack", { name }) : t("home.title")}</h1>
        <p className="lead">{t("home.lead")}</p>
        <div className="row">
          {signedIn ? (
            <>
              <Link className="button" to="/learning">{t("nav.myLearning")}</Link>
              <Link className="button button--secondary" to="/courses">{t("home.browse")}</Link>
            </>
          ) : (
            <>
              <Link className="button" to="/register">{t("home.start")}</Link>
              <Link className="button button--secondary" to="/courses">{t("home.browse")}</Link>
            </>
          )}
        </div>
      </section>
      <section aria-labelledby="for-whom">
        <h2 id="for-whom">{t("home.forWhom")}</h2>
        <div className="grid">
          {(["learners", "academies", "managers", "public"] as const).map((who) => (
            <div className="tile" key={who}>
              <h3>{t(`home.audience.${who}.title`)}</h3>
              <p>{t(`home.audience.${who}.body`)}</p>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: [] };
