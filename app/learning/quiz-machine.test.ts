import { describe, expect, it } from "vitest";
import { createActor } from "xstate";
import { quizMachine, type QuizInput, type QuestionView } from "./quiz-machine";

const questions: QuestionView[] = [
  { key: "q1", type: "single", text: "Q1", options: [{ key: "a", text: "A" }, { key: "b", text: "B" }] },
  { key: "q2", type: "ordering", text: "Q2", options: [{ key: "x", text: "X" }, { key: "y", text: "Y" }] },
];
const input = (over: Partial<QuizInput> = {}): QuizInput => ({
  status: "none",
  questions: [],
  responses: {},
  attemptsLeft: 3,
  passMark: 70,
  result: null,
  ...over,
});
const fb = (correct: boolean) => ({ correct, notes: [] });
const start = (over: Partial<QuizInput> = {}) => createActor(quizMachine, { input: input(over) }).start();

describe("quiz machine", () => {
  it("walks answer → feedback → next → review → submit → passed", () => {
    const quiz = start();
    expect(quiz.getSnapshot().value).toBe("notStarted");
    quiz.send({ type: "START" });
    expect(quiz.getSnapshot().value).toBe("starting");
    quiz.send({ type: "STARTED", questions, responses: {} });
    expect(quiz.getSnapshot().value).toBe("answering");
    expect(quiz.getSnapshot().context.index).toBe(0);

    quiz.send({ type: "CHECK" }); // nothing chosen yet: guarded
    expect(quiz.getSnapshot().value).toBe("answering");
    quiz.send({ type: "SELECT", answer: ["a"] });
    quiz.send({ type: "CHECK" });
    expect(quiz.getSnapshot().value).toBe("checking");
    quiz.send({ type: "FEEDBACK", questionKey: "q1", answer: ["a"], feedback: fb(true) });
    expect(quiz.getSnapshot().value).toBe("feedback");
    quiz.send({ type: "NEXT" });
    expect(quiz.getSnapshot().value).toBe("answering");
    expect(quiz.getSnapshot().context.index).toBe(1);
    // ordering starts from the server's order, so it can be checked as is
    quiz.send({ type: "CHECK" });
    quiz.send({ type: "FEEDBACK", questionKey: "q2", answer: ["x", "y"], feedback: fb(true) });
    quiz.send({ type: "NEXT" });
    expect(quiz.getSnapshot().value).toBe("reviewing");
    quiz.send({ type: "SUBMIT" });
    expect(quiz.getSnapshot().value).toBe("submitting");
    quiz.send({ type: "RESULT", result: { score: 100, passed: true, attemptsLeft: 2 } });
    expect(quiz.getSnapshot().value).toBe("passed");
    expect(quiz.getSnapshot().status).toBe("done");
  });

  it("fails below the pass mark, then retakes while attempts are left", () => {
    const quiz = start({ status: "open", questions, responses: { q1: { answer: ["b"], feedback: fb(false) }, q2: { answer: ["y", "x"], feedback: fb(false) } } });
    expect(quiz.getSnapshot().value).toBe("reviewing");
    quiz.send({ type: "SUBMIT" });
    quiz.send({ type: "RESULT", result: { score: 0, passed: false, attemptsLeft: 1 } });
    expect(quiz.getSnapshot().value).toBe("failed");
    quiz.send({ type: "RETAKE" });
    expect(quiz.getSnapshot().value).toBe("starting");
    quiz.send({ type: "STARTED", questions, responses: {} });
    expect(quiz.getSnapshot().value).toBe("answering");
    expect(quiz.getSnapshot().context.responses).toEqual({});
  });

  it("refuses a retake when no attempt is left", () => {
    const quiz = start({ status: "failed", attemptsLeft: 0, result: { score: 20, passed: false, attemptsLeft: 0 } });
    expect(quiz.getSnapshot().value).toBe("failed");
    quiz.send({ type: "RETAKE" });
    expect(quiz.getSnapshot().value).toBe("failed");
  });

  it("refuses to start when no attempt is left, allows unlimited attempts", () => {
    const none = start({ attemptsLeft: 0 });
    none.send({ type: "START" });
    expect(none.getSnapshot().value).toBe("notStarted");
    const unlimited = start({ attemptsLeft: null });
    unlimited.send({ type: "START" });
    expect(unlimited.getSnapshot().value).toBe("starting");
  });

  it("resumes an open attempt at the first unanswered question", () => {
    const quiz = start({ status: "open", questions, responses: { q1: { answer: ["a"], feedback: fb(true) } } });
    expect(quiz.getSnapshot().value).toBe("answering");
    expect(quiz.getSnapshot().context.index).toBe(1);
  });

  it("resumes a passed quiz as passed", () => {
    expect(start({ status: "passed", result: { score: 80, passed: true, attemptsLeft: 1 } }).getSnapshot().value).toBe("passed");
  });

  it("keeps the person where they were when the server refuses", () => {
    const quiz = start();
    quiz.send({ type: "START" });
    quiz.send({ type: "FAILURE", error: "noAttemptsLeft" });
    expect(quiz.getSnapshot().value).toBe("notStarted");
    expect(quiz.getSnapshot().context.error).toBe("noAttemptsLeft");

    const answering = start({ status: "open", questions, responses: {} });
    answering.send({ type: "SELECT", answer: ["a"] });
    answering.send({ type: "CHECK" });
    answering.send({ type: "FAILURE", error: "network" });
    expect(answering.getSnapshot().value).toBe("answering");
    expect(answering.getSnapshot().context.drafts.q1).toEqual(["a"]); // nothing typed is lost
  });

  it("review can jump to any question; answered ones show their feedback", () => {
    const quiz = start({ status: "open", questions, responses: { q1: { answer: ["a"], feedback: fb(true) } } });
    quiz.send({ type: "REVIEW" });
    expect(quiz.getSnapshot().value).toBe("reviewing");
    quiz.send({ type: "GO_TO", index: 0 });
    expect(quiz.getSnapshot().value).toBe("feedback");
    quiz.send({ type: "GO_TO", index: 1 });
    expect(quiz.getSnapshot().value).toBe("answering");
    quiz.send({ type: "GO_TO", index: 7 }); // no such question
    expect(quiz.getSnapshot().context.index).toBe(1);
  });

  it("keeps only what the server sent: feedback without the right answer, a result with a wait", () => {
    const quiz = start();
    quiz.send({ type: "START" });
    quiz.send({ type: "STARTED", questions: [questions[0]], responses: {} });
    quiz.send({ type: "SELECT", answer: ["b"] });
    quiz.send({ type: "CHECK" });
    quiz.send({ type: "FEEDBACK", questionKey: "q1", answer: ["b"], feedback: { correct: false, notes: [{ key: "b", text: "Think again" }] } });
    expect(quiz.getSnapshot().context.responses.q1.feedback).toEqual({ correct: false, notes: [{ key: "b", text: "Think again" }] });
    quiz.send({ type: "NEXT" });
    quiz.send({ type: "SUBMIT" });
    const until = "2030-01-01T10:00:00.000Z";
    quiz.send({ type: "RESULT", result: { score: 0, passed: false, attemptsLeft: 2, nextAttemptAt: until } });
    expect(quiz.getSnapshot().value).toBe("failed");
    expect(quiz.getSnapshot().context.nextAttemptAt).toBe(until);
    // the server refuses an early retake and says when: the machine keeps the error and the moment
    quiz.send({ type: "RETAKE" });
    quiz.send({ type: "FAILURE", error: "waitBeforeRetake", nextAttemptAt: until });
    expect(quiz.getSnapshot().value).toBe("notStarted");
    expect(quiz.getSnapshot().context).toMatchObject({ error: "waitBeforeRetake", nextAttemptAt: until });
  });
});
