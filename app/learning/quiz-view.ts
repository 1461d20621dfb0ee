// The quiz as the browser sees it: what the quiz page's loader hands the player (QuizView) and what its
// action answers for each step (QuizReply). Types only, derived from the quiz's server functions, so
// that the player (learning/ui/QuizPlayer) and the route agree with the area without importing either.
import type { Failure } from "~/http/forms";
import type { answerQuestion, quizState, startAttempt, submitAttempt } from "./quiz.server";

type Ok<F extends (...args: never[]) => unknown> = Extract<Awaited<ReturnType<F>>, { ok: true }>;

/** Everything the quiz page shows: the quiz, the person's standing, the attempt in progress or the last result. */
export type QuizView = NonNullable<Awaited<ReturnType<typeof quizState>>>;
/** A submitted attempt's score, standing and (when the quiz allows it) the right answers. */
export type QuizResult = Ok<typeof submitAttempt>["result"];

/** The action's reply to one step: start, answer, submit — or a refusal the page translates (the form contract's Failures; a wait rule's moment beside them). */
export type QuizReply =
  | ({ kind: "started" } & Pick<Ok<typeof startAttempt>, "attemptId" | "questions" | "responses">)
  | ({ kind: "feedback" } & Pick<Ok<typeof answerQuestion>, "questionKey" | "answer" | "feedback">)
  | { kind: "result"; result: QuizResult }
  | { kind: "error"; errors: Failure[]; nextAttemptAt: string | null };

/**
 * The player's steps whose reply carries everything they change ("start": the attempt and its
 * questions; "answer": the feedback): after them no loader of the page needs reloading, neither the
 * quiz route's nor the layout's (user, navigation, unread count). Both routes' shouldRevalidate ask
 * this, which saves a request of ~6 ms of server CPU per quiz started and per question checked
 * (docs/performance.md). "submit" reloads (history, course progress, a new certificate's notice).
 */
export function quizStepKeepsPageData(formData: FormData | undefined): boolean {
  const intent = formData?.get("intent");
  return intent === "start" || intent === "answer";
}
