// When is a course complete? Pure, so that the rule is tested on its own.
import type { CourseContent } from "~/courses/schema";

export type ProgressFacts = {
  completedLessons: Set<string>; // lesson keys
  passedQuizzes: Set<string>; // quiz keys
};

export function courseProgress(content: Pick<CourseContent, "modules" | "passRules">, facts: ProgressFacts) {
  const modules = content.modules.map((m) => {
    const lessonsDone = m.lessons.filter((l) => facts.completedLessons.has(l.key)).length;
    const quizPassed = facts.passedQuizzes.has(m.quiz.key);
    const steps = m.lessons.length + 1;
    const done = lessonsDone + (quizPassed ? 1 : 0);
    return { key: m.key, lessonsDone, lessonCount: m.lessons.length, quizPassed, percent: Math.round((done * 100) / steps) };
  });
  const steps = modules.reduce((n, m) => n + m.lessonCount + 1, 0);
  const done = modules.reduce((n, m) => n + m.lessonsDone + (m.quizPassed ? 1 : 0), 0);
  const lessonsComplete = modules.every((m) => m.lessonsDone === m.lessonCount);
  const quizzesPassed = modules.every((m) => m.quizPassed);
  const complete =
    (!content.passRules.requireAllLessons || lessonsComplete) && (!content.passRules.requireAllQuizzes || quizzesPassed);
  return { modules, percent: steps ? Math.round((done * 100) / steps) : 0, complete };
}

/** The next thing to do: the first lesson not completed, else the first quiz not passed. */
export function nextStep(content: Pick<CourseContent, "modules">, facts: ProgressFacts) {
  for (const m of content.modules) {
    for (const l of m.lessons) if (!facts.completedLessons.has(l.key)) return { kind: "lesson" as const, moduleKey: m.key, lessonKey: l.key };
    if (!facts.passedQuizzes.has(m.quiz.key)) return { kind: "quiz" as const, moduleKey: m.key };
  }
  return null;
}
