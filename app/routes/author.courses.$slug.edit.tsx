import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { translatorFor } from "~/i18n/translate.server";
import { localeNames } from "~/i18n/config";
import { draftProblems, requireAuthorDraftOrPublished } from "~/authoring/drafts.server";
import { PublishedSummary } from "~/authoring/ui/published";
import { problemsOnPage } from "~/authoring/problems";
import { draftAction } from "~/authoring/actions.server";
import { addLesson, addModule, confirmedDelete, deletionSummary, rearrange, updateDetails } from "~/authoring/edit";
import { ActionButton, Breadcrumbs, DeleteButton, CheckErrors, CheckFindings, SaveStatus, errorsOf, localeAttrs } from "~/authoring/ui/parts";
import { fail, formValues } from "~/http/forms";
import { Field } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft, published } = await requireAuthorDraftOrPublished(request, params.slug);
  const { t, locale } = await translatorFor(request, "authoring");
  if (!draft) return { title: t("edit.title", { title: published.title }), published, locale };
  const c = draft.content;
  const src = c.sourceLocale;
  const { problems, findings } = draftProblems(c);
  return {
    published: null,
    title: t("edit.title", { title: c.title[src] ?? c.slug }),
    slug: c.slug,
    version: draft.version,
    revision: draft.revision,
    source: src,
    details: {
      title: c.title[src] ?? "",
      summary: c.summary[src] ?? "",
      durationMinutes: String(c.durationMinutes),
      topics: c.topics.join(", "),
      certificateValidityMonths: c.certificateValidityMonths ? String(c.certificateValidityMonths) : "",
      requireAllLessons: c.passRules.requireAllLessons,
      requireAllQuizzes: c.passRules.requireAllQuizzes,
    },
    modules: c.modules.map((m) => ({
      key: m.key,
      title: m.title[src] ?? m.key,
      lessons: m.lessons.map((l) => ({ key: l.key, title: l.title[src] ?? l.key, deletes: deletionSummary(l) })),
      questions: m.quiz.questions.length,
      deletes: deletionSummary(m),
      problems: problems.filter((e) => e.place.section !== "course" && e.place.moduleKey === m.key),
      findings: findings.filter((f) => f.place.section !== "course" && f.place.moduleKey === m.key),
    })),
    courseProblems: problems.filter((e) => e.place.section === "course"),
    here: problemsOnPage(problems, `/author/courses/${c.slug}/edit`),
    courseFindings: findings.filter((f) => f.place.section === "course"),
    glossaryTerms: c.glossary.length,
    errorCount: problems.length,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return draftAction(request, params.slug, ({ draft, formData, intent }) => {
    const values = formValues(formData);
    const target = { moduleKey: values.moduleKey ?? "", lessonKey: values.lessonKey || undefined };
    switch (intent) {
      case "details":
        return updateDetails(draft.content, values);
      case "addModule":
        return addModule(draft.content, values);
      case "addLesson":
        return addLesson(draft.content, values.moduleKey ?? "", values);
      case "up":
      case "down":
        return rearrange(draft.content, target, intent);
      case "delete":
        return confirmedDelete(draft.content, target, values);
      default:
        return fail("authoring:form.gone");
    }
  });
}

export default function EditCoursePage() {
  const d = useLoaderData<typeof loader>();
  return d.published ? <PublishedSummary state={d.published} page="edit" locale={d.locale} /> : <EditCourse d={d} />;
}

