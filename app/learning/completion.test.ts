import { describe, expect, it } from "vitest";
import { courseProgress, nextStep } from "./completion";

const content = {
  passRules: { requireAllLessons: true, requireAllQuizzes: true },
  modules: [
    { key: "m1", title: {}, quiz: { key: "q1" }, lessons: [{ key: "l1" }, { key: "l2" }] },
    { key: "m2", title: {}, quiz: { key: "q2" }, lessons: [{ key: "l3" }] },
  ],
} as any;
const facts = (lessons: string[], quizzes: string[]) => ({ completedLessons: new Set(lessons), passedQuizzes: new Set(quizzes) });

describe("course completion", () => {
  it("is complete only with every lesson done and every quiz passed", () => {
    expect(courseProgress(content, facts(["l1", "l2", "l3"], ["q1", "q2"]))).toMatchObject({ complete: true, percent: 100 });
    expect(courseProgress(content, facts(["l1", "l2", "l3"], ["q1"])).complete).toBe(false);
    expect(courseProgress(content, facts(["l1", "l2"], ["q1", "q2"])).complete).toBe(false);
  });
  it("reports progress per module and overall", () => {
    const p = courseProgress(content, facts(["l1"], []));
    expect(p.percent).toBe(20); // 1 of 5 steps
    expect(p.modules[0]).toMatchObject({ lessonsDone: 1, lessonCount: 2, quizPassed: false, percent: 33 });
    expect(p.modules[1].percent).toBe(0);
  });
  it("honours relaxed pass rules", () => {
    const lessonsOnly = { ...content, passRules: { requireAllLessons: true, requireAllQuizzes: false } };
    expect(courseProgress(lessonsOnly, facts(["l1", "l2", "l3"], [])).complete).toBe(true);
  });
  it("knows the next step: first unfinished lesson, then the module quiz", () => {
    expect(nextStep(content, facts([], []))).toEqual({ kind: "lesson", moduleKey: "m1", lessonKey: "l1" });
    expect(nextStep(content, facts(["l1", "l2"], []))).toEqual({ kind: "quiz", moduleKey: "m1" });
    expect(nextStep(content, facts(["l1", "l2"], ["q1"]))).toEqual({ kind: "lesson", moduleKey: "m2", lessonKey: "l3" });
    expect(nextStep(content, facts(["l1", "l2", "l3"], ["q1", "q2"]))).toBeNull();
  });
});
