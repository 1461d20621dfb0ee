import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { isLocale, localeNames, supportedLocales, type Locale } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { listVersions, requireCourseAuthor } from "~/authoring/drafts.server";
import { Breadcrumbs, VersionStatusBadge, localeAttrs } from "~/authoring/ui/parts";
import { Alert } from "~/ui/Alert";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// The whole of one version, read-only, in one language: what a reviewer reads before approving
// (lessons as learners will see them, and the quiz with its answer key, feedback and explanations).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const url = new URL(request.url);
  const versions = await listVersions(ctx.course.id);
  const wanted = Number(url.searchParams.get("version"));
  const v = wanted
    ? versions.find((x) => x.version === wanted)
    : (versions.find((x) => x.status === "IN_REVIEW" || x.status === "DRAFT") ?? versions.find((x) => x.status === "PUBLISHED"));
  if (!v) throw notFound();
  const c = v.content;
  const src = c.sourceLocale;
  const requested = url.searchParams.get("locale");
  const locale: Locale = isLocale(requested) ? requested : src;
  const { t } = await translatorFor(request, "authoring");
  const text = (value: Partial<Record<Locale, string>>) => {
    const p = pick(value, locale, src);
    return { value: p.value, lang: p.fallback ? src : locale };
  };
  return {
    title: t("read.title", { title: c.title[src] ?? c.slug, version: v.version }),
    slug: c.slug,
    version: v.version,
    status: v.status,
    locale,
    courseTitle: text(c.title),
    summary: text(c.summary),
    modules: c.modules.map((m) => ({
      key: m.key,
      title: text(m.title),
      lessons: m.lessons.map((l) => ({
        key: l.key,
        title: text(l.title),
        html: l.html[locale] ?? l.html[src] ?? "",
        lang: l.html[locale] ? locale : src,
        missing: !l.html[locale],
      })),
      quiz: {
        title: text(m.quiz.title),
        passMark: m.quiz.passMark,
        questions: m.quiz.questions.map((q) => ({
          key: q.key,
          type: q.type,
          text: text(q.text),
          explanation: text(q.explanation),
          options: q.options.map((o) => ({
            key: o.key,
            text: q.type === "true-false" ? null : text(o.text),
            feedback: o.feedback[locale] || o.feedback[src] ? text(o.feedback) : null,
            position: q.answer.indexOf(o.key),
          })),
        })),
      },
    })),
  };
}

export default function ReadVersion() {
  const { t } = useTranslation("authoring");
  const d = useLoaderData<typeof loader>();
  const base = `/author/courses/${d.slug}`;
  const attrs = (x: { lang: string }) => localeAttrs(x.lang as Locale);
  return (
    <div className="stack author-editor">
      <Breadcrumbs items={[{ to: "/author", label: t("home.heading") }, { to: base, label: d.courseTitle.value }, { label: t("version.label", { version: d.version }) }]} />
      <h1 {...attrs(d.courseTitle)}>{d.courseTitle.value}</h1>
      <p>
        {t("version.label", { version: d.version })} <VersionStatusBadge status={d.status} />
      </p>
      <nav aria-label={t("lesson.languages")}>
        <ul className="row author-locales">
          {supportedLocales.map((l) => (
            <li key={l}>
              <Link to={`?version=${d.version}&locale=${l}`} lang={l} aria-current={l === d.locale ? "page" : undefined}>
                {localeNames[l]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <p {...attrs(d.summary)}>{d.summary.value}</p>
      {d.modules.map((m) => (
        <section key={m.key} aria-labelledby={`read-${m.key}`} className="card stack">
          <h2 id={`read-${m.key}`} {...attrs(m.title)}>
            {m.title.value}
          </h2>
          {m.lessons.map((l) => (
            <article key={l.key} className="lesson author-preview" aria-labelledby={`read-${m.key}-${l.key}`}>
              <h3 id={`read-${m.key}-${l.key}`} {...attrs(l.title)}>
                {l.title.value}
              </h3>
              {l.missing ? <Alert tone="notice" quiet>{t("read.missing")}</Alert> : null}
              <div {...localeAttrs(l.lang as Locale)} dangerouslySetInnerHTML={{ __html: l.html }} />
            </article>
          ))}
          <h3 {...attrs(m.quiz.title)}>
            {m.quiz.title.value} <span className="muted">· {t("read.passMark", { passMark: m.quiz.passMark })}</span>
          </h3>
          <ol className="stack">
            {m.quiz.questions.map((q) => (
              <li key={q.key}>
                <p>
                  <strong {...attrs(q.text)}>{q.text.value}</strong> <span className="badge">{t(`types.${q.type}`)}</span>
                </p>
                <ul>
                  {q.options.map((o) => (
                    <li key={o.key}>
                      {o.text ? <span {...attrs(o.text)}>{o.text.value}</span> : t(`question.${o.key}`)}{" "}
                      {o.position >= 0 ? (
                        <span className="badge badge--ok">{q.type === "ordering" ? t("read.position", { n: o.position + 1 }) : t("read.right")}</span>
                      ) : null}
                      {o.feedback ? (
                        <span className="muted" {...attrs(o.feedback)}>
                          {" "}
                          — {o.feedback.value}
                        </span>
                      ) : null}
                    </li>
                  ))}
                </ul>
                <p className="muted" {...attrs(q.explanation)}>
                  {q.explanation.value}
                </p>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </div>
  );
}
