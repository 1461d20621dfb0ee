import { Form } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * The one row action of a table (docs/decisions/0009-form-contract.md): a small POST form to the
 * page's own action with a hidden `intent`, the row's id(s) as hidden fields, and one button. It works
 * without JavaScript. Where a table has the same button on every row, `context` (the row's name) is
 * added for screen readers only — "Cancel (Urban Planning)" — so that a list of the page's buttons
 * tells them apart (WCAG 2.4.6); `aria-label` replaces the button's whole name instead.
 */
export function RowAction({
  intent,
  hidden,
  children,
  context,
  busy = false,
  className = "link-button",
  formClassName,
  "aria-label": ariaLabel,
}: {
  intent: string;
  /** the row's fields, such as { assignmentId: "…" } */
  hidden: Record<string, string>;
  /** the button's text */
  children: ReactNode;
  /** said after the text to screen readers only, in parentheses */
  context?: string;
  /** a submission is under way: the button is disabled */
  busy?: boolean;
  /** the button's classes (default: a button that looks like a link) */
  className?: string;
  formClassName?: string;
  "aria-label"?: string;
}) {
  return (
    <Form method="post" className={formClassName}>
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={className} disabled={busy} aria-label={ariaLabel}>
        {children}
        {context ? <span className="visually-hidden"> ({context})</span> : null}
      </button>
    </Form>
  );
}
