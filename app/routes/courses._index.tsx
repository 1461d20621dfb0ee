import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser } from "~/auth/guards.server";
import { listCatalogue } from "~/learning/catalogue.server";
import { translatorFor } from "~/i18n/translate.server";
import { isLocale, localeNames, supportedLocales } from "~/i18n/config";
import { StatusBadge } from "~/components/StatusBadge";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: "description", content: data?.description },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { t, locale } = await translatorFor(request, "courses");
  const params = new URL(request.url).searchParams;
  const language = params.get("language");
  const filters = {
    q: (params.get("q") ?? "").slice(0, 100),
    topic: (params.get("topic") ?? "").slice(0, 60),
    language: isLocale(language) ? language : "",
  };
  const { courses, allTopics } = await listCatalogue(locale, user?.id ?? null, filters);
  return { title: t("catalogue.title"), description: t("catalogue.description"), locale, courses, allTopics, filters, signedIn: Boolean(user) };
}

export default function Catalogue() {
  const { t } = useTranslation("courses");
  const { courses, allTopics, filters, locale, signedIn } = useLoaderData<typeof loader>();
  const filtered = Boolean(filters.q || filters.topic || filters.language);
  return (
    <div className="stack">
      <h1>{t("catalogue.title")}</h1>
      <p className="lead prose">{t("catalogue.intro")}</p>
      <Form method="get" className="card row" role="search" aria-label={t("catalogue.filters")}>
        <div className="field">
          <label htmlFor="q">{t("catalogue.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder={t("catalogue.searchPlaceholder")} />
        </div>
        <div className="field">
          <label htmlFor="topic">{t("catalogue.topic")}</label>
          <select id="topic" name="topic" defaultValue={filters.topic}>
            <option value="">{t("catalogue.anyTopic")}</option>
            {allTopics.map((topic) => (
              <option key={topic} value={topic}>
                {t(`topics.${topic}`, { defaultValue: topic })}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="language">{t("catalogue.language")}</label>
          <select id="language" name="language" defaultValue={filters.language}>
            <option value="">{t("catalogue.anyLanguage")}</option>
            {supportedLocales.map((lng) => (
              <option key={lng} value={lng} lang={lng}>
                {localeNames[lng]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("catalogue.apply")}
        </button>
        {filtered ? <Link to="/courses">{t("catalogue.clear")}</Link> : null}
      </Form>
      <p role="status">{t("catalogue.count", { count: courses.length })}</p>
      {courses.length === 0 ? <p>{t("catalogue.empty")}</p> : null}
      <ul className="grid" style={{ listStyle: "none", padding: 0 }}>
        {courses.map((course) => (
          <li key={course.slug} className="tile">
            <h2 lang={course.titleFallback ? course.sourceLocale : undefined}>
              <Link to={`/courses/${course.slug}`}>{course.title}</Link>
            </h2>
            {course.titleFallback ? <p className="muted">{t("catalogue.notInYourLanguage")}</p> : null}
            <p className="muted">{t("catalogue.by", { academy: course.academy })}</p>
            <p>{course.summary}</p>
            <p className="muted">
              {course.durationMinutes >= 60
                ? t("catalogue.duration", { hours: Math.round(course.durationMinutes / 60) })
                : t("catalogue.durationMinutes", { minutes: course.durationMinutes })}
            </p>
            <ul className="tags" aria-label={t("catalogue.languages")}>
              {course.languages.map((lng) => (
                <li key={lng} className="badge" lang={lng}>
                  {localeNames[lng]}
                </li>
              ))}
            </ul>
            <ul className="tags" aria-label={t("catalogue.topics")}>
              {course.topics.map((topic) => (
                <li key={topic} className="badge">
                  {t(`topics.${topic}`, { defaultValue: topic })}
                </li>
              ))}
            </ul>
            {signedIn ? <StatusBadge status={course.status} dueAt={course.dueAt} locale={locale} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["courses"] };
