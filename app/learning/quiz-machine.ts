// The quiz player as an XState v5 machine. It models only the person's experience: the server
// holds the attempt, locks each answer, gives feedback and scores (app/learning/quiz.server.ts).
// Server replies reach the machine as events (STARTED, FEEDBACK, RESULT, FAILURE), so the same
// definition runs in the browser and in unit tests without a network.
import { assign, setup } from "xstate";

export type QuestionView = {
  key: string;
  type: "single" | "multiple" | "true-false" | "ordering";
  text: string;
  options: { key: string; text: string }[];
};
/**
 * What the server says about one locked answer. `rightAnswer` (option keys) and `explanation` are
 * present only when the quiz's review rule lets the person see them now; the player shows what is
 * there and never infers the rest.
 */
export type Feedback = { correct: boolean; notes: { key: string; text: string }[]; rightAnswer?: string[]; explanation?: string };
export type Response = { answer: string[]; feedback: Feedback };
/** nextAttemptAt: when a wait rule holds the next attempt back, the moment it ends (ISO). */
export type Result = { score: number; passed: boolean; attemptsLeft: number | null; nextAttemptAt?: string | null };

export type QuizInput = {
  status: "none" | "open" | "passed" | "failed";
  questions: QuestionView[];
  responses: Record<string, Response>;
  attemptsLeft: number | null; // null = unlimited
  passMark: number;
  result: Result | null;
  /** when a wait rule holds the next attempt back (ISO), else null */
  nextAttemptAt?: string | null;
};

export type QuizContext = QuizInput & {
  index: number;
  drafts: Record<string, string[]>;
  /** the refusal's translation key (learning:quiz.errors.*), else null */
  error: string | null;
};

export type QuizEvent =
  | { type: "START" }
  | { type: "STARTED"; questions: QuestionView[]; responses: Record<string, Response> }
  | { type: "SELECT"; answer: string[] }
  | { type: "CHECK" }
  | { type: "FEEDBACK"; questionKey: string; answer: string[]; feedback: Feedback }
  | { type: "NEXT" }
  | { type: "GO_TO"; index: number }
  | { type: "REVIEW" }
  | { type: "SUBMIT" }
  | { type: "RESULT"; result: Result }
  | { type: "RETAKE" }
  | { type: "FAILURE"; error: string; nextAttemptAt?: string | null };

const firstUnanswered = (ctx: Pick<QuizContext, "questions" | "responses">) =>
  ctx.questions.findIndex((q) => !ctx.responses[q.key]);

