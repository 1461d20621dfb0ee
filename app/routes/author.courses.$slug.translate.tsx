import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { translatorFor } from "~/i18n/translate.server";
import { isLocale, localeNames, supportedLocales, type Locale } from "~/i18n/config";
import { draftProblems, requireAuthorDraftOrPublished } from "~/authoring/drafts.server";
import { PublishedSummary } from "~/authoring/ui/published";
import { firstWords, problemsOnPage } from "~/authoring/problems";
import type { CourseContent } from "~/courses/schema";
import { draftAction } from "~/authoring/actions.server";
import { completeness, isOutdated, listTexts, setText, textHash, type TextEntry } from "~/authoring/texts";
import { Breadcrumbs, CheckErrors, SaveStatus, describedBy, localeAttrs } from "~/authoring/ui/parts";
import { fieldId } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function targetOf(request: Request, source: Locale): Locale {
  const wanted = new URL(request.url).searchParams.get("to");
  if (isLocale(wanted) && wanted !== source) return wanted;
  return supportedLocales.find((l) => l !== source)!;
}

/** The numbers an author sees in the editor for the part a text belongs to (lessons and questions count from 1 in their module). */
function placeNumbers(c: CourseContent, e: TextEntry): { lesson?: number; question?: number; option?: number; trueFalse?: string } {
  const m = c.modules.find((x) => x.key === e.where.moduleKey);
  if (!m) return {};
  const lesson = m.lessons.findIndex((l) => l.key === e.where.lessonKey);
  const qi = m.quiz.questions.findIndex((q) => q.key === e.where.questionKey);
  const q = m.quiz.questions[qi];
  const option = q ? q.options.findIndex((o) => o.key === e.where.optionKey) : -1;
  return {
    ...(lesson >= 0 ? { lesson: lesson + 1 } : {}),
    ...(q ? { question: qi + 1 } : {}),
    ...(option >= 0 ? { option: option + 1 } : {}),
    ...(q?.type === "true-false" && e.where.optionKey ? { trueFalse: e.where.optionKey } : {}),
  };
}

