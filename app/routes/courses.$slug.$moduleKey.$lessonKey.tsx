import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { notFound, requireUser } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { direction } from "~/i18n/config";
import { pick } from "~/courses/localize";
import { getVersionContent } from "~/learning/content.server";
import { completeLesson, enrolmentProgress, findEnrolment, recordLessonVisit } from "~/learning/enrolment.server";
import { checkCompletion } from "~/learning/completion.server";
import { TagList } from "~/components/TagList";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.lesson.title} · ${data.course.title}` : "" }];

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
  await recordLessonVisit(enrolment.id, module.key, lesson.key);
  const { facts } = await enrolmentProgress(enrolment);
  const source = content.sourceLocale;
  const html = pick(lesson.html, locale, source);
  const shownLocale = html.fallback ? source : locale;
  const words = lesson.words[shownLocale] ?? 0;
  const previousInModule = module.lessons[lessonIndex - 1];
  const previousModule = content.modules[moduleIndex - 1];
  const nextInModule = module.lessons[lessonIndex + 1];
  return {
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
      done: facts.completedLessons.has(lesson.key),
    },
    previous: previousInModule
      ? `/courses/${slug}/${module.key}/${previousInModule.key}`
      : previousModule
        ? `/courses/${slug}/${previousModule.key}/quiz`
        : null,
    next: nextInModule ? `/courses/${slug}/${module.key}/${nextInModule.key}` : `/courses/${slug}/${module.key}/quiz`,
    nextIsQuiz: !nextInModule,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { slug, enrolment, module, lessonIndex, lesson } = await locate(request, params);
  const form = await request.formData();
  const seconds = Number(form.get("seconds") ?? 0);
  await completeLesson(enrolment.id, module.key, lesson.key, Number.isFinite(seconds) ? seconds : 0);
  await checkCompletion(enrolment);
  if (form.get("stay") === "1") return { completed: true };
  const next = module.lessons[lessonIndex + 1];
  return redirect(next ? `/courses/${slug}/${module.key}/${next.key}` : `/courses/${slug}/${module.key}/quiz`);
}

export default function Lesson() {
  const { t } = useTranslation("learning");
  const { course, module, lesson, previous, next, nextIsQuiz } = useLoaderData<typeof loader>();
  const openedAt = useRef(Date.now());
  const secondsInput = useRef<HTMLInputElement>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const autoComplete = useFetcher<typeof action>();
  const [autoDone, setAutoDone] = useState(false);

  useEffect(() => {
    openedAt.current = Date.now();
    setAutoDone(false);
  }, [lesson.key]);

  // Completed on reaching the end: once the last line has been on screen, after a real reading
  // time (not a quick scroll), the lesson is recorded as complete without leaving the page.
  useEffect(() => {
    const target = endRef.current;
    if (!target || lesson.done || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver((entries) => {
      const elapsed = (Date.now() - openedAt.current) / 1000;
      if (entries.some((e) => e.isIntersecting) && elapsed > Math.min(60, lesson.minutes * 20)) {
        observer.disconnect();
        autoComplete.submit({ seconds: String(Math.round(elapsed)), stay: "1" }, { method: "post" });
        setAutoDone(true);
      }
    });
    observer.observe(target);
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lesson.key, lesson.done]);

  return (
    <article className="lesson">
      <nav aria-label={t("lesson.breadcrumb")} className="muted">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link> › {module.title}
      </nav>
      <h1>{lesson.title}</h1>
      <p className="muted">
        {t("lesson.position", { current: lesson.position, total: module.lessonCount })} · {t("lesson.readingTime", { minutes: lesson.minutes })}
      </p>
      <TagList tags={lesson.tags} />
      {lesson.fallback ? (
        <p className="alert alert--notice" role="note">
          {t("lesson.fallbackNotice")}
        </p>
      ) : null}
      {/* Sanitized on import (app/courses/markdown.server.ts): authors' HTML never reaches here raw. */}
      <div lang={lesson.lang} dir={lesson.dir} dangerouslySetInnerHTML={{ __html: lesson.html }} />
      <div ref={endRef} aria-hidden="true" />
      {lesson.done || autoDone || autoComplete.data?.completed ? (
        <p className="alert alert--success" role="status">
          {lesson.done ? t("lesson.completed") : t("lesson.completedAuto")}
        </p>
      ) : null}
      <Form
        method="post"
        onSubmit={() => {
          // time on the page, read when the person leaves it (the form is serialized after this)
          if (secondsInput.current) secondsInput.current.value = String(Math.round((Date.now() - openedAt.current) / 1000));
        }}
      >
        <input ref={secondsInput} type="hidden" name="seconds" defaultValue="0" />
        <button type="submit" className="button" data-testid="complete-lesson">
          {lesson.done || autoDone ? (nextIsQuiz ? t("lesson.toQuiz") : t("lesson.next")) : t("lesson.markComplete")}
        </button>
      </Form>
      <nav className="pager" aria-label={t("lesson.pager")}>
        {previous ? <Link to={previous} rel="prev">{t("lesson.previous")}</Link> : <span />}
        <Link to={`/courses/${course.slug}`}>{t("lesson.backToCourse")}</Link>
        <Link to={next} rel="next">
          {nextIsQuiz ? t("lesson.toQuiz") : t("lesson.next")}
        </Link>
      </nav>
    </article>
  );
}
