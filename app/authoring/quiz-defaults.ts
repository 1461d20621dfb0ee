import { DEFAULT_REVIEW_RULE, type CompiledQuiz } from "~/courses/schema";

/** A new module's quiz: no questions yet, pass mark 70 %, unlimited attempts, answers shown after a pass. */
export function emptyQuizOf(): CompiledQuiz {
  return {
    key: "quiz",
    passMark: 70,
    attemptsAllowed: 0,
    shuffleQuestions: false,
    shuffleOptions: false,
    draw: null,
    review: DEFAULT_REVIEW_RULE,
    retakeWait: null,
    title: {},
    questions: [],
  };
}
