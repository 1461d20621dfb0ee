import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireUser } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { direction } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { getVersionContent } from "~/courses/versions.server";
import { completeLesson, findEnrolment, isLessonComplete, recordLessonVisit } from "~/learning/enrolment.server";
import { checkCompletion } from "~/learning/completion.server";
import { TagList } from "~/components/TagList";
import { glossaryPath, toolIn, toolPath } from "~/courses/reader.server";
import type { CompiledTool } from "~/courses/schema";
import type { Locale } from "~/i18n/config";
import { readFormData } from "~/http/forms";
import { useNonce } from "~/http/nonce";
import { Alert } from "~/ui/Alert";

function pickToolTitle(tool: CompiledTool, locale: Locale, source: Locale) {
  const shown = toolIn(tool, locale, source);
  return { title: shown.title, lang: shown.lang, dir: shown.dir };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title}` : "" },
  { name: "description", content: data?.description },
];

/** The opening words of the lesson as its description: plain text of the rendered HTML, cut at a word. */
function describe(html: string, max = 155) {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name] ?? " ")
    .replace(/\s+/g, " ")
    .trim();
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

async function locate(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const enrolment = await findEnrolment(user.id, slug);
  // Lessons are read within an enrolment: the course page is where one starts.
  if (!enrolment) throw redirect(`/courses/${slug}`);
  const content = await getVersionContent(enrolment.courseVersionId);
  const moduleIndex = content.modules.findIndex((m) => m.key === params.moduleKey);
  const module = content.modules[moduleIndex];
  const lessonIndex = module ? module.lessons.findIndex((l) => l.key === params.lessonKey) : -1;
  if (!module || lessonIndex < 0) throw notFound();
  return { user, slug, enrolment, content, module, moduleIndex, lessonIndex, lesson: module.lessons[lessonIndex] };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug, enrolment, content, module, moduleIndex, lessonIndex, lesson } = await locate(request, params);
  const { locale } = await translatorFor(request, "learning");
  // a write only when the learner moves to another lesson, not on every reload
  if (enrolment.lastLessonKey !== lesson.key) await recordLessonVisit(enrolment.id, module.key, lesson.key);
  const done = await isLessonComplete(enrolment, lesson.key);
  const source = content.sourceLocale;
  const html = pick(lesson.html, locale, source);
  const shownLocale = html.fallback ? source : locale;
  const words = lesson.words[shownLocale] ?? 0;
  const previousInModule = module.lessons[lessonIndex - 1];
  const previousModule = content.modules[moduleIndex - 1];
  const nextInModule = module.lessons[lessonIndex + 1];
  return {
    description: describe(html.value),
    course: { slug, title: pick(content.title, locale, source).value },
    module: { key: module.key, title: pick(module.title, locale, source).value, lessonCount: module.lessons.length },
    lesson: {
      key: lesson.key,
      title: pick(lesson.title, locale, source).value,
      html: html.value,
      fallback: html.fallback,
      lang: shownLocale,
      dir: direction(shownLocale),
      minutes: Math.max(1, Math.round(words / 200)),
      tags: lesson.tags,
      position: lessonIndex + 1,
      done,
    },
    previous: previousInModule
      ? `/courses/${slug}/${module.key}/${previousInModule.key}`
      : previousModule
        ? `/courses/${slug}/${previousModule.key}/quiz`
        : null,
    next: nextInModule ? `/courses/${slug}/${module.key}/${nextInModule.key}` : `/courses/${slug}/${module.key}/quiz`,
    nextIsQuiz: !nextInModule,
    glossary: content.glossary.length > 0 ? glossaryPath(slug) : null,
    tools: module.tools.map((tool) => ({ key: tool.key, href: toolPath(slug, module.key, tool.key), ...pickToolTitle(tool, locale, source) })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug, enrolment, module, lessonIndex, lesson } = await locate(request, params);
  const form = await readFormData(request);
  const seconds = Number(form.get("seconds") ?? 0);
  await completeLesson(enrolment.id, module.key, lesson.key, Number.isFinite(seconds) ? seconds : 0);
  await checkCompletion(enrolment);
  if (form.get("stay") === "1") return { completed: true };
  const next = module.lessons[lessonIndex + 1];
  return redirect(next ? `/courses/${slug}/${module.key}/${next.key}` : `/courses/${slug}/${module.key}/quiz`);
}

// Served without the JavaScript bundle (see root.tsx): the page is text, links and one form.
export const handle = { hydrate: false };

/**
 * The lesson page's only script, inline (a few hundred bytes instead of a 100 KB bundle):
 * it measures the time spent on the page for the "complete" form, and marks the lesson complete
 * once its end has been on screen after a real reading time.
 */
const LESSON_SCRIPT = `(function () {
  var started = Date.now();
  var form = document.getElementById("lesson-complete");
  var end = document.getElementById("lesson-end");
  if (!form || !end) return;
  var seconds = function () { return String(Math.round((Date.now() - started) / 1000)); };
  form.addEventListener("submit", function () { form.elements.namedItem("seconds").value = seconds(); });
  if (end.getAttribute("data-done") === "1" || !("IntersectionObserver" in window)) return;
  var minimum = Number(end.getAttribute("data-min-seconds"));
  var observer = new IntersectionObserver(function (entries) {
    var seen = entries.some(function (e) { return e.isIntersecting; });
    if (!seen || (Date.now() - started) / 1000 < minimum) return;
    observer.disconnect();
    var body = new FormData(form);
    body.set("seconds", seconds());
    body.set("stay", "1");
    fetch(form.action, { method: "POST", body: body, credentials: "same-origin" }).then(function (r) {
      var status = document.getElementById("lesson-status");
      if (r.ok && status) status.hidden = false;
    });
  });
  observer.observe(end);
})();`;

export default function Lesson() {
  const { t } = useTranslation("learning");
  const { course, module, lesson, previous, next, nextIsQuiz, glossary, tools } = useLoaderData<typeof loader>();
  const nonce = useNonce(); // the Content-Security-Policy runs this page's one script by its nonce
  const path = `/courses/${course.slug}/${module.key}/${lesson.key}`;
  return (
    <>
    <article className="lesson">
      <nav aria-label={t("lesson.breadcrumb")} className="muted">
        <a href={`/courses/${course.slug}`}>{course.title}</a> › {module.title}
      </nav>
      <h1>{lesson.title}</h1>
      <p className="muted">
        {t("lesson.position", { current: lesson.position, total: module.lessonCount })} · {t("lesson.readingTime", { minutes: lesson.minutes })}
      </p>
      <TagList tags={lesson.tags} />
      {lesson.fallback ? (
        <Alert tone="notice" note>
          {t("lesson.fallbackNotice")}
        </Alert>
      ) : null}
      {/* Sanitized on import (app/courses/markdown.server.ts): authors' HTML never reaches here raw. */}
      <div lang={lesson.lang} dir={lesson.dir} dangerouslySetInnerHTML={{ __html: lesson.html }} />
      <div id="lesson-end" data-done={lesson.done ? "1" : "0"} data-min-seconds={Math.min(60, lesson.minutes * 20)} />
      {lesson.done ? (
        <Alert tone="success" quiet>{t("lesson.completed")}</Alert>
      ) : (
        <Alert tone="success" id="lesson-status" hidden>
          {t("lesson.completedAuto")}
        </Alert>
      )}
      <form id="lesson-complete" method="post" action={path}>
        <input type="hidden" name="seconds" defaultValue="0" />
        <button type="submit" className="button" data-testid="complete-lesson">
          {lesson.done ? (nextIsQuiz ? t("lesson.toQuiz") : t("lesson.next")) : t("lesson.markComplete")}
        </button>
      </form>
      <nav className="pager" aria-label={t("lesson.pager")}>
        {previous ? (
          <a href={previous} rel="prev">
            {t("lesson.previous")}
          </a>
        ) : (
          <span />
        )}
        <a href={`/courses/${course.slug}`}>{t("lesson.backToCourse")}</a>
        <a href={next} rel="next">
          {nextIsQuiz ? t("lesson.toQuiz") : t("lesson.next")}
        </a>
      </nav>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: LESSON_SCRIPT }} />
    </article>
    {/* outside the article: the lesson's text is the article; these lead elsewhere in the course */}
    {glossary || tools.length ? (
      <nav aria-label={t("lesson.resources")} className="card lesson">
        <p className="muted">{t("lesson.resources")}</p>
        <ul>
          {glossary ? (
            <li>
              <a href={glossary} data-testid="lesson-glossary">
                {t("lesson.glossary")}
              </a>
            </li>
          ) : null}
          {tools.map((tool) => (
            <li key={tool.key}>
              <a href={tool.href} lang={tool.lang} dir={tool.dir}>
                {t("lesson.tool", { title: tool.title })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    ) : null}
    </>
  );
}
