import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { translatorFor } from "~/i18n/translate.server";
import { isLocale, localeNames, supportedLocales, type Locale } from "~/i18n/config";
import { checkDraft, requireAuthorDraft } from "~/authoring/drafts.server";
import { draftAction } from "~/authoring/actions.server";
import { completeness, isOutdated, listTexts, setText, textHash, type TextEntry } from "~/authoring/texts";
import { Breadcrumbs, CheckErrors, SaveStatus, localeAttrs } from "~/authoring/ui/parts";
import { fieldId } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

function targetOf(request: Request, source: Locale): Locale {
  const wanted = new URL(request.url).searchParams.get("to");
  if (isLocale(wanted) && wanted !== source) return wanted;
  return supportedLocales.find((l) => l !== source)!;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireAuthorDraft(request, params.slug);
  const c = draft.content;
  const src = c.sourceLocale;
  const to = targetOf(request, src);
  const { t } = await translatorFor(request, "authoring");
  const texts = listTexts(c).map((e) => ({
    id: e.id,
    kind: e.kind,
    where: e.where,
    multiline: e.multiline,
    required: e.required,
    source: e.values[src] ?? "",
    target: e.values[to] ?? "",
    outdated: isOutdated(e, src, to, draft.translationSources),
  }));
  const moduleTitles = Object.fromEntries(c.modules.map((m) => [m.key, m.title[src] ?? m.key]));
  return {
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
    errors: checkDraft(c).errors.filter((e) => "locale" in e.place && e.place.locale === to),
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

export default function Translate() {
  const { t } = useTranslation("authoring");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const base = `/author/courses/${d.slug}`;
  const srcAttrs = localeAttrs(d.source);
  const toAttrs = localeAttrs(d.to);
  const label = (x: (typeof d.texts)[number]) => {
    const w = x.where;
    const parts = [t(`kinds.${x.kind}`, { lesson: w.lessonKey, question: w.questionKey, option: w.optionKey })];
    return parts.join(" · ");
  };
  let lastModule: string | undefined = "";
  return (
    <div className="stack author-editor">
      <Breadcrumbs items={[{ to: "/author", label: t("home.heading") }, { to: base, label: d.courseTitle }, { label: t("translate.heading") }]} />
      <h1>{t("translate.title", { language: localeNames[d.to] })}</h1>
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
      <CheckErrors errors={d.errors} />
      <SaveStatus result={result} intent="translate" />
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
                    <textarea id={id} name={name} rows={x.kind === "lessonBody" ? 12 : 3} {...toAttrs} defaultValue={typed ?? x.target} />
                  ) : (
                    <input id={id} name={name} {...toAttrs} defaultValue={typed ?? x.target} />
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
