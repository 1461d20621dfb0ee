import { REVIEW_RULES } from "~/courses/schema";
import { reviewRuleOf } from "~/learning/quiz-rules";
import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { draftProblems, requireAuthorDraft } from "~/authoring/drafts.server";
import { problemsOnPage } from "~/authoring/problems";
import { draftAction } from "~/authoring/actions.server";
import { addQuestion, confirmedDelete, deletionSummary, QUESTION_TYPES, rearrange, updateModule } from "~/authoring/edit";
import { ActionButton, Breadcrumbs, DeleteButton, CheckErrors, CheckFindings, SaveStatus, errorsOf, localeAttrs } from "~/authoring/ui/parts";
import { fail, formValues } from "~/http/forms";
import { Field } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireAuthorDraft(request, params.slug);
  const c = draft.content;
  const m = c.modules.find((x) => x.key === params.moduleKey);
  if (!m) throw notFound();
  const { t } = await translatorFor(request, "authoring");
  const src = c.sourceLocale;
  const checked = draftProblems(c);
  const problems = checked.problems.filter((e) => e.place.section !== "course" && e.place.section !== "lesson" && e.place.moduleKey === m.key);
  const findings = checked.findings.filter((f) => f.place.section !== "course" && f.place.moduleKey === m.key);
  return {
    title: t("module.title", { title: m.title[src] ?? m.key }),
    slug: c.slug,
    courseTitle: c.title[src] ?? c.slug,
    source: src,
    revision: draft.revision,
    module: {
      key: m.key,
      title: m.title[src] ?? "",
      quizTitle: m.quiz.title[src] ?? "",
      passMark: String(m.quiz.passMark),
      attemptsAllowed: String(m.quiz.attemptsAllowed),
      draw: m.quiz.draw ? String(m.quiz.draw) : "",
      shuffleQuestions: m.quiz.shuffleQuestions,
      shuffleOptions: m.quiz.shuffleOptions,
      review: reviewRuleOf(m.quiz),
      waitAfterFailures: m.quiz.retakeWait ? String(m.quiz.retakeWait.afterFailedAttempts) : "",
      waitMinutes: m.quiz.retakeWait ? String(m.quiz.retakeWait.minutes) : "",
    },
    questions: m.quiz.questions.map((q) => ({ key: q.key, type: q.type, text: q.text[src] ?? "", deletes: deletionSummary(q) })),
    problems,
    here: problemsOnPage(problems, `/author/courses/${c.slug}/modules/${m.key}`),
    findings,
    // shown read-only: written in the course files (module.yaml objectives, tools/<key>.<locale>.md)
    objectives: m.objectives[src] ?? [],
    tools: m.tools.map((tool) => ({ key: tool.key, title: tool.title[src] ?? tool.key, description: tool.description[src] ?? "" })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return draftAction(request, params.slug, ({ draft, formData, intent }) => {
    const values = formValues(formData);
    const moduleKey = params.moduleKey ?? "";
    switch (intent) {
      case "module":
        return updateModule(draft.content, moduleKey, values);
      case "addQuestion": {
        const added = addQuestion(draft.content, moduleKey, values.type ?? "");
        if (!added.ok) return added;
        const questions = added.content.modules.find((m) => m.key === moduleKey)!.quiz.questions;
        return { ...added, next: `/author/courses/${draft.content.slug}/questions/${moduleKey}/${questions[questions.length - 1].key}` };
      }
      case "up":
      case "down":
        return rearrange(draft.content, { moduleKey, questionKey: values.questionKey ?? "" }, intent);
      case "delete":
        return confirmedDelete(draft.content, { moduleKey, questionKey: values.questionKey ?? "" }, values);
      default:
        return fail("authoring:form.gone");
    }
  });
}

export default function EditModule() {
  const { t } = useTranslation("authoring");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const kept = (name: string, fallback: string) => (result?.intent === "module" ? result.values?.[name] : undefined) ?? fallback;
  const base = `/author/courses/${d.slug}`;
  const lang = localeAttrs(d.source);
  const m = d.module;
  return (
    <div className="stack author-editor">
      <Breadcrumbs
        items={[
          { to: "/author", label: t("home.heading") },
          { to: base, label: d.courseTitle },
          { to: `${base}/edit`, label: t("edit.heading") },
          { label: m.title || m.key },
        ]}
      />
      <h1>{t("module.heading", { title: m.title || m.key })}</h1>
      <SaveStatus result={result} />
      <CheckErrors problems={d.problems} />
      <CheckFindings findings={d.findings} />

      <section aria-labelledby="objectives-heading" className="card stack">
        <h2 id="objectives-heading">{t("module.objectives")}</h2>
        <p className="muted">{t("module.readOnly")}</p>
        {d.objectives.length ? (
          <ul {...lang} data-testid="module-objectives">
            {d.objectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
        ) : (
          <p>{t("module.noObjectives")}</p>
        )}
        <h3>{t("module.tools")}</h3>
        {d.tools.length ? (
          <ul {...lang}>
            {d.tools.map((tool) => (
              <li key={tool.key}>
                <strong>{tool.title}</strong> <span className="muted">{tool.description}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("module.noTools")}</p>
        )}
      </section>

      <section aria-labelledby="module-heading" className="card stack">
        <h2 id="module-heading">{t("module.settings")}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="module" />
          <input type="hidden" name="revision" value={d.revision} />
          <Field name="title" label={t("fields.moduleTitle")} errors={errorsOf(result, "module")} problems={d.here} required requiredMark={t("form.requiredMark")} maxLength={200} {...lang} defaultValue={kept("title", m.title)} />
          <Field name="quizTitle" label={t("fields.quizTitle")} errors={errorsOf(result, "module")} problems={d.here} required requiredMark={t("form.requiredMark")} maxLength={200} {...lang} defaultValue={kept("quizTitle", m.quizTitle)} />
          <div className="grid">
            <Field name="passMark" label={t("fields.passMark")} errors={errorsOf(result, "module")} inputMode="numeric" required requiredMark={t("form.requiredMark")} pattern="[0-9]+" defaultValue={kept("passMark", m.passMark)} />
            <Field
              name="attemptsAllowed"
              label={t("fields.attemptsAllowed")}
              hint={t("fields.attemptsHint")}
              errors={errorsOf(result, "module")}
              inputMode="numeric"
              required
              requiredMark={t("form.requiredMark")}
              pattern="[0-9]+"
              defaultValue={kept("attemptsAllowed", m.attemptsAllowed)}
            />
            <Field name="draw" label={t("fields.draw")} hint={t("fields.drawHint")} errors={errorsOf(result, "module")} problems={d.here} inputMode="numeric" pattern="[0-9]+" defaultValue={kept("draw", m.draw)} />
          </div>
          <label className="check">
            <input type="checkbox" name="shuffleQuestions" defaultChecked={m.shuffleQuestions} /> {t("fields.shuffleQuestions")}
          </label>
          <label className="check">
            <input type="checkbox" name="shuffleOptions" defaultChecked={m.shuffleOptions} /> {t("fields.shuffleOptions")}
          </label>
          <Field name="review" label={t("fields.review")} hint={t("fields.reviewHint")} errors={errorsOf(result, "module")} defaultValue={kept("review", m.review)}>
            {REVIEW_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {t(`reviewRules.${rule}`)}
              </option>
            ))}
          </Field>
          <div className="grid">
            <Field
              name="waitAfterFailures"
              label={t("fields.waitAfterFailures")}
              hint={t("fields.waitAfterFailuresHint")}
              errors={errorsOf(result, "module")}
              inputMode="numeric"
              defaultValue={kept("waitAfterFailures", m.waitAfterFailures)}
            />
            <Field name="waitMinutes" label={t("fields.waitMinutes")} errors={errorsOf(result, "module")} inputMode="numeric" defaultValue={kept("waitMinutes", m.waitMinutes)} />
          </div>
          <button type="submit" className="button">
            {t("save.button")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="questions-heading" className="card stack">
        <h2 id="questions-heading">{t("module.questions")}</h2>
        {d.questions.length === 0 ? <p>{t("module.noQuestions")}</p> : null}
        <ol className="author-list">
          {d.questions.map((q, i) => {
            const label = q.text || t("module.untitled", { key: q.key });
            return (
              <li key={q.key} className="row row--between">
                <span>
                  <Link to={`${base}/questions/${m.key}/${q.key}`} {...lang}>
                    {label}
                  </Link>{" "}
                  <span className="badge">{t(`types.${q.type}`)}</span>
                </span>
                <span className="row">
                  {i > 0 ? <ActionButton intent="up" fields={{ questionKey: q.key }} revision={d.revision} label={t("edit.up")} hidden={label} /> : null}
                  {i < d.questions.length - 1 ? <ActionButton intent="down" fields={{ questionKey: q.key }} revision={d.revision} label={t("edit.down")} hidden={label} /> : null}
                  <DeleteButton kind="question" fields={{ questionKey: q.key }} revision={d.revision} name={label} summary={q.deletes} />
                </span>
              </li>
            );
          })}
        </ol>
        <Form method="post" className="row author-add" key={d.revision}>
          <input type="hidden" name="intent" value="addQuestion" />
          <input type="hidden" name="revision" value={d.revision} />
          <Field scope="addQuestion" name="type" label={t("module.newQuestionType")} errors={errorsOf(result, "addQuestion")} defaultValue="single">
            {QUESTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`types.${type}`)}
              </option>
            ))}
          </Field>
          <button type="submit" className="button button--secondary">
            {t("module.addQuestion")}
          </button>
        </Form>
      </section>
    </div>
  );
}