export const quizMachine = setup({
  types: {} as { context: QuizContext; events: QuizEvent; input: QuizInput },
  guards: {
    isOpen: ({ context }) => context.status === "open",
    isPassed: ({ context }) => context.status === "passed",
    isFailed: ({ context }) => context.status === "failed",
    hasAttemptsLeft: ({ context }) => context.attemptsLeft === null || context.attemptsLeft > 0,
    allAnswered: ({ context }) => context.questions.length > 0 && firstUnanswered(context) === -1,
    hasDraft: ({ context }) => {
      const question = context.questions[context.index];
      const draft = question && context.drafts[question.key];
      if (!question || !draft || draft.length === 0) return false;
      return question.type === "ordering" ? draft.length === question.options.length : true;
    },
    targetAnswered: ({ context, event }) =>
      event.type === "GO_TO" && Boolean(context.questions[event.index] && context.responses[context.questions[event.index].key]),
    targetExists: ({ context, event }) => event.type === "GO_TO" && Boolean(context.questions[event.index]),
    resultPassed: ({ event }) => event.type === "RESULT" && event.result.passed,
  },
  actions: {
    clearError: assign({ error: null }),
    storeError: assign(({ context, event }) =>
      event.type === "FAILURE"
        ? { error: event.error, nextAttemptAt: event.nextAttemptAt ?? context.nextAttemptAt ?? null }
        : { error: null },
    ),
    loadAttempt: assign(({ event }) => {
      if (event.type !== "STARTED") return {};
      // ordering questions start from the order the server chose
      const drafts: Record<string, string[]> = {};
      for (const q of event.questions) if (q.type === "ordering") drafts[q.key] = q.options.map((o) => o.key);
      return { questions: event.questions, responses: event.responses, drafts, result: null, error: null, status: "open" as const };
    }),
    goToFirstUnanswered: assign({ index: ({ context }) => Math.max(0, firstUnanswered(context)) }),
    selectAnswer: assign({
      drafts: ({ context, event }) => {
        if (event.type !== "SELECT") return context.drafts;
        const question = context.questions[context.index];
        return question ? { ...context.drafts, [question.key]: event.answer } : context.drafts;
      },
    }),
    storeFeedback: assign({
      responses: ({ context, event }) =>
        event.type === "FEEDBACK"
          ? { ...context.responses, [event.questionKey]: { answer: event.answer, feedback: event.feedback } }
          : context.responses,
    }),
    goTo: assign({ index: ({ context, event }) => (event.type === "GO_TO" ? event.index : context.index) }),
    storeResult: assign(({ event }) =>
      event.type === "RESULT"
        ? {
            result: event.result,
            attemptsLeft: event.result.attemptsLeft,
            nextAttemptAt: event.result.nextAttemptAt ?? null,
            status: event.result.passed ? ("passed" as const) : ("failed" as const),
          }
        : {},
    ),
  },
}).createMachine({
  id: "quiz",
  context: ({ input }) => ({ ...input, nextAttemptAt: input.nextAttemptAt ?? null, index: 0, drafts: {}, error: null }),
  initial: "resuming",
  states: {
    // Where a reload or a later visit lands: the server said what state the attempt is in.
    resuming: {
      always: [
        { guard: "isPassed", target: "passed" },
        { guard: "isFailed", target: "failed" },
        { guard: "isOpen", target: "routing" },
        { target: "notStarted" },
      ],
    },
    notStarted: {
      on: { START: { guard: "hasAttemptsLeft", target: "starting", actions: "clearError" } },
    },
    starting: {
      on: {
        STARTED: { target: "routing", actions: "loadAttempt" },
        FAILURE: { target: "notStarted", actions: "storeError" },
      },
    },
    routing: {
      always: [{ guard: "allAnswered", target: "reviewing" }, { target: "answering", actions: "goToFirstUnanswered" }],
    },
    answering: {
      on: {
        SELECT: { actions: ["selectAnswer", "clearError"] },
        CHECK: { guard: "hasDraft", target: "checking" },
        GO_TO: [
          { guard: "targetAnswered", target: "feedback", actions: "goTo" },
          { guard: "targetExists", actions: "goTo" },
        ],
        REVIEW: "reviewing",
      },
    },
    checking: {
      on: {
        FEEDBACK: { target: "feedback", actions: ["storeFeedback", "clearError"] },
        FAILURE: { target: "answering", actions: "storeError" },
      },
    },
    feedback: {
      on: {
        NEXT: [{ guard: "allAnswered", target: "reviewing" }, { target: "answering", actions: "goToFirstUnanswered" }],
        GO_TO: [
          { guard: "targetAnswered", target: "feedback", actions: "goTo" },
          { guard: "targetExists", target: "answering", actions: "goTo" },
        ],
        REVIEW: "reviewing",
      },
    },
    reviewing: {
      on: {
        GO_TO: [
          { guard: "targetAnswered", target: "feedback", actions: "goTo" },
          { guard: "targetExists", target: "answering", actions: "goTo" },
        ],
        SUBMIT: { target: "submitting", actions: "clearError" },
      },
    },
    submitting: {
      on: {
        RESULT: [
          { guard: "resultPassed", target: "passed", actions: "storeResult" },
          { target: "failed", actions: "storeResult" },
        ],
        FAILURE: { target: "reviewing", actions: "storeError" },
      },
    },
    passed: { type: "final" },
    failed: {
      on: { RETAKE: { guard: "hasAttemptsLeft", target: "starting", actions: "clearError" } },
    },
  },
});
