import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { direction } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { courseForReader } from "~/courses/reader.server";
import { Alert } from "~/ui/Alert";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const { content, locale, t } = await courseForReader(request, slug);
  if (content.glossary.length === 0) throw notFound();
  const source = content.sourceLocale;
  const courseTitle = pick(content.title, locale, source).value;
  const terms = content.glossary.map((g) => {
    // a term and its definition come from one language, so a fallback never mixes two
    const own = Boolean(g.term[locale] && g.definition[locale]);
    const shown = own ? locale : source;
    return { key: g.key, term: pick(g.term, shown, source).value, definition: pick(g.definition, shown, source).value, lang: shown, dir: direction(shown), fallback: !own };
  });
  return {
    pageTitle: t("glossary.title", { course: courseTitle }),
    course: { slug, title: courseTitle },
    terms,
    anyFallback: terms.some((x) => x.fallback),
  };
}

// Text and links only: served without the JavaScript bundle, like lessons (docs/decisions/0001).
export const handle = { hydrate: false };

export default function Glossary() {
  const { t } = useTranslation("courses");
  const { course, terms, anyFallback } = useLoaderData<typeof loader>();
  return (
    <article className="lesson">
      <nav aria-label={t("glossary.breadcrumb")} className="muted">
        <a href={`/courses/${course.slug}`}>{course.title}</a>
      </nav>
      <h1>{t("glossary.heading")}</h1>
      <p className="muted">{t("glossary.intro")}</p>
      {anyFallback ? (
        <Alert tone="notice" note>
          {t("glossary.fallbackNotice")}
        </Alert>
      ) : null}
      <dl className="glossary" data-testid="glossary">
        {terms.map((term) => (
          <div key={term.key} id={term.key} className="glossary__entry" lang={term.lang} dir={term.dir}>
            <dt>
              <strong>{term.term}</strong>
            </dt>
            <dd>{term.definition}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={`/courses/${course.slug}`}>{t("glossary.backToCourse")}</a>
      </p>
    </article>
  );
}
