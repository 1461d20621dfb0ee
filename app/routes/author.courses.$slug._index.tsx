import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate } from "~/i18n/format";
import { localeNames, supportedLocales } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { draftProblems, listVersions, requireCourseAuthor, startDraft } from "~/authoring/drafts.server";
import { discardDraft, reviewHistory, reviewStep } from "~/authoring/review.server";
import { completeness } from "~/authoring/texts";
import { availableActions, canStartDraft, type ReviewAction } from "~/authoring/workflow";
import { Breadcrumbs, CheckErrors, CompletenessBars, VersionStatusBadge } from "~/authoring/ui/parts";
import { DataTable } from "~/ui/DataTable";
import { orgName } from "~/organizations/names";
import { overrideAsAuthor, parseOverrideForm, quizChoices } from "~/learning/overrides.server";
import { QuizOverrideForm } from "~/components/QuizOverrideForm";
import { fail, formRevision, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { Field } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const { t, locale } = await translatorFor(request, "authoring");
  const versions = await listVersions(ctx.course.id);
  const working = versions.find((v) => v.status === "DRAFT" || v.status === "IN_REVIEW") ?? null;
  const current = working ?? versions.find((v) => v.status === "PUBLISHED") ?? versions[0];
  const title = pick(current.content.title, locale, ctx.course.sourceLocale).value;
  return {
    title: t("course.title", { title }),
    heading: title,
    locale,
    slug: ctx.course.slug,
    academyName: orgName({ name: ctx.course.academyName, names: ctx.course.academyNames }, locale),
    sourceLocale: ctx.course.sourceLocale,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      createdAt: v.createdAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
    })),
    shares: Object.fromEntries(supportedLocales.map((l) => [l, completeness(current.content, l)])),
    working: working
      ? {
          id: working.id,
          version: working.version,
          status: working.status,
          revision: working.revision,
          errors: working.status === "DRAFT" ? draftProblems(working.content).problems : [],
          actions: availableActions({ userId: ctx.userId, role: ctx.role }, { status: working.status, submittedById: working.submittedById }),
          history: await reviewHistory(working.id),
        }
      : null,
    canStartDraft: canStartDraft(versions.map((v) => v.status)),
    // learners take published versions: the override form offers the newest published one's quizzes
    // (the server checks the quiz against the learner's own version)
    quizzes: (() => {
      const published = versions.find((v) => v.status === "PUBLISHED");
      return published ? quizChoices(published.content, locale) : [];
    })(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const ctx = await requireCourseAuthor(request, params.slug);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  if (intent === "quizOverride") {
    // extra attempts or a reset for one learner of this academy's course (app/learning/overrides.server.ts)
    const parsed = parseOverrideForm(formData);
    if (!parsed.ok) return data({ intent, errors: parsed.errors, comment: "" }, { status: 400 });
    const granted = await overrideAsAuthor(ctx.course.academyId, ctx.userId, ctx.course.id, String(formData.get("email") ?? ""), parsed.data);
    if (!granted) return data({ intent, ...fail("authoring:form.gone"), comment: "" }, { status: 404 });
    if (!granted.ok) return data({ intent, errors: granted.errors, comment: "" }, { status: 400 });
    return data({ intent, overridden: true, comment: "" });
  }
  if (intent === "startDraft") {
    const started = await startDraft(ctx.course.id);
    if (!started.ok) return data({ intent, ...fail("authoring:workflow.cannotStart"), comment: "" }, { status: 409 });
    // from the editor's published state, back to the page it was started from
    const next = formData.get("next") === "translate" ? "translate" : "edit";
    return redirect(`/author/courses/${ctx.course.slug}/${next}`);
  }
  if (intent === "discard") {
    // asked first: the form has a required checkbox, checked again here for browsers that skip it
    if (formData.get("confirm") !== "yes") return data({ intent, ...fail("authoring:discard.confirmRequired"), comment: "" }, { status: 400 });
    const result = await discardDraft(ctx, { versionId: String(formData.get("versionId") ?? ""), revision: formRevision(formData.get("revision")) ?? -1 });
    if (!result.ok) return data({ intent, errors: result.errors, comment: "" }, { status: 409 });
    // the course is gone with its only version: /author says so (a query, so it works without JS)
    if (result.courseDeleted) return redirect(`/author?discarded=${encodeURIComponent(ctx.course.slug)}`);
    return data({ intent, discarded: result.version, comment: "" });
  }
  if (!["submit", "approve", "sendBack", "withdraw"].includes(intent)) {
    return data({ intent, ...fail("authoring:form.gone"), comment: "" }, { status: 400 });
  }
  const comment = String(formData.get("comment") ?? "").slice(0, 5000);
  const revision = formData.has("revision") ? (formRevision(formData.get("revision")) ?? -1) : undefined;
  const result = await reviewStep(ctx, intent as ReviewAction, { versionId: String(formData.get("versionId") ?? ""), revision, comment });
  if (!result.ok) return data({ intent, errors: result.errors, comment }, { status: 409 });
  return data({ intent, done: result.status, version: result.version, comment: "" });
}

