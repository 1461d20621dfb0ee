import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { orgName } from "~/organizations/names";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { getOptionalUser, notFound, requireUser } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { localeNames } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { pick } from "~/courses/localize";
import { academyNameOfCourse, getPublishedVersion, getVersionContent } from "~/courses/versions.server";
import { enrol, enrolmentProgress, findEnrolment, startRecertification, switchToPublishedVersion } from "~/learning/enrolment.server";
import { checkCompletion } from "~/learning/completion.server";
import { latestCertificateOfEnrolment } from "~/certificates/certificates.server";
import { TagList } from "~/components/TagList";
import { glossaryPath, toolIn, toolPath } from "~/courses/reader.server";
import { direction } from "~/i18n/config";
import { readFormData } from "~/http/forms";
import { Alert } from "~/ui/Alert";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.course.title },
  { name: "description", content: data?.course.summary },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const published = await getPublishedVersion(slug);
  const user = await getOptionalUser(request);
  const enrolment = user ? await findEnrolment(user.id, slug) : null;
  // a course whose published version the platform administrator archived (app/admin/courses.server.ts):
  // gone for newcomers, kept for the people already enrolled
  if (!published && !enrolment) throw notFound();
  const { locale } = await translatorFor(request, "courses");
  // A learner keeps the version they enrolled in; everyone else sees the published one.
  const versionId = enrolment?.courseVersionId ?? published!.id;
  const content = await getVersionContent(versionId);
  const progress = enrolment ? await enrolmentProgress(enrolment) : null;
  const source = content.sourceLocale;
  const academy = published ? orgName(published.course.academy, locale) : await academyNameOfCourse(slug, locale);
  const certificate = user && enrolment?.completedAt ? await latestCertificateOfEnrolment(enrolment.id) : null;
  const expiredOn = certificate?.state === "expired" && certificate.expiresAt ? certificate.expiresAt.toISOString() : null;
  return {
    locale,
    signedIn: Boolean(user),
    course: {
      slug,
      title: pick(content.title, locale, source).value,
      summary: pick(content.summary, locale, source).value,
      academy,
      durationMinutes: content.durationMinutes,
      languages: content.completeLocales,
      validityMonths: content.certificateValidityMonths,
      version: enrolment?.courseVersion.version ?? published!.version,
    },
    glossary: content.glossary.length > 0 ? glossaryPath(slug) : null,
    modules: content.modules.map((m, index) => ({
      key: m.key,
      number: index + 1,
      title: pick(m.title, locale, source).value,
      // a translation has the source's objectives one for one; a missing one falls back as a whole list
      objectives: m.objectives[locale] ?? m.objectives[source] ?? [],
      objectivesLang: m.objectives[locale] ? locale : source,
      tools: m.tools.map((tool) => {
        const shown = toolIn(tool, locale, source);
        return { key: tool.key, title: shown.title, description: shown.description, lang: shown.lang, href: toolPath(slug, m.key, tool.key) };
      }),
      quizTitle: pick(m.quiz.title, locale, source).value,
      lessons: m.lessons.map((l) => ({
        key: l.key,
        title: pick(l.title, locale, source).value,
        done: progress?.facts.completedLessons.has(l.key) ?? false,
        tags: l.tags,
      })),
      quizPassed: progress?.facts.passedQuizzes.has(m.quiz.key) ?? false,
      percent: progress?.progress.modules[index]?.percent ?? 0,
    })),
    enrolment: enrolment
      ? {
          percent: progress!.progress.percent,
          completedAt: enrolment.completedAt?.toISOString() ?? null,
          next: progress!.next,
          newerVersion: published && published.id !== enrolment.courseVersionId ? published.version : null,
          certificateId: certificate?.id ?? null,
          certificateExpiredOn: expiredOn,
        }
      : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "enrol") {
    const enrolment = await enrol(user.id, slug);
    if (!enrolment) throw notFound();
    const { next } = await enrolmentProgress(enrolment);
    if (!next) return redirect(`/courses/${slug}`);
    return redirect(next.kind === "lesson" ? `/courses/${slug}/${next.moduleKey}/${next.lessonKey}` : `/courses/${slug}/${next.moduleKey}/quiz`);
  }
  if (intent === "recertify") {
    if (!(await startRecertification(user.id, slug))) throw notFound();
    return redirect(`/courses/${slug}`);
  }
  if (intent === "switchVersion") {
    if (!(await switchToPublishedVersion(user.id, slug))) throw notFound();
    const enrolment = await findEnrolment(user.id, slug);
    if (enrolment) await checkCompletion(enrolment);
    return data({ switched: true });
  }
  return data({ switched: false }, { status: 400 });
}

