import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { draftProblems, requireAuthorDraft } from "~/authoring/drafts.server";
import { problemsOnPage } from "~/authoring/problems";
import { draftAction } from "~/authoring/actions.server";
import { OPTION_ROWS_MIN, QUESTION_TYPES, updateQuestion } from "~/authoring/edit";
import { Breadcrumbs, CheckErrors, SaveStatus, localeAttrs } from "~/authoring/ui/parts";
import { Field, FieldError, FieldProblems, fieldId, invalidProps } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { draft } = await requireAuthorDraft(request, params.slug);
  const c = draft.content;
  const m = c.modules.find((x) => x.key === params.moduleKey);
  const q = m?.quiz.questions.find((x) => x.key === params.questionKey);
  if (!m || !q) throw notFound();
  const { t } = await translatorFor(request, "authoring");
  const src = c.sourceLocale;
  return {
    title: t("question.title", { key: q.key }),
    slug: c.slug,
    courseTitle: c.title[src] ?? c.slug,
    moduleKey: m.key,
    moduleTitle: m.title[src] ?? m.key,
    source: src,
    revision: draft.revision,
    question: {
      key: q.key,
      type: q.type,
      text: q.text[src] ?? "",
      explanation: q.explanation[src] ?? "",
      tags: q.tags.join(", "),
      fixedOrder: Boolean(q.fixedOrder),
      options: q.options.map((o) => ({ key: o.key, text: o.text[src] ?? "", feedback: o.feedback[src] ?? "", correct: q.answer.includes(o.key) })),
    },
    // the quiz's errors from `courses:check` (quiz.yaml and its texts); this question's fields name theirs
    ...(() => {
      const problems = draftProblems(c).problems.filter((e) => e.place.section === "quiz" && e.place.moduleKey === m.key);
      return { problems, here: problemsOnPage(problems, `/author/courses/${c.slug}/questions/${m.key}/${q.key}`) };
    })(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  return draftAction(request, params.slug, ({ draft, formData }) => updateQuestion(draft.content, params.moduleKey ?? "", params.questionKey ?? "", formData));
}

export default function EditQuestion() {
  const { t } = useTranslation("authoring");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const values = result?.values;
  const base = `/author/courses/${d.slug}`;
  const lang = localeAttrs(d.source);
  const q = d.question;
  const [type, setType] = useState(values?.type ?? q.type);
  const kept = (name: string, fallback: string) => values?.[name] ?? fallback;
  // After a refused save the rows come back as typed (the stored ones otherwise), plus spare rows.
  const stored = q.type === "true-false" ? [] : q.options;
  const typedRows: { key: string; text: string; feedback: string }[] = [];
  if (values) for (let i = 0; `o${i}.text` in values; i++) typedRows.push({ key: values[`o${i}.key`] ?? "", text: values[`o${i}.text`] ?? "", feedback: values[`o${i}.feedback`] ?? "" });
  const rows = values ? typedRows : stored.map((o) => ({ key: o.key, text: o.text, feedback: o.feedback }));
  while (rows.length < Math.max(OPTION_ROWS_MIN, stored.length + 1)) rows.push({ key: "", text: "", feedback: "" });
  const typedCorrect = values ? (values.correct ?? "").split(",") : null;
  const isCorrect = (i: number) => (typedCorrect ? typedCorrect.includes(String(i)) : stored[i] ? stored[i].correct : false);
  const tf = (key: string) => q.options.find((o) => o.key === key);
  // Which rows are in use, to mark their fields required as the author types: the first two rows
  // always (a question has at least two options), a spare row once it has text or feedback.
  const [used, setUsed] = useState(() => rows.map((r, i) => i < 2 || Boolean(r.text || r.feedback)));
  const markUsed = (i: number, form: HTMLFormElement | null) => {
    const value = (name: string) => (form?.elements.namedItem(name) as HTMLInputElement | null)?.value.trim() ?? "";
    const now = i < 2 || Boolean(value(`o${i}.text`) || value(`o${i}.feedback`));
    if (now !== used[i]) setUsed((u) => u.map((x, j) => (j === i ? now : x)));
  };
  const feedbackRequired = type !== "ordering";
  const required = { required: true, requiredMark: t("form.requiredMark") };
  return (
    <div className="stack author-editor">
      <Breadcrumbs
        items={[
          { to: "/author", label: t("home.heading") },
          { to: base, label: d.courseTitle },
          { to: `${base}/modules/${d.moduleKey}`, label: d.moduleTitle },
          { label: t("question.title", { key: q.key }) },
        ]}
      />
      <h1>{t("question.heading")}</h1>
      <SaveStatus result={result} />
      <p>
        <Link to={`${base}/modules/${d.moduleKey}#questions-heading`}>{t("question.back")}</Link>
      </p>
      <CheckErrors problems={d.problems} />
      <Form method="post" className="card stack">
        <input type="hidden" name="intent" value="question" />
        <input type="hidden" name="revision" value={d.revision} />
        <Field name="type" label={t("fields.questionType")} hint={t(`typeHints.${type}`)} errors={result?.errors} value={type} onChange={(e) => setType(e.target.value as typeof type)}>
          {QUESTION_TYPES.map((x) => (
            <option key={x} value={x}>
              {t(`types.${x}`)}
            </option>
          ))}
        </Field>
        <Field name="text" label={t("fields.questionText")} rows={3} errors={result?.errors} problems={d.here} {...required} maxLength={2000} {...lang} defaultValue={kept("text", q.text)} />

        {type === "true-false" ? (
          <fieldset className="stack" id={fieldId("correct")} aria-describedby={invalidProps("correct", result?.errors, { problems: d.here })["aria-describedby"]}>
            <legend>{t("question.rightAnswer")}</legend>
            {(["true", "false"] as const).map((key) => (
              <div key={key} className="author-option">
                <label className="check">
                  <input type="radio" name="correct" value={key} required defaultChecked={typedCorrect ? typedCorrect.includes(key) : q.type === "true-false" ? isTfCorrect(q, key) : key === "true"} />{" "}
                  {t(`question.${key}`)}
                </label>
                <Field
                  name={`o.${key}.feedback`}
                  label={t("fields.feedbackFor", { option: t(`question.${key}`) })}
                  rows={2}
                  errors={result?.errors}
                  problems={d.here}
                  {...required}
                  {...lang}
                  defaultValue={kept(`o.${key}.feedback`, tf(key)?.feedback ?? "")}
                />
              </div>
            ))}
            <FieldError errors={result?.errors} name="correct" />
            <FieldProblems id={fieldId("correct")} problems={d.here} />
          </fieldset>
        ) : (
          <fieldset
            className="stack"
            id={fieldId("options")}
            aria-describedby={
              [invalidProps("options", result?.errors, { problems: d.here })["aria-describedby"], invalidProps("correct", result?.errors)["aria-describedby"]].filter(Boolean).join(" ") || undefined
            }
          >
            <legend>{type === "ordering" ? t("question.optionsInOrder") : t("question.options")}</legend>
            <p className="hint">{feedbackRequired ? t("question.feedbackRequired") : t("question.feedbackOptional")}</p>
            <FieldError errors={result?.errors} name="options" />
            <FieldError errors={result?.errors} name="correct" />
            <FieldProblems id={fieldId("options")} problems={d.here} />
            {rows.map((row, i) => (
              <div key={i} className="author-option" role="group" aria-label={t("question.option", { n: i + 1 })} onInput={(e) => markUsed(i, e.currentTarget.closest("form"))}>
                <input type="hidden" name={`o${i}.key`} value={row.key} />
                <Field name={`o${i}.text`} label={t("fields.optionText", { n: i + 1 })} errors={result?.errors} problems={d.here} required={used[i]} requiredMark={required.requiredMark} {...lang} defaultValue={row.text} />
                <Field
                  name={`o${i}.feedback`}
                  label={t("fields.optionFeedback", { n: i + 1 })}
                  errors={result?.errors}
                  problems={d.here}
                  required={feedbackRequired && used[i]}
                  requiredMark={required.requiredMark}
                  {...lang}
                  defaultValue={row.feedback}
                />
                {type === "ordering" ? null : (
                  <label className="check">
                    <input type={type === "single" ? "radio" : "checkbox"} name="correct" value={String(i)} required={type === "single"} defaultChecked={isCorrect(i)} />{" "}
                    {t("question.correct", { n: i + 1 })}
                  </label>
                )}
              </div>
            ))}
            <p className="hint">{t("question.rowsHint")}</p>
          </fieldset>
        )}

        <Field name="explanation" label={t("fields.explanation")} hint={t("fields.explanationHint")} rows={3} errors={result?.errors} problems={d.here} {...required} {...lang} defaultValue={kept("explanation", q.explanation)} />
        <Field name="tags" label={t("fields.tags")} hint={t("fields.tagsHint")} errors={result?.errors} defaultValue={kept("tags", q.tags)} />
        <label className="check">
          <input type="checkbox" name="fixedOrder" defaultChecked={q.fixedOrder} /> {t("fields.fixedOrder")}
        </label>
        <button type="submit" className="button">
          {t("save.button")}
        </button>
      </Form>
    </div>
  );
}

function isTfCorrect(q: { options: { key: string; correct: boolean }[] }, key: string): boolean {
  return q.options.find((o) => o.key === key)?.correct ?? false;
}
