import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { isLocale, localeNames, supportedLocales, type Locale } from "~/i18n/config";
import { uiBlockTitles } from "~/courses/files.server";
import { LESSON_BLOCKS, renderLessonMarkdown } from "~/courses/markdown.server";
import { draftProblems, requireCourseAuthor, requireAuthorDraft } from "~/authoring/drafts.server";
import { problemsOnPage } from "~/authoring/problems";
import { draftAction, type DraftActionData } from "~/authoring/actions.server";
import { updateLesson } from "~/authoring/edit";
import { textHash } from "~/authoring/texts";
import { Breadcrumbs, CheckErrors, SaveStatus, localeAttrs } from "~/authoring/ui/parts";
import { Field } from "~/ui/Field";
import { formValues, readFormData } from "~/http/forms";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function localeOf(request: Request, source: Locale): Locale {
  const wanted = new URL(request.url).searchParams.get("locale");
  return isLocale(wanted) ? wanted : source;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireAuthorDraft(request, params.slug);
  const c = draft.content;
  const m = c.modules.find((x) => x.key === params.moduleKey);
  const l = m?.lessons.find((x) => x.key === params.lessonKey);
  if (!m || !l) throw notFound();
  const { t } = await translatorFor(request, "authoring");
  const src = c.sourceLocale;
  const locale = localeOf(request, src);
  return {
    title: t("lesson.title", { title: l.title[src] ?? l.key }),
    slug: c.slug,
    courseTitle: c.title[src] ?? c.slug,
    moduleKey: m.key,
    moduleTitle: m.title[src] ?? m.key,
    lessonKey: l.key,
    source: src,
    locale,
    revision: draft.revision,
    lesson: { title: l.title[locale] ?? "", markdown: l.markdown[locale] ?? "", html: l.html[locale] ?? "", tags: l.tags.join(", ") },
    sourceLesson: locale === src ? null : { title: l.title[src] ?? "", markdown: l.markdown[src] ?? "", html: l.html[src] ?? "" },
    blocks: LESSON_BLOCKS,
    ...(() => {
      const problems = draftProblems(c).problems.filter((e) => e.place.section === "lesson" && e.place.moduleKey === m.key && e.place.lessonKey === l.key);
      const page = `/author/courses/${c.slug}/lessons/${m.key}/${l.key}${locale === src ? "" : `?locale=${locale}`}`;
      return { problems, here: problemsOnPage(problems, page) };
    })(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readFormData(request.clone());
  if (form.get("intent") === "preview") {
    // renders with the learners' renderer and sanitizer, and saves nothing
    const ctx = await requireCourseAuthor(request, params.slug);
    const locale = isLocale(form.get("locale")) ? (form.get("locale") as Locale) : ctx.course.sourceLocale;
    const markdown = String(form.get("markdown") ?? "").slice(0, 100_000);
    const rendered = renderLessonMarkdown(markdown, (b) => uiBlockTitles(locale, b));
    return data({ intent: "preview", preview: rendered.html, problems: rendered.problems, values: formValues(form) } as DraftActionData & {
      preview: string;
      problems: { line: number; message: string }[];
    });
  }
  return draftAction(request, params.slug, ({ draft, formData }) => {
    const locale = localeOf(request, draft.content.sourceLocale);
    const values = formValues(formData);
    const result = updateLesson(draft.content, params.moduleKey ?? "", params.lessonKey ?? "", locale, values);
    if (!result.ok || locale === draft.content.sourceLocale) return result;
    // a translation remembers which source text it was made from, to flag it when that changes
    const l = result.content.modules.find((m) => m.key === params.moduleKey)!.lessons.find((x) => x.key === params.lessonKey)!;
    const src = draft.content.sourceLocale;
    const sources = structuredClone(draft.translationSources);
    const prefix = `m.${params.moduleKey}.l.${params.lessonKey}`;
    sources[locale] = { ...(sources[locale] ?? {}), [`${prefix}.title`]: textHash(l.title[src]), [`${prefix}.body`]: textHash(l.markdown[src]) };
    return { ...result, sources };
  });
}

export default function EditLesson() {
  const { t } = useTranslation("authoring");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as (DraftActionData & { preview?: string }) | undefined;
  const base = `/author/courses/${d.slug}`;
  const kept = (name: string, fallback: string) => result?.values?.[name] ?? fallback;
  const [markdown, setMarkdown] = useState(kept("markdown", d.lesson.markdown));
  const fetcher = useFetcher<{ preview: string }>();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  // live preview: the server renders what learners would see, a moment after typing stops
  useEffect(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      fetcher.submit({ intent: "preview", markdown, locale: d.locale }, { method: "post" });
    }, 400);
    return () => clearTimeout(timer.current);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [markdown, d.locale]);
  const html = fetcher.data?.preview ?? result?.preview ?? d.lesson.html;
  const lang = localeAttrs(d.locale);
  const formResult = result?.intent === "lesson" ? result : undefined;
  return (
    <div className="stack author-editor">
      <Breadcrumbs
        items={[
          { to: "/author", label: t("home.heading") },
          { to: base, label: d.courseTitle },
          { to: `${base}/edit`, label: t("edit.heading") },
          { label: d.lesson.title || d.lessonKey },
        ]}
      />
      <h1>{t("lesson.heading", { title: d.lesson.title || d.sourceLesson?.title || d.lessonKey })}</h1>
      <SaveStatus result={formResult} />
      <nav aria-label={t("lesson.languages")}>
        <ul className="row author-locales">
          {supportedLocales.map((l) => (
            <li key={l}>
              <Link to={`?locale=${l}`} lang={l} aria-current={l === d.locale ? "page" : undefined} reloadDocument>
                {localeNames[l]}
                {l === d.source ? ` (${t("bars.source")})` : ""}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <CheckErrors problems={d.problems} />
      <div className={d.sourceLesson ? "author-split" : "author-split author-split--single"}>
        {d.sourceLesson ? (
          <section aria-labelledby="source-heading" className="card stack">
            <h2 id="source-heading">{t("translate.source", { language: localeNames[d.source] })}</h2>
            <p {...localeAttrs(d.source)}>
              <strong>{d.sourceLesson.title}</strong>
            </p>
            <pre className="author-source" {...localeAttrs(d.source)}>
              {d.sourceLesson.markdown}
            </pre>
          </section>
        ) : null}
        <Form method="post" className="card stack">
          <input type="hidden" name="revision" value={d.revision} />
          <input type="hidden" name="locale" value={d.locale} />
          <Field name="title" label={t("fields.lessonTitle", { language: localeNames[d.locale] })} errors={formResult?.errors} problems={d.here} required requiredMark={t("form.requiredMark")} maxLength={200} {...lang} defaultValue={kept("title", d.lesson.title)} />
          <Field
            name="markdown"
            label={t("fields.markdown", { language: localeNames[d.locale] })}
            hint={t("fields.markdownHint", { blocks: d.blocks.join(", ") })}
            errors={formResult?.errors}
            problems={d.here}
            required={d.locale === d.source}
            requiredMark={t("form.requiredMark")}
            rows={18}
            className="author-markdown"
            {...lang}
            value={markdown}
            onChange={(e) => setMarkdown(e.target.value)}
          />
          {d.locale === d.source ? <Field name="tags" label={t("fields.tags")} hint={t("fields.tagsHint")} errors={formResult?.errors} defaultValue={kept("tags", d.lesson.tags)} /> : null}
          <div className="row">
            <button type="submit" name="intent" value="lesson" className="button">
              {t("save.button")}
            </button>
            <button type="submit" name="intent" value="preview" className="button button--secondary" formNoValidate>
              {t("lesson.preview")}
            </button>
          </div>
        </Form>
      </div>
      <section aria-labelledby="preview-heading" className="card">
        <h2 id="preview-heading">{t("lesson.previewHeading", { language: localeNames[d.locale] })}</h2>
        <article className="lesson author-preview" aria-live="polite">
          <div {...lang} data-testid="lesson-preview" dangerouslySetInnerHTML={{ __html: html }} />
        </article>
      </section>
    </div>
  );
}
