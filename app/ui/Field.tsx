import { useRef, type ChangeEvent, type InputHTMLAttributes, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { failureOf, type Failure } from "~/http/forms";

// The one form field of the site (docs/decisions/0009-form-contract.md): a label, the control (an
// input; a select when given options as children; a textarea when given `rows`), a hint, and the
// field's error, both tied to the control with aria-describedby and the error with aria-invalid.
// One id scheme: `field-<name>` (characters an id selector cannot take, as in `o0.text`, become `_`),
// its hint `field-<name>-hint`, its error `field-<name>-error`. Where one page has several forms with
// a field of the same name (a "title" per module), `scope` tells them apart: `field-<scope>-<name>`.

export function fieldId(name: string, scope?: string): string {
  return `field-${(scope ? `${scope}-${name}` : name).replace(/[^a-zA-Z0-9_-]/g, "_")}`;
}

/**
 * The translated text of a failure. A key without a namespace is in "errors" (the namespace of the
 * sign-in, account and field messages); every other key names its namespace (such as authoring:form.gone).
 */
export function useFailureText(): (failure: Failure) => string {
  const { t } = useTranslation("errors");
  return (failure) => t(failure.key, failure.values ?? {});
}

/** The error line of a field, for a control built by hand (a group of radio buttons, a fieldset). */
export function FieldError({ name, errors, scope }: { name: string; errors: readonly Failure[] | undefined; scope?: string }) {
  const text = useFailureText();
  const failure = failureOf(errors, name);
  if (!failure) return null;
  return (
    <p className="field-error" id={`${fieldId(name, scope)}-error`}>
      {text(failure)}
    </p>
  );
}

/**
 * A problem that is not the refusal of this form but a check of a larger whole (the course editor
 * checks the entire draft, app/authoring/problems.ts): `field` is the DOM id of the field where it is
 * fixed; a Field shows the ones naming it under the control, with the id `<id>-at`, and announces them.
 * `key` is a translation key as in a Failure (its namespace named).
 */
export type FieldProblem = { id: string; field: string | null; key: string; params?: Record<string, string | number> };

/** The problems naming the field `id`. */
export function problemsOf(problems: readonly FieldProblem[] | undefined, id: string): FieldProblem[] {
  return (problems ?? []).filter((p) => p.field === id);
}

/** aria attributes of a hand-built control whose error (if any) is announced with it. */
export function invalidProps(
  name: string,
  errors: readonly Failure[] | undefined,
  options: { hint?: boolean; scope?: string; problems?: readonly FieldProblem[] } = {},
) {
  const id = fieldId(name, options.scope);
  const hint = options.hint;
  const failed = failureOf(errors, name) !== undefined;
  const own = problemsOf(options.problems, id);
  const describedBy = [hint ? `${id}-hint` : null, failed ? `${id}-error` : null, ...own.map((p) => `${p.id}-at`)].filter(Boolean).join(" ") || undefined;
  return { "aria-invalid": failed || own.length > 0 ? (true as const) : undefined, "aria-describedby": describedBy };
}

/** The messages of the problems naming the field `id` (see FieldProblem), for Field and hand-built controls. */
export function FieldProblems({ id, problems }: { id: string; problems: readonly FieldProblem[] | undefined }) {
  const text = useFailureText();
  return (
    <>
      {problemsOf(problems, id).map((p) => (
        <p key={p.id} className="field-error" id={`${p.id}-at`}>
          {text({ key: p.key, values: p.params })}
        </p>
      ))}
    </>
  );
}

type Props = {
  name: string;
  label: string;
  hint?: string;
  /** the refusal of the form this field belongs to; the field shows the failure named after it */
  errors?: readonly Failure[];
  /** tells apart fields of the same name in several forms of one page */
  scope?: string;
  /** problems found by a check of a larger whole (FieldProblem); those naming this field show under it */
  problems?: readonly FieldProblem[];
  /** with `required`: the word shown after the label ("required"), so the requirement is seen before sending */
  requiredMark?: string;
  /** classes of the field's box, besides "field" (the control takes `className`) */
  boxClassName?: string;
  /** more below the error (a list the error refers to) */
  after?: ReactNode;
  /** a textarea of this many rows */
  rows?: number;
  /** a select's options */
  children?: ReactNode;
  onChange?: (event: ChangeEvent<HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement>) => void;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name" | "onChange" | "children">;

export function Field({ name, label, hint, errors, scope, problems, requiredMark, boxClassName, after, rows, children, type = "text", ...attributes }: Props) {
  const id = fieldId(name, scope);
  const control = { id, name, ...invalidProps(name, errors, { hint: Boolean(hint), scope, problems }), ...attributes };
  return (
    <div className={boxClassName ? `field ${boxClassName}` : "field"}>
      <label htmlFor={id}>
        {label}
        {requiredMark && attributes.required ? <span className="required-mark"> ({requiredMark})</span> : null}
      </label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children ? (
        <select {...(control as React.SelectHTMLAttributes<HTMLSelectElement>)}>{children}</select>
      ) : rows ? (
        <textarea rows={rows} {...(control as React.TextareaHTMLAttributes<HTMLTextAreaElement>)} />
      ) : (
        <input type={type} {...control} />
      )}
      <FieldError name={name} errors={errors} scope={scope} />
      <FieldProblems id={id} problems={problems} />
      {after}
    </div>
  );
}

/**
 * A key that changes with every form result: given to password fields, it re-creates them empty
 * after a refused submission (a form submitted with JavaScript is not reloaded, so the browser
 * would otherwise keep the typed password).
 */
export function useResetKey(result: unknown): number {
  const previous = useRef(result);
  const count = useRef(0);
  if (previous.current !== result) {
    previous.current = result;
    count.current += 1;
  }
  return count.current;
}
