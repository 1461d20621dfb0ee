import { useRef } from "react";
import { useTranslation } from "react-i18next";

type Props = {
  name: string;
  label: string;
  type?: string;
  defaultValue?: string;
  error?: string;
  hint?: string;
  autoComplete?: string;
  required?: boolean;
  children?: React.ReactNode; // a <select>'s options
};

/** A labelled input whose error is announced and tied to it (aria-describedby). */
export function Field({ name, label, type = "text", defaultValue, error, hint, autoComplete, required, children }: Props) {
  const { t } = useTranslation("errors");
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name,
    defaultValue,
    required,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": described,
  } as const;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children ? <select {...common}>{children}</select> : <input {...common} type={type} autoComplete={autoComplete} />}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {t(error)}
        </p>
      ) : null}
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
