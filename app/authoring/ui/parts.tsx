import { useEffect, useRef } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { direction, localeNames, supportedLocales, type Locale } from "~/i18n/config";
import type { DeletionSummary } from "../edit";
import type { PlacedFinding } from "../drafts.server";
import type { DraftActionData } from "../actions.server";
import { failureOf, type Failure } from "~/http/forms";
import { Alert } from "~/ui/Alert";
import { useFailureText } from "~/ui/Field";
import type { EditorProblem } from "../problems";

export function VersionStatusBadge({ status }: { status: string }) {
  const { t } = useTranslation("authoring");
  const tone = status === "PUBLISHED" ? "badge badge--ok" : status === "IN_REVIEW" ? "badge badge--warn" : "badge";
  return <span className={tone}>{t(`status.${status}`)}</span>;
}

/** One bar per language: the share of the course's texts written in it. */
export function CompletenessBars({ shares, source }: { shares: Record<string, number>; source: string }) {
  const { t } = useTranslation("authoring");
  return (
    <ul className="author-bars">
      {supportedLocales.map((l) => {
        const percent = Math.round((shares[l] ?? 0) * 100);
        return (
          <li key={l}>
            <span lang={l} dir={direction(l)} className="author-bars__name">
              {localeNames[l]}
            </span>
            <span className="progress" role="img" aria-label={t("bars.label", { language: localeNames[l], percent })}>
              <span style={{ width: `${percent}%` }} />
            </span>
            <span className="muted">
              {percent} %{l === source ? ` · ${t("bars.source")}` : ""}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The errors `courses:check` finds in one part of the draft, in the author's language, each a link
 * to the field where it is fixed (problems.ts). The file, line and compiler message stay one click
 * away for those who also work on the course files.
 */
export function CheckErrors({ problems, id }: { problems: EditorProblem[]; id?: string }) {
  const { t } = useTranslation("authoring");
  if (problems.length === 0) return null;
  return (
    <Alert tone="error" as="div" quiet id={id}>
      <p>
        <strong>{t("check.heading", { count: problems.length })}</strong>
      </p>
      <ul className="author-errors">
        {problems.map((p) => (
          <li key={p.id} id={p.id}>
            {p.locale ? (
              <span className="badge" lang={p.locale}>
                {localeNames[p.locale]}
              </span>
            ) : null}{" "}
            <a href={p.href}>{t(p.key, p.params)}</a>
            <details className="author-detail">
              <summary>{t("problems.forFiles")}</summary>
              <code lang="en" dir="ltr">
                {p.detail}
              </code>
            </details>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * Quality findings (app/courses/lint.ts) in the author's language: the same checks as
 * `npm run courses:check`, with the file and line for those who also work on the files.
 */
export function CheckFindings({ findings }: { findings: Pick<PlacedFinding, "file" | "line" | "severity" | "code" | "params" | "place">[] }) {
  const { t } = useTranslation("authoring");
  if (findings.length === 0) return null;
  const hasError = findings.some((f) => f.severity === "error");
  return (
    <Alert tone={hasError ? "error" : "notice"} as="div" quiet data-testid="quality-findings">
      <p>
        <strong>{t("lint.heading", { count: findings.length })}</strong>
      </p>
      <p>{t("lint.intro")}</p>
      <ul className="author-errors">
        {findings.map((f, i) => (
          <li key={i}>
            <span className={f.severity === "error" ? "badge badge--warn" : "badge"}>{t(`lint.${f.severity}`)}</span>{" "}
            {"locale" in f.place && f.place.locale ? <span className="badge">{localeNames[f.place.locale]}</span> : null} {t(`lint.${f.code}`, f.code === "trueFalseSame" ? { ...f.params, answer: t(`question.${f.params.answer}`) } : f.params)}{" "}
            <span className="muted">
              ({f.file.replace(/^courses\/[^/]+\//, "")}:{f.line})
            </span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * The result of a save — done, refused (fields marked below), or overtaken by someone else's save —
 * at the top of the page, under its heading, where the person is taken: it receives the focus (so
 * it is scrolled to and read out) after every save, rather than appearing next to a button at the
 * bottom of a long page; without JavaScript, `autofocus` does the same on the answer page.
 */
export function SaveStatus({ result }: { result: DraftActionData | undefined }) {
  const { t } = useTranslation("authoring");
  const text = useFailureText();
  const location = useLocation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (result) ref.current?.focus();
  }, [result]);
  if (!result) return null;
  if (result.saved) {
    return (
      <Alert tone="success" as="div" focus autoFocus ref={ref} className="save-status" data-testid="save-status">
        <p>{t("save.saved")}</p>
      </Alert>
    );
  }
  const form = failureOf(result.errors);
  return (
    <Alert tone="error" as="div" focus autoFocus ref={ref} className="save-status" data-testid="save-status">
      {form?.key === "authoring:form.conflict" ? (
        <>
          <p>{t("save.conflict")}</p>
          <p>
            <a href={location.pathname + location.search}>{t("save.reload")}</a>
          </p>
        </>
      ) : form ? (
        <p>{text(form)}</p>
      ) : (
        <p>{t("save.invalid")}</p>
      )}
    </Alert>
  );
}

/** The refusal of an editor form, for the form of `intent` only (a page has several forms). */
export function errorsOf(result: { intent?: string; errors?: Failure[] } | undefined, intent?: string): Failure[] | undefined {
  return result && (!intent || result.intent === intent) ? result.errors : undefined;
}

/**
 * The visible "required" mark of a label built by hand (a group's legend); a Field takes
 * `requiredMark`. A word, not only an asterisk, so it is read out and understood; the control itself
 * carries `required` (the browser checks it before sending).
 */
export function RequiredMark() {
  const { t } = useTranslation("authoring");
  return <span className="required-mark"> ({t("form.requiredMark")})</span>;
}

/** aria-describedby for a control that is not a Field: the problems listed for its field id. */
export function describedBy(problems: EditorProblem[], id: string): string | undefined {
  return problems.filter((p) => p.field === id).map((p) => p.id).join(" ") || undefined;
}

/** A small POST form with one button: move up or down (deleting asks first: DeleteButton). */
export function ActionButton({
  intent,
  fields,
  revision,
  label,
  hidden,
}: {
  intent: string;
  fields: Record<string, string>;
  revision: number;
  label: string;
  hidden?: string;
}) {
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="revision" value={revision} />
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <button type="submit" className="link-button">
        {label}
        {hidden ? <span className="visually-hidden"> ({hidden})</span> : null}
      </button>
    </Form>
  );
}

/**
 * "Delete" that first says what goes — the part, for a module its lessons and questions, and every
 * language it is written in — and asks for a ticked box. A disclosure and a required checkbox, so it
 * works without JavaScript; the server refuses an unticked one too (edit.ts confirmedDelete).
 */
export function DeleteButton({
  kind,
  fields,
  revision,
  name,
  summary,
}: {
  kind: "module" | "lesson" | "question";
  fields: Record<string, string>;
  revision: number;
  name: string;
  summary: DeletionSummary;
}) {
  const { t } = useTranslation("authoring");
  return (
    <details className="delete-confirm">
      <summary className="link-button link-button--danger">
        {t("edit.delete")}
        <span className="visually-hidden"> ({name})</span>
      </summary>
      <Form method="post" className="stack delete-confirm__form">
        <input type="hidden" name="intent" value="delete" />
        <input type="hidden" name="revision" value={revision} />
        {Object.entries(fields).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <p>{t(`delete.${kind}`, { title: name })}</p>
        {kind === "module" ? <p>{t("delete.contents", { lessons: summary.lessons, questions: summary.questions })}</p> : null}
        {summary.languages.length > 0 ? <p>{t("delete.languages", { languages: summary.languages.map((l) => localeNames[l]).join(", ") })}</p> : null}
        <label className="check">
          <input type="checkbox" name="confirm" value="yes" required /> {t("delete.confirm")}
        </label>
        <button type="submit" className="button button--danger">
          {t("delete.button")}
        </button>
      </Form>
    </details>
  );
}

export function Breadcrumbs({ items }: { items: { to?: string; label: string }[] }) {
  const { t } = useTranslation("authoring");
  return (
    <nav aria-label={t("breadcrumbs")} className="breadcrumbs">
      <ol>
        {items.map((item, i) => (
          <li key={i}>{item.to ? <Link to={item.to}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function localeAttrs(locale: Locale) {
  return { lang: locale, dir: direction(locale) };
}