function EditCourse({ d }: { d: Extract<ReturnType<typeof useLoaderData<typeof loader>>, { published: null }> }) {
  const { t } = useTranslation("authoring");
  const result = useActionData<typeof action>();
  const kept = (intent: string, name: string, fallback: string) => (result?.intent === intent ? result.values?.[name] : undefined) ?? fallback;
  const base = `/author/courses/${d.slug}`;
  const lang = localeAttrs(d.source);
  return (
    <div className="stack author-editor">
      <Breadcrumbs items={[{ to: "/author", label: t("home.heading") }, { to: base, label: d.details.title || d.slug }, { label: t("edit.heading") }]} />
      <h1>
        {t("edit.heading")} <span className="muted">· {t("version.label", { version: d.version })}</span>
      </h1>
      <SaveStatus result={result} />
      <p className="muted">{t("edit.sourceNote", { language: localeNames[d.source] })}</p>
      <p className="row">
        <Link to={base}>{t("edit.toOverview", { count: d.errorCount })}</Link>
        <Link to={`${base}/translate`}>{t("course.translate")}</Link>
      </p>

      <section aria-labelledby="details-heading" className="card stack">
        <h2 id="details-heading">{t("edit.details")}</h2>
        <CheckErrors problems={d.courseProblems} />
        <CheckFindings findings={d.courseFindings} />
        {d.glossaryTerms > 0 ? (
          <p className="muted">
            {t("edit.glossary", { count: d.glossaryTerms })} · {t("module.readOnly")}
          </p>
        ) : null}
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="details" />
          <input type="hidden" name="revision" value={d.revision} />
          <Field name="title" label={t("fields.courseTitle")} errors={errorsOf(result, "details")} problems={d.here} required requiredMark={t("form.requiredMark")} maxLength={200} {...lang} defaultValue={kept("details", "title", d.details.title)} />
          <Field name="summary" label={t("fields.summary")} rows={3} errors={errorsOf(result, "details")} problems={d.here} required requiredMark={t("form.requiredMark")} maxLength={2000} {...lang} defaultValue={kept("details", "summary", d.details.summary)} />
          <div className="grid">
            <Field name="durationMinutes" label={t("fields.durationMinutes")} errors={errorsOf(result, "details")} inputMode="numeric" required requiredMark={t("form.requiredMark")} pattern="[0-9]+" defaultValue={kept("details", "durationMinutes", d.details.durationMinutes)} />
            <Field
              name="certificateValidityMonths"
              label={t("fields.certificateValidityMonths")}
              hint={t("fields.certificateValidityHint")}
              errors={errorsOf(result, "details")}
              inputMode="numeric"
              pattern="[0-9]+"
              defaultValue={kept("details", "certificateValidityMonths", d.details.certificateValidityMonths)}
            />
          </div>
          <Field name="topics" label={t("fields.topics")} hint={t("fields.topicsHint")} errors={errorsOf(result, "details")} defaultValue={kept("details", "topics", d.details.topics)} />
          <fieldset>
            <legend>{t("fields.passRules")}</legend>
            <label className="check">
              <input type="checkbox" name="requireAllLessons" defaultChecked={d.details.requireAllLessons} /> {t("fields.requireAllLessons")}
            </label>
            <label className="check">
              <input type="checkbox" name="requireAllQuizzes" defaultChecked={d.details.requireAllQuizzes} /> {t("fields.requireAllQuizzes")}
            </label>
          </fieldset>
          <button type="submit" className="button">
            {t("save.button")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="structure-heading" className="stack">
        <h2 id="structure-heading">{t("edit.structure")}</h2>
        {d.modules.length === 0 ? <p>{t("edit.noModules")}</p> : null}
        <ol className="author-outline">
          {d.modules.map((m, mi) => (
            <li key={m.key} className="card stack">
              <div className="row row--between">
                <h3 {...lang}>{m.title}</h3>
                <div className="row">
                  <Link to={`${base}/modules/${m.key}`}>
                    {t("edit.editModule")}
                    <span className="visually-hidden"> ({m.title})</span>
                  </Link>
                  {mi > 0 ? <ActionButton intent="up" fields={{ moduleKey: m.key }} revision={d.revision} label={t("edit.up")} hidden={m.title} /> : null}
                  {mi < d.modules.length - 1 ? <ActionButton intent="down" fields={{ moduleKey: m.key }} revision={d.revision} label={t("edit.down")} hidden={m.title} /> : null}
                  <DeleteButton kind="module" fields={{ moduleKey: m.key }} revision={d.revision} name={m.title} summary={m.deletes} />
                </div>
              </div>
              <CheckErrors problems={m.problems} />
              <CheckFindings findings={m.findings} />
              <h4>{t("edit.lessons")}</h4>
              <ol className="author-list">
                {m.lessons.map((l, li) => (
                  <li key={l.key} className="row row--between">
                    <Link to={`${base}/lessons/${m.key}/${l.key}`} {...lang}>
                      {l.title}
                    </Link>
                    <span className="row">
                      {li > 0 ? <ActionButton intent="up" fields={{ moduleKey: m.key, lessonKey: l.key }} revision={d.revision} label={t("edit.up")} hidden={l.title} /> : null}
                      {li < m.lessons.length - 1 ? (
                        <ActionButton intent="down" fields={{ moduleKey: m.key, lessonKey: l.key }} revision={d.revision} label={t("edit.down")} hidden={l.title} />
                      ) : null}
                      <DeleteButton kind="lesson" fields={{ moduleKey: m.key, lessonKey: l.key }} revision={d.revision} name={l.title} summary={l.deletes} />
                    </span>
                  </li>
                ))}
              </ol>
              <Form method="post" className="row author-add" key={d.revision}>
                <input type="hidden" name="intent" value="addLesson" />
                <input type="hidden" name="revision" value={d.revision} />
                <input type="hidden" name="moduleKey" value={m.key} />
                <Field
                  scope={`addLesson-${m.key}`}
                  name="title"
                  label={t("edit.newLessonTitle")}
                  required
                  requiredMark={t("form.requiredMark")}
                  maxLength={200}
                  problems={d.here}
                  {...lang}
                  errors={result?.intent === "addLesson" && result.values?.moduleKey === m.key ? result.errors : undefined}
                  defaultValue={result?.intent === "addLesson" && result.values?.moduleKey === m.key ? result.values.title : undefined}
                />
                <button type="submit" className="button button--secondary">
                  {t("edit.addLesson")}
                </button>
              </Form>
              <p>
                <Link to={`${base}/modules/${m.key}#questions-heading`}>{t("edit.quizLink", { count: m.questions })}</Link>
              </p>
            </li>
          ))}
        </ol>
        <Form method="post" className="card row author-add" key={d.revision}>
          <input type="hidden" name="intent" value="addModule" />
          <input type="hidden" name="revision" value={d.revision} />
          <Field
            scope="addModule"
            name="title"
            label={t("edit.newModuleTitle")}
            required
            requiredMark={t("form.requiredMark")}
            maxLength={200}
            problems={d.here}
            {...lang}
            errors={errorsOf(result, "addModule")}
            defaultValue={result?.intent === "addModule" ? result.values?.title : undefined}
          />
          <button type="submit" className="button button--secondary">
            {t("edit.addModule")}
          </button>
        </Form>
      </section>
    </div>
  );
}
