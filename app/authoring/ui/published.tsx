import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localeNames } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import type { PublishedState } from "../drafts.server";
import { Breadcrumbs, VersionStatusBadge, localeAttrs } from "./parts";

/**
 * The editor (edit, translate) of a course with nothing being written: the published version as a
 * read-only summary, and the button that starts the next draft from it (then back to this page).
 */
export function PublishedSummary({ state, page, locale }: { state: PublishedState; page: "edit" | "translate"; locale: string }) {
  const { t } = useTranslation("authoring");
  const base = `/author/courses/${state.slug}`;
  const lang = localeAttrs(state.sourceLocale);
  return (
    <div className="stack author-editor">
      <Breadcrumbs items={[{ to: "/author", label: t("home.heading") }, { to: base, label: state.title }, { label: t(page === "edit" ? "edit.heading" : "translate.heading") }]} />
      <h1>
        <span {...lang}>{state.title}</span> <span className="muted">· {t("version.label", { version: state.version })}</span>
      </h1>
      <div className="card stack" data-testid="published-state">
        <p>
          <VersionStatusBadge status="PUBLISHED" />{" "}
          {state.publishedAt ? t("published.since", { date: formatDate(state.publishedAt, locale) }) : null}
        </p>
        <p>{t("published.readOnly")}</p>
        {state.canStartDraft ? (
          <Form method="post" action={base}>
            <input type="hidden" name="intent" value="startDraft" />
            <input type="hidden" name="next" value={page} />
            <button type="submit" className="button">
              {t("course.startDraft")}
            </button>
          </Form>
        ) : null}
        <p className="row">
          <Link to={`${base}/read?version=${state.version}`}>{t("published.read")}</Link>
          <Link to={base}>{t("published.overview")}</Link>
        </p>
      </div>
      <section aria-labelledby="published-contents" className="card stack">
        <h2 id="published-contents">{t("published.contents")}</h2>
        <ol className="author-outline">
          {state.modules.map((m) => (
            <li key={m.key}>
              <span {...lang}>{m.title}</span> <span className="muted">
                · {t("published.lessons", { count: m.lessons })}, {t("published.questions", { count: m.questions })}
              </span>
            </li>
          ))}
        </ol>
        <p>
          {t("published.languages")}{" "}
          {state.completeLocales.map((l, i) => (
            <span key={l} lang={l}>
              {i > 0 ? ", " : ""}
              {localeNames[l]}
            </span>
          ))}
        </p>
      </section>
    </div>
  );
}