export default function CoursePage() {
  const { t } = useTranslation("courses");
  const { course, modules, enrolment, signedIn, locale, glossary } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const nextHref = enrolment?.next
    ? enrolment.next.kind === "lesson"
      ? `/courses/${course.slug}/${enrolment.next.moduleKey}/${enrolment.next.lessonKey}`
      : `/courses/${course.slug}/${enrolment.next.moduleKey}/quiz`
    : null;
  return (
    <div className="stack">
      <header className="prose">
        <h1>{course.title}</h1>
        <p className="lead">{course.summary}</p>
        <p className="muted">
          {t("catalogue.by", { academy: course.academy })} · {t("course.version", { version: course.version })} ·{" "}
          {course.validityMonths ? t("course.certificateValidity", { months: course.validityMonths }) : t("course.certificateNoExpiry")}
        </p>
        <ul className="tags" aria-label={t("catalogue.languages")}>
          {course.languages.map((lng) => (
            <li key={lng} className="badge" lang={lng}>
              {localeNames[lng]}
            </li>
          ))}
        </ul>
        {glossary ? (
          <p>
            <a href={glossary} data-testid="glossary-link">
              {t("course.glossary")}
            </a>
          </p>
        ) : null}
      </header>

      {actionData?.switched ? (
        <Alert tone="success" as="div">
          {t("course.switched")}
        </Alert>
      ) : null}

      <section className="card stack" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t("course.progress")}</h2>
        {!signedIn ? (
          <Link className="button" to={`/login?redirectTo=/courses/${course.slug}`}>
            {t("course.signInToStart")}
          </Link>
        ) : !enrolment ? (
          <Form method="post" reloadDocument>
            <button className="button" type="submit" name="intent" value="enrol" data-testid="enrol">
              {t("course.start")}
            </button>
          </Form>
        ) : (
          <>
            <div
              className="progress"
              role="progressbar"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={enrolment.percent}
              aria-label={t("course.progress")}
            >
              <span style={{ width: `${enrolment.percent}%` }} />
            </div>
            <p data-testid="percent">{enrolment.percent} %</p>
            {enrolment.completedAt ? (
              <Alert tone="success" as="div" quiet>
                <p>{t("course.completedOn", { date: formatDate(enrolment.completedAt, locale) })}</p>
                {enrolment.certificateId ? (
                  <Link to={`/certificates/${enrolment.certificateId}`}>{t("course.viewCertificate")}</Link>
                ) : null}
              </Alert>
            ) : null}
            {enrolment.certificateExpiredOn ? (
              <Alert tone="notice" as="div" quiet>
                <p>{t("course.certificateExpired", { date: formatDate(enrolment.certificateExpiredOn, locale) })}</p>
                <Form method="post">
                  <button className="button" type="submit" name="intent" value="recertify" data-testid="recertify">
                    {t("course.recertify")}
                  </button>
                </Form>
              </Alert>
            ) : null}
            {nextHref ? (
              <Link className="button" to={nextHref} reloadDocument data-testid="continue">
                {t("course.continue")}
              </Link>
            ) : (
              <p>{t("course.allDone")}</p>
            )}
            {enrolment.newerVersion ? (
              <Alert tone="notice" as="div" quiet>
                <p>{t("course.newVersion", { version: enrolment.newerVersion })}</p>
                <Form method="post">
                  <button className="button button--secondary" type="submit" name="intent" value="switchVersion">
                    {t("course.switchVersion")}
                  </button>
                </Form>
              </Alert>
            ) : null}
          </>
        )}
      </section>

      <section aria-labelledby="modules-heading">
        <h2 id="modules-heading">{t("course.modules")}</h2>
        <ol className="stack" style={{ listStyle: "none", padding: 0 }}>
          {modules.map((m) => (
            <li key={m.key} className="card">
              <h3 id={`module-${m.key}`}>{t("course.module", { number: m.number, title: m.title })}</h3>
              {m.objectives.length ? (
                <section aria-label={t("course.objectivesFor", { title: m.title })} data-testid={`objectives-${m.key}`}>
                  <p className="muted">{t("course.objectives")}</p>
                  <ul lang={m.objectivesLang} dir={direction(m.objectivesLang)}>
                    {m.objectives.map((o, i) => (
                      <li key={i}>{o}</li>
                    ))}
                  </ul>
                </section>
              ) : null}
              {enrolment ? (
                <p className="muted">
                  {t("course.moduleProgress")}: {m.percent} %
                </p>
              ) : null}
              <ol>
                {m.lessons.map((l) => (
                  <li key={l.key}>
                    {enrolment ? (
                      <Link reloadDocument to={`/courses/${course.slug}/${m.key}/${l.key}`}>
                        {l.title}
                      </Link>
                    ) : (
                      l.title
                    )}
                    {l.done ? (
                      <span className="badge badge--ok" style={{ marginInlineStart: "0.5rem" }}>
                        ✓ {t("course.lessonDone")}
                      </span>
                    ) : null}
                    <TagList tags={l.tags} />
                  </li>
                ))}
              </ol>
              {m.tools.length ? (
                <section aria-label={t("course.toolsFor", { title: m.title })}>
                  <p className="muted">{t("course.tools")}</p>
                  <ul>
                    {m.tools.map((tool) => (
                      <li key={tool.key} lang={tool.lang} dir={direction(tool.lang)}>
                        {/* a document load: tool pages ship no JavaScript bundle */}
                        <a href={tool.href} data-testid={`tool-${tool.key}`}>
                          {tool.title}
                        </a>{" "}
                        <span className="muted">{tool.description}</span>
                      </li>
                    ))}
                  </ul>
                </section>
              ) : null}
              <p>
                {enrolment ? <Link to={`/courses/${course.slug}/${m.key}/quiz`}>{t("course.quiz", { title: m.quizTitle })}</Link> : t("course.quiz", { title: m.quizTitle })}{" "}
                {enrolment ? (
                  <span className={m.quizPassed ? "badge badge--ok" : "badge"}>{m.quizPassed ? t("course.quizPassed") : t("course.quizNotPassed")}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["courses", "learning"] };