export default function CourseOverview() {
  const { t } = useTranslation("authoring");
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const w = d.working;
  const errors = result && "errors" in result ? result.errors : undefined;
  // after a discard, the confirmation takes the focus (the form it answers is gone)
  const doneRef = useRef<HTMLElement>(null);
  const discarded = result && "discarded" in result ? result.discarded : null;
  useEffect(() => {
    if (discarded) doneRef.current?.focus();
  }, [discarded]);
  const base = `/author/courses/${d.slug}`;
  return (
    <div className="stack">
      <Breadcrumbs items={[{ to: "/author", label: t("home.heading") }, { label: d.heading }]} />
      <h1>{d.heading}</h1>
      <p className="muted">
        {d.academyName} · {t("course.source", { language: localeNames[d.sourceLocale] })}
      </p>

      <FormFailure errors={errors} />
      {result && "done" in result && result.done ? <Alert tone="success">{t(`workflow.done.${result.done}`, { version: result.version })}</Alert> : null}
      {result && "discarded" in result && result.discarded ? (
        <Alert tone="success" focus id="discard-done" ref={doneRef}>
          {t("discard.done", { version: result.discarded })}
        </Alert>
      ) : null}

      <section aria-labelledby="translations-heading" className="card">
        <h2 id="translations-heading">{t("course.translations")}</h2>
        <CompletenessBars shares={d.shares} source={d.sourceLocale} />
      </section>

      {w ? (
        <section aria-labelledby="working-heading" className="card stack">
          <h2 id="working-heading">
            {t("version.label", { version: w.version })} <VersionStatusBadge status={w.status} />
          </h2>
          <p>
            <Link to={`${base}/read?version=${w.version}`}>{t("read.link")}</Link>
          </p>
          {w.status === "DRAFT" ? (
            <>
              <p className="row">
                <Link to={`${base}/edit`} className="button">
                  {t("course.edit")}
                </Link>
                <Link to={`${base}/translate`} className="button button--secondary">
                  {t("course.translate")}
                </Link>
              </p>
              {w.errors.length ? (
                <>
                  <p>{t("check.beforeSubmit")}</p>
                  <CheckErrors problems={w.errors} />
                </>
              ) : (
                <p className="badge badge--ok">{t("check.ok")}</p>
              )}
            </>
          ) : (
            <p>{t("review.inReview")}</p>
          )}

          {w.actions.includes("submit") ? (
            <Form method="post">
              <input type="hidden" name="intent" value="submit" />
              <input type="hidden" name="versionId" value={w.id} />
              <input type="hidden" name="revision" value={w.revision} />
              <button type="submit" className="button" disabled={w.errors.length > 0}>
                {t("review.submit")}
              </button>
            </Form>
          ) : null}

          {w.actions.includes("approve") ? (
            <div className="stack">
              <Form method="post">
                <input type="hidden" name="intent" value="approve" />
                <input type="hidden" name="versionId" value={w.id} />
                <button type="submit" className="button">
                  {t("review.approve")}
                </button>
              </Form>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="sendBack" />
                <input type="hidden" name="versionId" value={w.id} />
                <Field
                  name="comment"
                  label={t("review.comment")}
                  rows={4}
                  defaultValue={result?.comment ?? ""}
                  // the refusal is said at the top of the page; the field is marked
                  aria-invalid={errors?.some((e) => e.key === "authoring:workflow.commentRequired") ? true : undefined}
                />
                <button type="submit" className="button button--secondary">
                  {t("review.sendBack")}
                </button>
              </Form>
            </div>
          ) : null}

          {w.actions.includes("withdraw") ? (
            <>
              <p className="muted">{t("review.waiting")}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="withdraw" />
                <input type="hidden" name="versionId" value={w.id} />
                <button type="submit" className="button button--secondary">
                  {t("review.withdraw")}
                </button>
              </Form>
            </>
          ) : null}

          {w.status === "DRAFT" ? (
            <Form method="post" className="stack author-discard" aria-labelledby="discard-heading">
              <h3 id="discard-heading">{t("discard.heading")}</h3>
              <p className="muted">{t("discard.explain")}</p>
              <input type="hidden" name="intent" value="discard" />
              <input type="hidden" name="versionId" value={w.id} />
              <input type="hidden" name="revision" value={w.revision} />
              <div className="field field--check">
                <input type="checkbox" id="discard-confirm" name="confirm" value="yes" required />
                <label htmlFor="discard-confirm">{t("discard.confirm")}</label>
              </div>
              <button type="submit" className="button button--danger">
                {t("discard.button")}
              </button>
            </Form>
          ) : null}

          {w.history.length ? (
            <div>
              <h3>{t("review.history")}</h3>
              <ul className="author-history">
                {w.history.map((h) => (
                  <li key={h.id}>
                    <strong>{t(`review.events.${h.action}`, { name: h.actorName })}</strong>{" "}
                    <span className="muted">{formatDate(h.createdAt, d.locale)}</span>
                    {h.comment ? <blockquote className="author-comment">{h.comment}</blockquote> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ) : null}

      {d.quizzes.length ? (
        <section aria-labelledby="overrides-heading" className="card stack">
          <h2 id="overrides-heading">{t("learning:overrides.heading")}</h2>
          {result && "overridden" in result && result.overridden ? (
            <Alert tone="success">{t("learning:overrides.saved")}</Alert>
          ) : null}
          <QuizOverrideForm idPrefix="author-override" quizzes={d.quizzes} hidden={{}} withEmail busy={false} />
        </section>
      ) : null}

      {d.canStartDraft ? (
        <Form method="post">
          <input type="hidden" name="intent" value="startDraft" />
          <button type="submit" className="button">
            {t("course.startDraft")}
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading">{t("course.versions")}</h2>
        <DataTable
          labelledBy="versions-heading"
          rows={d.versions}
          rowKey={(v) => v.id}
          columns={[
            {
              key: "version",
              header: t("columns.version"),
              rowHeader: true,
              cell: (v) => (
                <Link to={`${base}/read?version=${v.version}`}>
                  {v.version}
                  <span className="visually-hidden"> ({t("read.link")})</span>
                </Link>
              ),
            },
            { key: "status", header: t("columns.status"), cell: (v) => <VersionStatusBadge status={v.status} /> },
            { key: "created", header: t("columns.created"), cell: (v) => formatDate(v.createdAt, d.locale) },
            { key: "published", header: t("columns.published"), cell: (v) => (v.publishedAt ? formatDate(v.publishedAt, d.locale) : "—") },
            {
              key: "files",
              header: t("columns.files"),
              cell: (v) => (
                <a href={`${base}/versions/${v.version}/export.zip`} download>
                  {t("course.export")}
                  <span className="visually-hidden"> ({t("version.label", { version: v.version })})</span>
                </a>
              ),
            },
            {
              key: "statistics",
              header: t("statistics:link"),
              // only a version learners can have taken has answers to count
              cell: (v) =>
                v.status === "PUBLISHED" || v.status === "ARCHIVED" ? (
                  <Link to={`${base}/versions/${v.version}/statistics`}>
                    {t("statistics:link")}
                    <span className="visually-hidden"> ({t("version.label", { version: v.version })})</span>
                  </Link>
                ) : (
                  "—"
                ),
            },
          ]}
        />
      </section>
    </div>
  );
}
