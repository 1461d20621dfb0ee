import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireUser } from "~/auth/guards.server";
import { getLocale } from "~/i18n/locale.server";
import { pick } from "~/courses/localize";
import { getVersionContent } from "~/courses/versions.server";
import { enrolmentProgress, findEnrolment } from "~/learning/enrolment.server";
import { answerQuestion, findQuiz, quizRefusal, quizState, refusedBecause, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { QuizPlayer } from "~/learning/ui/QuizPlayer";
import { quizStepKeepsPageData, type QuizReply } from "~/learning/quiz-view";
import { readFormData, type Failed } from "~/http/forms";
import { Alert } from "~/ui/Alert";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.state.quiz.title} · ${data.course.title}` : "" }];

async function locate(request: Request, params: LoaderFunctionArgs["params"]) {
  const user = await requireUser(request);
  const slug = params.slug ?? "";
  const enrolment = await findEnrolment(user.id, slug);
  if (!enrolment) throw redirect(`/courses/${slug}`);
  const content = await getVersionContent(enrolment.courseVersionId);
  const moduleKey = params.moduleKey ?? "";
  if (!findQuiz(content, moduleKey)) throw notFound();
  return { user, slug, content, moduleKey, enrolled: { id: enrolment.id, courseVersionId: enrolment.courseVersionId, userId: user.id, cycleStartedAt: enrolment.cycleStartedAt } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { slug, content, moduleKey, enrolled } = await locate(request, params);
  const locale = await getLocale(request);
  const state = (await quizState(enrolled, content, moduleKey, locale))!;
  // The course's progress (the next step, "course complete") is shown with a passed quiz only; a
  // first visit or an attempt in progress skips its three reads. Passing in the browser revalidates
  // this loader (the submit action), which then reads it.
  const progress = state.status === "passed" ? await enrolmentProgress(enrolled) : null;
  const next = progress?.next ?? null;
  const source = content.sourceLocale;
  const module = content.modules.find((m) => m.key === moduleKey)!;
  return {
    course: { slug, title: pick(content.title, locale, source).value, complete: progress?.progress.complete ?? false },
    module: { key: moduleKey, title: pick(module.title, locale, source).value },
    state,
    nextHref: next ? (next.kind === "lesson" ? `/courses/${slug}/${next.moduleKey}/${next.lessonKey}` : `/courses/${slug}/${next.moduleKey}/quiz`) : null,
  };
}

// Answering a question changes nothing else on the page, and "start" replies with everything the
// player needs (the attempt, its questions and any locked answers): skip reloading this loader after
// either (the root skips its own too). A submission does reload it (history, course progress).
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  quizStepKeepsPageData(formData) ? false : defaultShouldRevalidate;

// Every refusal is one shape: the form contract's Failures (learning:quiz.errors.*), and (for a wait
// rule) when the next attempt may start.
const refuse = (refusal: Failed, status: number) => {
  const at = refusal.errors[0]?.values?.nextAttemptAt;
  return data({ kind: "error", errors: refusal.errors, nextAttemptAt: typeof at === "string" ? at : null } satisfies QuizReply, { status });
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { content, moduleKey, enrolled } = await locate(request, params);
  const locale = await getLocale(request);
  const form = await readFormData(request);
  const intent = form.get("intent");
  if (intent === "start") {
    const started = await startAttempt(enrolled, content, moduleKey, locale);
    // 409: the request is well formed but the quiz's rules refuse it now (passed, no attempts, a wait)
    if (!started.ok) return refuse(started, 409);
    return { kind: "started", attemptId: started.attemptId, questions: started.questions, responses: started.responses } satisfies QuizReply;
  }
  if (intent === "answer") {
    let answer: unknown;
    try {
      answer = JSON.parse(String(form.get("answer") ?? ""));
    } catch {
      answer = null;
    }
    const result = await answerQuestion(enrolled, content, moduleKey, { attemptId: form.get("attemptId"), questionKey: form.get("questionKey"), answer }, locale);
    if (!result.ok) return refuse(result, refusedBecause(result, "attemptNotFound") ? 404 : 400);
    return { kind: "feedback", questionKey: result.questionKey, answer: result.answer, feedback: result.feedback } satisfies QuizReply;
  }
  if (intent === "submit") {
    // Only the attempt id and an idempotency key are read: answers come from the database and any
    // "score" field a browser might send is ignored.
    const result = await submitAttempt(enrolled, content, moduleKey, { attemptId: form.get("attemptId"), idempotencyKey: form.get("idempotencyKey") }, locale);
    if (!result.ok) return refuse(result, refusedBecause(result, "attemptNotFound") ? 404 : 409);
    return { kind: "result", result: result.result } satisfies QuizReply;
  }
  return refuse(quizRefusal("unknownQuestion"), 400);
}

export default function QuizPage() {
  const { t } = useTranslation("learning");
  const { course, module, state, nextHref } = useLoaderData<typeof loader>();
  return (
    <div className="quiz stack">
      <nav aria-label={t("lesson.breadcrumb")} className="muted">
        <Link to={`/courses/${course.slug}`}>{course.title}</Link> › {module.title}
      </nav>
      <h1>{state.quiz.title}</h1>
      <noscript>
        <Alert tone="notice" quiet>{t("quiz.needsJs")}</Alert>
      </noscript>
      <QuizPlayer state={state} courseSlug={course.slug} nextHref={nextHref} courseComplete={course.complete} />
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["learning"] };
