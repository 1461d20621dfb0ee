import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { formatDate } from "~/i18n/format";
import { DataTable } from "~/ui/DataTable";
import { Field } from "~/ui/Field";

/**
 * "Another chance at a quiz": extra attempts or a reset for one person, with a required reason.
 * Used on a person's record (a manager) and on the academy's course page (an author, with the
 * learner's email). The server checks everything again (app/learning/overrides.server.ts).
 */
export function QuizOverrideForm({
  idPrefix,
  quizzes,
  hidden,
  withEmail = false,
  busy,
}: {
  idPrefix: string;
  quizzes: { key: string; title: string }[];
  hidden: Record<string, string>;
  withEmail?: boolean;
  busy: boolean;
}) {
  const { t } = useTranslation("learning");
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <details className="quiz-override" data-testid="quiz-override">
      <summary>{t("overrides.heading")}</summary>
      <Form method="post" className="stack">
        <p className="muted" id={id("intro")}>
          {withEmail ? t("overrides.authorIntro") : t("overrides.intro")}
        </p>
        <input type="hidden" name="intent" value="quizOverride" />
        {Object.entries(hidden).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        {withEmail ? <Field scope={idPrefix} name="email" type="email" label={t("overrides.email")} required autoComplete="off" /> : null}
        <Field scope={idPrefix} name="quizKey" label={t("overrides.quiz")} required>
          {quizzes.map((q) => (
            <option key={q.key} value={q.key}>
              {q.title}
            </option>
          ))}
        </Field>
        <fieldset className="field">
          <legend>{t("overrides.action")}</legend>
          <label className="option">
            <input type="radio" name="overrideAction" value="extra" defaultChecked /> <span>{t("overrides.extra")}</span>
          </label>
          <label className="option">
            <input type="radio" name="overrideAction" value="reset" /> <span>{t("overrides.reset")}</span>
          </label>
        </fieldset>
        <Field scope={idPrefix} name="extraAttempts" type="number" label={t("overrides.count")} min={1} max={5} defaultValue={1} inputMode="numeric" />
        <Field scope={idPrefix} name="reason" label={t("overrides.reason")} required minLength={3} maxLength={500} rows={2} />
        <button type="submit" className="button" disabled={busy} aria-describedby={id("intro")}>
          {t("overrides.submit")}
        </button>
      </Form>
    </details>
  );
}

type Row = { id: string; quiz: string; extraAttempts: number; reset: boolean; reason: string; createdAt: string };

export function QuizOverrideHistory({ rows, locale }: { rows: Row[]; locale: string }) {
  const { t } = useTranslation("learning");
  return (
    <DataTable
      caption={t("overrides.history")}
      label={t("overrides.history")}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { key: "date", header: t("overrides.date"), cell: (r) => formatDate(r.createdAt, locale) },
        { key: "quiz", header: t("overrides.quiz"), cell: (r) => r.quiz },
        { key: "what", header: t("overrides.what"), cell: (r) => (r.reset ? t("overrides.resetDone") : t("overrides.extraDone", { count: r.extraAttempts })) },
        { key: "reason", header: t("overrides.reason"), cell: (r) => r.reason },
      ]}
    />
  );
}
