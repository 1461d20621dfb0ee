import type { ChangeEvent, InputHTMLAttributes, TextareaHTMLAttributes } from "react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { direction, localeNames, supportedLocales, type Locale } from "~/i18n/config";
import type { DeletionSummary } from "../edit";
import type { PlacedError, PlacedFinding } from "../drafts.server";
import type { DraftActionData } from "../actions.server";

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

/** The errors `courses:check` finds in one part of the draft, shown where that part is edited. */
export function CheckErrors({ errors, id }: { errors: PlacedError[]; id?: string }) {
  const { t } = useTranslation("authoring");
  if (errors.length === 0) return null;
  return (
    <div className="alert alert--error" id={id}>
      <p>
        <strong>{t("check.heading", { count: errors.length })}</strong>
      </p>
      <ul className="author-errors">
        {errors.map((e, i) => (
          <li key={i}>
            {"locale" in e.place && e.place.locale ? <span className="badge">{localeNames[e.place.locale]}</span> : null} {e.message}{" "}
            <span className="muted">
              ({e.file.replace(/^courses\/[^/]+\//, "")}:{e.line})
            </span>
          </li>
        ))}
      </ul>
    </div>
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
    <div className={hasError ? "alert alert--error" : "alert alert--notice"} data-testid="quality-findings">
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
    </div>
  );
}

/** The result of a save: done, refused (fields marked below), or overtaken by someone else's save. */
export function SaveStatus({ result, intent }: { result: DraftActionData | undefined; intent: string }) {
  const { t } = useTranslation("authoring");
  const location = useLocation();
  if (!result || result.intent !== intent) return null;
  if (result.saved) {
    return (
      <p className="alert alert--success" role="status">
        {t("save.saved")}
      </p>
    );
  }
  const form = result.errors?.form;
  return (
    <div className="alert alert--error" role="alert">
      {form === "form.conflict" ? (
        <>
          <p>{t("save.conflict")}</p>
          <p>
            <a href={location.pathname + location.search}>{t("save.reload")}</a>
          </p>
        </>
      ) : form ? (
        <p>{t(form)}</p>
      ) : (
        <p>{t("save.invalid")}</p>
      )}
    </div>
  );
}

/** What an editor form's action returned: its errors (translation keys) by field, for the form of `intent`. */
type FormResult = { intent?: string; errors?: Partial<Record<string, string>> } | undefined;

const errorOf = (result: FormResult, name: string, intent?: string) => (result && (!intent || result.intent === intent) ? result.errors?.[name] : undefined);

export function FieldError({ result, name, intent }: { result: FormResult; name: string; intent?: string }) {
  const { t } = useTranslation("authoring");
  const error = errorOf(result, name, intent);
  if (!error) return null;
  return (
    <p className="field-error" id={`${cssId(name)}-error`}>
      {t(error)}
    </p>
  );
}

/**
 * A labelled text field of the editor's forms (an input, or a textarea with `rows`), with its hint
 * and its error, both announced with the field. The error shows for the form of `intent` only.
 */
export function TextField({
  name,
  label,
  hint,
  result,
  intent,
  rows,
  ...attributes
}: {
  name: string;
  label: string;
  hint?: string;
  result: FormResult;
  intent?: string;
  rows?: number;
  onChange?: (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "onChange">) {
  const id = cssId(name);
  const error = errorOf(result, name, intent);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const control = { id, name, "aria-describedby": describedBy, "aria-invalid": error ? (true as const) : undefined, ...attributes };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {rows ? <textarea rows={rows} {...(control as TextareaHTMLAttributes<HTMLTextAreaElement>)} /> : <input {...control} />}
      <FieldError result={result} name={name} intent={intent} />
    </div>
  );
}

export function cssId(name: string) {
  return `f-${name.replace(/[^a-zA-Z0-9_-]/g, "_")}`;
}

/** Attributes of an input whose error (if any) is announced with it. */
export function invalid(result: FormResult, name: string) {
  const error = result?.errors?.[name];
  return error ? { "aria-invalid": true as const, "aria-describedby": `${cssId(name)}-error` } : {};
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