function optionOf(c: CourseContent, e: TextEntry) {
  return c.modules.find((x) => x.key === e.where.moduleKey)?.quiz.questions.find((q) => q.key === e.where.questionKey)?.options.find((o) => o.key === e.where.optionKey);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, published } = await requireAuthorDraftOrPublished(request, params.slug);
  const { t, locale } = await translatorFor(request, "authoring");
  if (!draft) return { title: t("translate.heading"), published, locale };
  const c = draft.content;
  const src = c.sourceLocale;
  const to = targetOf(request, src);
  const texts = listTexts(c).map((e) => ({
    id: e.id,
    kind: e.kind,
    where: e.where,
    // "Question 2, option 3" and the source's first words, not the generated keys ("q-1", "option-1")
    place: placeNumbers(c, e),
    words: firstWords(e.kind === "optionFeedback" ? (optionOf(c, e)?.text[src] ?? e.values[src]) : e.values[src]),
    multiline: e.multiline,
    required: e.required,
    source: e.values[src] ?? "",
    target: e.values[to] ?? "",
    outdated: isOutdated(e, src, to, draft.translationSources),
  }));
  const moduleTitles = Object.fromEntries(c.modules.map((m) => [m.key, m.title[src] ?? m.key]));
  return {
    published: null,
    title: t("translate.title", { language: localeNames[to] }),
    slug: c.slug,
    courseTitle: c.title[src] ?? c.slug,
    source: src,
    to,
    revision: draft.revision,
    texts,
    moduleTitles,
    percent: Math.round(completeness(c, to) * 100),
    outdated: texts.filter((x) => x.outdated).length,
    ...(() => {
      const problems = draftProblems(c).problems.filter((e) => "locale" in e.place && e.place.locale === to);
      return { problems, here: problemsOnPage(problems, `/author/courses/${c.slug}/translate?to=${to}`) };
    })(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return draftAction(request, params.slug, ({ draft, formData }) => {
    const content = structuredClone(draft.content);
    const src = content.sourceLocale;
    const to = targetOf(request, src);
    const sources = structuredClone(draft.translationSources);
    const record = { ...(sources[to] ?? {}) };
    for (const entry of listTexts(draft.content) as TextEntry[]) {
      const value = formData.get(`t.${entry.id}`);
      if (typeof value !== "string") continue;
      setText(content, entry.id, to, value);
      // saving a translation confirms it against the source text of now
      if (value.trim()) record[entry.id] = textHash(entry.values[src]);
      else delete record[entry.id];
    }
    sources[to] = record;
    return { ok: true, content, sources };
  });
}

export default function TranslatePage() {
  const d = useLoaderData<typeof loader>();
  return d.published ? <PublishedSummary state={d.published} page="translate" locale={d.locale} /> : <Translate d={d} />;
}

function Translate({ d }: { d: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { published: null }> }) {
  const { t } = useTranslation("authoring");
  const result = useActionData<typeof action>();
  const base = `/author/courses/${d.slug}`;
  const srcAttrs = localeAttrs(d.source);
  const toAttrs = localeAttrs(d.to);
  const label = (x: (typeof d.texts)[number]) => {
    const kind = x.kind === "optionFeedback" && x.place.trueFalse ? `optionFeedback${x.place.trueFalse === "true" ? "True" : "False"}` : x.kind;
    const what = t(`kinds.${kind}`, x.place);
    return x.words ? t("translate.withExcerpt", { what, words: x.words }) : what;
  };
  let lastModule: string | undefined = "";
  return (
    <div className="stack author-editor">
      <Breadcrumbs items={[{ to: "/author", label: t("home.heading") }, { to: base, label: d.courseTitle }, { label: t("translate.heading") }]} />
      <h1>{t("translate.title", { language: localeNames[d.to] })}</h1>
      <SaveStatus result={result} />
      <nav aria-label={t("translate.target")}>
        <ul className="row author-locales">
          {supportedLocales
            .filter((l) => l !== d.source)
            .map((l) => (
              <li key={l}>
                <Link to={`?to=${l}`} lang={l} aria-current={l === d.to ? "page" : undefined}>
                  {localeNames[l]}
                </Link>
              </li>
            ))}
        </ul>
      </nav>
      <p role="status">
        {t("translate.summary", { percent: d.percent })} {d.outdated ? <strong className="badge badge--warn">{t("translate.outdatedCount", { count: d.outdated })}</strong> : null}
      </p>
      <CheckErrors problems={d.problems} />
      <Form method="post" className="stack" noValidate key={`${d.to}-${d.revision}`}>
        <input type="hidden" name="intent" value="translate" />
        <input type="hidden" name="revision" value={d.revision} />
        {d.texts.map((x) => {
          const moduleHeading = x.where.moduleKey !== lastModule ? x.where.moduleKey : undefined;
          lastModule = x.where.moduleKey;
          const name = `t.${x.id}`;
          const id = fieldId(name);
          const typed = result?.values?.[name];
          return (
            <div key={x.id} className="stack">
              {moduleHeading ? <h2 {...srcAttrs}>{d.moduleTitles[moduleHeading]}</h2> : null}
              <div className={x.outdated ? "author-pair author-pair--outdated" : "author-pair"}>
                <div className="author-pair__source">
                  <p className="muted" id={`${id}-label`}>
                    {label(x)} {x.outdated ? <span className="badge badge--warn">{t("translate.outdated")}</span> : null}
                  </p>
                  {x.source ? (
                    x.kind === "lessonBody" ? (
                      <pre className="author-source" {...srcAttrs}>
                        {x.source}
                      </pre>
                    ) : (
                      <p {...srcAttrs}>{x.source}</p>
                    )
                  ) : (
                    <p className="muted">{t("translate.noSource")}</p>
                  )}
                </div>
                <div className="field">
                  <label htmlFor={id} className="visually-hidden">
                    {t("translate.fieldLabel", { what: label(x), language: localeNames[d.to] })}
                  </label>
                  {x.multiline ? (
                    <textarea id={id} name={name} rows={x.kind === "lessonBody" ? 12 : 3} {...toAttrs} aria-describedby={describedBy(d.here, id)} defaultValue={typed ?? x.target} />
                  ) : (
                    <input id={id} name={name} {...toAttrs} aria-describedby={describedBy(d.here, id)} defaultValue={typed ?? x.target} />
                  )}
                  {x.kind === "lessonBody" && x.where.lessonKey ? (
                    <Link to={`${base}/lessons/${x.where.moduleKey}/${x.where.lessonKey}?locale=${d.to}`} className="hint" reloadDocument>
                      {t("translate.previewLesson")}
                    </Link>
                  ) : null}
                </div>
              </div>
            </div>
          );
        })}
        <div className="author-sticky">
          <button type="submit" className="button">
            {t("save.button")}
          </button>
        </div>
      </Form>
    </div>
  );
}
