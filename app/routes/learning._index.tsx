import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { listCatalogue } from "~/learning/catalogue.server";
import { StatusBadge } from "~/components/StatusBadge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await translatorFor(request, "learning");
  const { courses } = await listCatalogue(locale, user.id);
  const done = (c: (typeof courses)[number]) => c.status.kind === "completed" || c.status.kind === "certified";
  return {
    title: t("my.title"),
    locale,
    // assigned and not done, soonest due first
    assigned: courses.filter((c) => c.dueAt && !done(c)).sort((a, b) => (a.dueAt! < b.dueAt! ? -1 : 1)),
    inProgress: courses.filter((c) => c.status.kind === "inProgress" && !c.dueAt),
    completed: courses.filter(done),
  };
}

export default function MyLearning() {
  const { t } = useTranslation("learning");
  const { assigned, inProgress, completed, locale } = useLoaderData<typeof loader>();
  type Item = (typeof assigned)[number];
  const list = (items: Item[], action: string) => (
    <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
      {items.map((c) => (
        <li key={c.slug} className="tile">
          <h3>
            <Link to={`/courses/${c.slug}`}>{c.title}</Link>
          </h3>
          <StatusBadge status={c.status} dueAt={c.dueAt} locale={locale} />
          <Link className="button button--secondary" to={`/courses/${c.slug}`}>
            {action}
          </Link>
        </li>
      ))}
    </ul>
  );
  return (
    <div className="stack">
      <h1>{t("my.title")}</h1>
      <section aria-labelledby="assigned-heading">
        <h2 id="assigned-heading">{t("my.assigned")}</h2>
        {assigned.length ? list(assigned, t("my.continue")) : <p className="muted">{t("my.noneAssigned")}</p>}
      </section>
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("my.inProgress")}</h2>
        {inProgress.length ? (
          list(inProgress, t("my.continue"))
        ) : (
          <p className="muted">
            {t("my.none")} <Link to="/courses">{t("my.browse")}</Link>
          </p>
        )}
      </section>
      {completed.length ? (
        <section aria-labelledby="completed-heading">
          <h2 id="completed-heading">{t("my.completed")}</h2>
          {list(completed, t("my.open"))}
        </section>
      ) : null}
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["learning", "courses"] };
