import { forwardRef, type ReactNode } from "react";
import { failureOf, type Failure } from "~/http/forms";
import { useFailureText } from "./Field";

// The one message box of the site. An error is announced at once (role=alert); a success or a
// notice politely (role=status); `quiet` has no role, `note` is role=note. `focus` makes it focusable from script (tabIndex=-1) for a message
// the page moves the focus to after a submission (the import's outcome, a discarded draft), so a
// keyboard or screen reader user lands on it.

type Props = {
  tone: "error" | "success" | "notice";
  children: ReactNode;
  /** a block with paragraphs or lists ("div"), or with its own heading ("section", named by `labelledBy`), rather than one sentence ("p") */
  as?: "p" | "div" | "section";
  focus?: boolean;
  /** with `focus`: focused on load as well (the `autofocus` attribute), for the answer page of a form posted without JavaScript */
  autoFocus?: boolean;
  /** no live-region role: a message that is part of the page from its first render, not news */
  quiet?: boolean;
  /** role=note: a remark beside the content (no live region), such as "this lesson is not yet in your language" */
  note?: boolean;
  id?: string;
  className?: string;
  labelledBy?: string;
  hidden?: boolean;
  "data-testid"?: string;
};

export const Alert = forwardRef<HTMLElement, Props>(function Alert(
  { tone, children, as: Element = "p", focus, autoFocus, quiet, note, id, className, labelledBy, hidden, "data-testid": testId },
  ref,
) {
  const attributes = {
    id,
    hidden,
    className: ["alert", `alert--${tone}`, className].filter(Boolean).join(" "),
    role: note ? "note" : quiet ? undefined : tone === "error" ? "alert" : "status",
    tabIndex: focus ? -1 : undefined,
    autoFocus: focus && autoFocus ? true : undefined,
    "aria-labelledby": labelledBy,
    "data-testid": testId,
  };
  return (
    <Element {...attributes} ref={ref as React.Ref<never>}>
      {children}
    </Element>
  );
});

/** The refusal of a whole form (the Failure without a field), as an error message; nothing when there is none. */
export function FormFailure({ errors, focus, id }: { errors: readonly Failure[] | undefined; focus?: boolean; id?: string }) {
  const text = useFailureText();
  const failure = failureOf(errors);
  return failure ? (
    <Alert tone="error" focus={focus} id={id}>
      {text(failure)}
    </Alert>
  ) : null;
}
