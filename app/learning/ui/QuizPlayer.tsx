import { Link, useFetcher } from "@remix-run/react";
import { useMachine } from "@xstate/react";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { quizMachine, type QuestionView } from "../quiz-machine";
import type { QuizReply, QuizResult, QuizView } from "../quiz-view";
import { Alert } from "~/ui/Alert";

type Review = QuizResult["review"];

function newKey() {
  return typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

/**
 * The quiz player: the XState machine drives what the person sees; each step that needs the
 * server (start, check an answer, submit) goes through one fetcher, whose reply becomes an event.
 */
export function QuizPlayer({ state, courseSlug, nextHref, courseComplete }: { state: QuizView; courseSlug: string; nextHref: string | null; courseComplete: boolean }) {
  const { t, i18n } = useTranslation("learning");
  const when = (iso: string) => new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  const [snapshot, send] = useMachine(quizMachine, {
    input: {
      status: state.status,
      questions: state.questions,
      responses: state.responses,
      attemptsLeft: state.attemptsLeft,
      passMark: state.quiz.passMark,
      result: state.result ? { score: state.result.score, passed: state.result.passed, attemptsLeft: state.result.attemptsLeft, nextAttemptAt: state.result.nextAttemptAt } : null,
      nextAttemptAt: state.nextAttemptAt,
    },
  });
  const fetcher = useFetcher<QuizReply>();
  const attemptId = useRef<string | null>(state.attemptId);
  const idempotencyKey = useRef<string>(newKey());
  const [review, setReview] = useState<Review | null>(state.result?.review ?? null);
  const [answersShown, setAnswersShown] = useState<boolean>(state.result?.answersShown ?? false);
  const handled = useRef<unknown>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const ctx = snapshot.context;
  const question = ctx.questions[ctx.index];

  // Server replies → machine events (each reply once).
  useEffect(() => {
    const reply = fetcher.data;
    if (fetcher.state !== "idle" || !reply || handled.current === reply) return;
    handled.current = reply;
    if (reply.kind === "started") {
      attemptId.current = reply.attemptId;
      idempotencyKey.current = newKey();
      setReview(null);
      send({ type: "STARTED", questions: reply.questions, responses: reply.responses });
    } else if (reply.kind === "feedback") {
      send({ type: "FEEDBACK", questionKey: reply.questionKey, answer: reply.answer, feedback: reply.feedback });
    } else if (reply.kind === "result") {
      setReview(reply.result.review);
      setAnswersShown(reply.result.answersShown);
      send({
        type: "RESULT",
        result: { score: reply.result.score, passed: reply.result.passed, attemptsLeft: reply.result.attemptsLeft, nextAttemptAt: reply.result.nextAttemptAt },
      });
    } else if (reply.kind === "error") {
      send({ type: "FAILURE", error: reply.errors[0]?.key ?? "learning:quiz.errors.network", nextAttemptAt: reply.nextAttemptAt });
    }
  }, [fetcher.state, fetcher.data, send]);

  // Move focus to the new question or result, so keyboard and screen-reader users follow along.
  const view = String(snapshot.value);
  useEffect(() => {
    if (["answering", "feedback", "reviewing", "passed", "failed"].includes(view)) headingRef.current?.focus();
  }, [view, ctx.index]);

  const post = (fields: Record<string, string>) => fetcher.submit(fields, { method: "post" });
  const start = () => {
    send({ type: snapshot.matches("failed") ? "RETAKE" : "START" });
    post({ intent: "start" });
  };
  const check = () => {
    if (!question) return;
    send({ type: "CHECK" });
    post({ intent: "answer", attemptId: attemptId.current ?? "", questionKey: question.key, answer: JSON.stringify(ctx.drafts[question.key] ?? []) });
  };
  const submit = () => {
    send({ type: "SUBMIT" });
    post({ intent: "submit", attemptId: attemptId.current ?? "", idempotencyKey: idempotencyKey.current });
  };

  // the moment a wait rule lets the next attempt start, in the person's language; null when none holds
  const waitUntil = ctx.nextAttemptAt && new Date(ctx.nextAttemptAt) > new Date() ? when(ctx.nextAttemptAt) : null;
  const error = ctx.error ? (
    <Alert tone="error" data-testid="quiz-error">
      {t(ctx.error, { date: ctx.nextAttemptAt ? when(ctx.nextAttemptAt) : "" })}
    </Alert>
  ) : null;
  const attemptsText =
    ctx.attemptsLeft === null ? t("quiz.attemptsUnlimited") : t("quiz.attemptsLeft", { count: ctx.attemptsLeft });
  const waitNote = waitUntil && ctx.error !== "learning:quiz.errors.waitBeforeRetake" ? <p data-testid="wait-until">{t("quiz.waitUntil", { date: waitUntil })}</p> : null;

  if (snapshot.matches("notStarted") || snapshot.matches("starting")) {
    return (
      <section className="card stack" aria-live="polite">
        <p>{t("quiz.intro", { count: state.quiz.questionCount, passMark: state.quiz.passMark })}</p>
        <p>{attemptsText}</p>
        {error}
        {waitNote}
        {ctx.attemptsLeft === 0 ? <p>{t("quiz.noAttemptsLeft")}</p> : null}
        <button type="button" className="button" onClick={start} disabled={snapshot.matches("starting") || ctx.attemptsLeft === 0 || Boolean(waitUntil)} data-testid="start-quiz">
          {snapshot.matches("starting") ? t("quiz.starting") : t("quiz.start")}
        </button>
      </section>
    );
  }

  if (snapshot.matches("passed") || snapshot.matches("failed")) {
    const passed = snapshot.matches("passed");
    const score = ctx.result?.score ?? 0;
    return (
      <section className="stack" aria-labelledby="result-heading">
        <h2 id="result-heading" ref={headingRef} tabIndex={-1} data-testid="result" data-passed={passed ? "true" : "false"} className={passed ? "feedback feedback--right" : "feedback feedback--wrong"}>
          {passed ? t("quiz.passed", { score }) : t("quiz.failed", { score, passMark: ctx.passMark })}
        </h2>
        {error}
        {passed && courseComplete ? <Alert tone="success" quiet>{t("quiz.courseCompleted")}</Alert> : null}
        {!passed ? (
          ctx.attemptsLeft === 0 ? (
            <p>{t("quiz.noAttemptsLeft")}</p>
          ) : (
            <div className="row">
              <p>{attemptsText}</p>
              {waitNote}
              <button type="button" className="button" onClick={start} disabled={fetcher.state !== "idle" || Boolean(waitUntil)} data-testid="retake">
                {t("quiz.retake")}
              </button>
            </div>
          )
        ) : null}
        {!passed && review && !answersShown ? (
          <Alert tone="notice" quiet data-testid="answers-hidden">
            {t(`quiz.answersHidden.${state.quiz.review}`)}
          </Alert>
        ) : null}
        {review ? <ResultReview review={review} /> : null}
        <p className="row">
          {passed && nextHref ? (
            <Link className="button" to={nextHref} reloadDocument>
              {t("quiz.continueCourse")}
            </Link>
          ) : null}
          <Link to={`/courses/${courseSlug}`}>{t("quiz.backToCourse")}</Link>
        </p>
        {state.history.length > 0 ? <History history={state.history} /> : null}
      </section>
    );
  }

  if (snapshot.matches("reviewing") || snapshot.matches("submitting")) {
    return (
      <section className="stack" aria-labelledby="review-heading">
        <h2 id="review-heading" ref={headingRef} tabIndex={-1}>
          {t("quiz.review")}
        </h2>
        <p>{t("quiz.reviewIntro")}</p>
        {error}
        <ol className="stack">
          {ctx.questions.map((q, i) => (
            <li key={q.key}>
              <button type="button" className="link-button" onClick={() => send({ type: "GO_TO", index: i })}>
                <span className="visually-hidden">{t("quiz.goToQuestion", { number: i + 1 })}: </span>
                {q.text}
              </button>{" "}
              <span className={ctx.responses[q.key] ? "badge badge--ok" : "badge badge--warn"}>
                {ctx.responses[q.key] ? t("quiz.answered") : t("quiz.unanswered")}
              </span>
            </li>
          ))}
        </ol>
        <button type="button" className="button" onClick={submit} disabled={snapshot.matches("submitting")} data-testid="submit-quiz">
          {snapshot.matches("submitting") ? t("quiz.submitting") : t("quiz.submit")}
        </button>
      </section>
    );
  }

  if (!question) return null;
  const response = ctx.responses[question.key];
  const locked = Boolean(response);
  const draft = response?.answer ?? ctx.drafts[question.key] ?? [];
  return (
    <section className="stack" aria-labelledby="question-heading" data-attempt-id={attemptId.current ?? undefined}>
      <p className="muted" data-testid="question-position" data-index={ctx.index}>
        {t("quiz.question", { current: ctx.index + 1, total: ctx.questions.length })}
      </p>
      <h2 id="question-heading" ref={headingRef} tabIndex={-1}>
        {question.text}
      </h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!locked) check();
        }}
      >
        <AnswerInput question={question} value={draft} locked={locked} onChange={(answer) => send({ type: "SELECT", answer })} />
        {error}
        <div aria-live="polite">
          {response ? (
            <div className={response.feedback.correct ? "feedback feedback--right" : "feedback feedback--wrong"} data-testid="feedback">
              <p>
                <strong>{response.feedback.correct ? t("quiz.right") : t("quiz.wrong")}</strong>
              </p>
              {response.feedback.notes.map((note) => (
                <p key={note.key}>{note.text}</p>
              ))}
              {response.feedback.rightAnswer && !response.feedback.correct ? (
                <p data-testid="feedback-right-answer">
                  {t("quiz.rightAnswer")}:{" "}
                  {response.feedback.rightAnswer
                    .map((key) => (question.type === "true-false" ? t(key === "true" ? "quiz.true" : "quiz.false") : question.options.find((o) => o.key === key)?.text ?? key))
                    .join(question.type === "ordering" ? " · " : ", ")}
                </p>
              ) : null}
              {response.feedback.explanation ? (
                <p>
                  {t("quiz.why")}: {response.feedback.explanation}
                </p>
              ) : null}
              <p className="muted">{t("quiz.answerLocked")}</p>
            </div>
          ) : null}
        </div>
        <div className="row">
          {!locked ? (
            // distinct keys: React must not turn the clicked "Next" button into this submit button
            // in place, or the browser would submit the next question's answer with the same click
            <button key="check" type="submit" className="button" disabled={snapshot.matches("checking") || draft.length === 0} data-testid="check-answer">
              {snapshot.matches("checking") ? t("quiz.checking") : t("quiz.check")}
            </button>
          ) : (
            <button key="next" type="button" className="button" onClick={() => send({ type: "NEXT" })} data-testid="next-question">
              {ctx.questions.every((q) => ctx.responses[q.key]) ? t("quiz.toReview") : t("quiz.next")}
            </button>
          )}
          {ctx.questions.every((q) => ctx.responses[q.key]) ? null : (
            <button type="button" className="button button--secondary" onClick={() => send({ type: "REVIEW" })}>
              {t("quiz.review")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

function AnswerInput({ question, value, locked, onChange }: { question: QuestionView; value: string[]; locked: boolean; onChange: (answer: string[]) => void }) {
  const { t } = useTranslation("learning");
  const moved = useRef<{ key: string; direction: "up" | "down" } | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // keep the keyboard focus on the item that was just moved
    if (!moved.current || !listRef.current) return;
    const { key, direction } = moved.current;
    const button = listRef.current.querySelector<HTMLButtonElement>(`button[data-key="${key}"][data-direction="${direction}"]`);
    (button && !button.disabled ? button : listRef.current.querySelector<HTMLButtonElement>(`button[data-key="${key}"]:not([disabled])`))?.focus();
    moved.current = null;
  }, [value]);

  if (question.type === "ordering") {
    const order = value.length ? value : question.options.map((o) => o.key);
    const label = (key: string) => question.options.find((o) => o.key === key)?.text ?? key;
    const move = (index: number, delta: number) => {
      const next = [...order];
      [next[index], next[index + delta]] = [next[index + delta], next[index]];
      moved.current = { key: order[index], direction: delta < 0 ? "up" : "down" };
      onChange(next);
    };
    return (
      <fieldset className="field">
        <legend>{t("quiz.orderHint")}</legend>
        <ol className="order-list" ref={listRef}>
          {order.map((key, index) => (
            <li key={key}>
              <span>
                <span className="visually-hidden">{t("quiz.position", { position: index + 1 })}: </span>
                {label(key)}
              </span>
              <button type="button" className="button button--secondary" data-key={key} data-direction="up" disabled={locked || index === 0} onClick={() => move(index, -1)} aria-label={t("quiz.moveUp", { item: label(key) })}>
                ↑
              </button>
              <button type="button" className="button button--secondary" data-key={key} data-direction="down" disabled={locked || index === order.length - 1} onClick={() => move(index, 1)} aria-label={t("quiz.moveDown", { item: label(key) })}>
                ↓
              </button>
            </li>
          ))}
        </ol>
      </fieldset>
    );
  }
  const multiple = question.type === "multiple";
  const hint = multiple ? t("quiz.chooseMany") : question.type === "true-false" ? t("quiz.trueFalse") : t("quiz.chooseOne");
  return (
    <fieldset className="field">
      <legend>{hint}</legend>
      <ul className="options">
        {question.options.map((option) => {
          const text = question.type === "true-false" ? t(option.key === "true" ? "quiz.true" : "quiz.false") : option.text;
          const checked = value.includes(option.key);
          return (
            <li key={option.key}>
              <label className="option">
                <input
                  type={multiple ? "checkbox" : "radio"}
                  name={`q-${question.key}`}
                  value={option.key}
                  checked={checked}
                  disabled={locked}
                  onChange={(event) => {
                    if (!multiple) onChange([option.key]);
                    else onChange(event.target.checked ? [...value, option.key] : value.filter((k) => k !== option.key));
                  }}
                />
                <span>{text}</span>
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

function ResultReview({ review }: { review: Review }) {
  const { t } = useTranslation("learning");
  // true/false come as "true"/"false" keys; ordering answers are shown as numbered lists (no
  // arrows, which would point the wrong way in right-to-left text)
  const show = (item: Review[number], answers: string[]) => {
    if (answers.length === 0) return t("quiz.noAnswer");
    if (item.type === "true-false") return answers.map((a) => t(a === "true" ? "quiz.true" : "quiz.false")).join(" / ");
    if (item.type === "ordering") {
      return (
        <ol className="answer-order">
          {answers.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ol>
      );
    }
    return answers.length === 1 ? answers[0] : (
      <ul className="answer-order">
        {answers.map((a) => (
          <li key={a}>{a}</li>
        ))}
      </ul>
    );
  };
  return (
    <section aria-labelledby="answers-heading">
      <h3 id="answers-heading">{t("quiz.results")}</h3>
      <ol className="stack">
        {review.map((item) => (
          <li key={item.key} className="card">
            <p>
              <strong>{item.text}</strong>{" "}
              <span className={item.correct ? "badge badge--ok" : "badge badge--bad"}>{item.correct ? t("quiz.right") : t("quiz.wrong")}</span>
            </p>
            <div>
              {t("quiz.yourAnswer")}: {show(item, item.yourAnswer)}
            </div>
            {item.notes.map((note, i) => (
              <p key={i} className="muted">
                {note}
              </p>
            ))}
            {/* the server sends the right answer and the explanation only when the review rule allows */}
            {!item.correct && item.rightAnswer ? (
              <div data-testid="right-answer">
                {t("quiz.rightAnswer")}: {show(item, item.rightAnswer)}
              </div>
            ) : null}
            {item.explanation ? (
              <p>
                {t("quiz.why")}: {item.explanation}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function History({ history }: { history: QuizView["history"] }) {
  const { t, i18n } = useTranslation("learning");
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">{t("quiz.history")}</h3>
      <ul data-testid="history">
        {history.map((h) => (
          <li key={h.number}>
            {t("quiz.attemptRow", { number: h.number, score: h.score, date: new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" }).format(new Date(h.submittedAt)) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
