// Item statistics against figures computed by hand, and the maintained summary against the former
// statement over every answer (tests/item-stats-reference.ts), on SQLite (and on PostgreSQL with
// TEST_DATABASE_URL=postgresql://…, tests/db.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import { useTestDbAsAppDb } from "../../tests/db";
import type { Db } from "~/db.server";
import { seedDemo } from "~/demo/demo-data.server";
import { loadCourse } from "~/courses/files.server";
import { importCourse } from "~/courses/import.server";
import type { CompiledQuiz, CourseContent } from "~/courses/schema";
import { newId } from "~/ids";
import { enrol } from "~/learning/enrolment.server";
import { getVersionContent } from "~/courses/versions.server";
import { answerQuestion, startAttempt, submitAttempt, type Enrolled } from "~/learning/quiz.server";
import type { Locale } from "~/i18n/config";
import { referenceQuizItemStats } from "../../tests/item-stats-reference";
import { backfillStatements, SUMMARY_TABLES } from "../../tests/item-summary-backfill";
import { quizItemStats } from "./item-stats.server";
import { addToItemSummary } from "./item-summary.server";
import { discrimination, quizStats, summaryOfGroups, type AnswerGroup, type QuizStats } from "./item-stats";

let db: Db;
let cleanup: () => Promise<void>;
let content: CourseContent;
let quiz: CompiledQuiz;
let versionId: string;
let stats: QuizStats;

// The fixture quiz (tests/fixtures/courses/short-course): Q1 who-holds-rights (single: everyone*,
// citizens, taxpayers), Q2 duties (multiple: respect* protect* fulfil* ignore), Q3 local-role
// (true/false: true*), Q4 steps (ordering: analyse plan budget monitor).
const RIGHT_ORDER = ["analyse", "plan", "budget", "monitor"];
const WRONG_ORDER = ["plan", "analyse", "budget", "monitor"];
//
// Six submitted attempts (x = 1 right / 0 wrong; T = the attempt's score, questions right):
//   A1 en : Q1 everyone 1 | Q2 respect,protect,fulfil 1 | Q3 true 1  | Q4 right 1   → T = 4
//   A2 en : Q1 everyone 1 | Q2 respect,protect 0        | Q3 true 1  | Q4 right 1   → T = 3
//   A3 en : Q1 citizens 0 | Q2 respect,protect,fulfil 1 | Q3 false 0 | Q4 wrong 0   → T = 1
//   A4 en : Q1 everyone 1 | Q2 respect,ignore 0         | Q3 false 0 | Q4 wrong 0   → T = 1
//   A5 ar : Q1 citizens 0 | Q2 protect 0                | Q3 false 0 | Q4 wrong 0   → T = 0
//   A6 (no language recorded: an attempt from before the column):
//           Q1 everyone 1 | Q2 respect,protect,fulfil 1 | Q3 true 1  | Q4 not answered → T = 3
// and two that must not count: an attempt still open (en, all right) and one of another version.
const attempts: { locale: string | null; answers: Record<string, string[]>; submitted?: boolean; version?: string }[] = [
  { locale: "en", answers: { "who-holds-rights": ["everyone"], duties: ["respect", "protect", "fulfil"], "local-role": ["true"], steps: RIGHT_ORDER } },
  { locale: "en", answers: { "who-holds-rights": ["everyone"], duties: ["respect", "protect"], "local-role": ["true"], steps: RIGHT_ORDER } },
  { locale: "en", answers: { "who-holds-rights": ["citizens"], duties: ["respect", "protect", "fulfil"], "local-role": ["false"], steps: WRONG_ORDER } },
  { locale: "en", answers: { "who-holds-rights": ["everyone"], duties: ["respect", "ignore"], "local-role": ["false"], steps: WRONG_ORDER } },
  { locale: "ar", answers: { "who-holds-rights": ["citizens"], duties: ["protect"], "local-role": ["false"], steps: WRONG_ORDER } },
  { locale: null, answers: { "who-holds-rights": ["everyone"], duties: ["respect", "protect", "fulfil"], "local-role": ["true"] } },
  { locale: "en", submitted: false, answers: { "who-holds-rights": ["everyone"], duties: ["respect", "protect", "fulfil"], "local-role": ["true"] } },
  { locale: "en", version: "another-version", answers: { "who-holds-rights": ["taxpayers"], duties: ["ignore"], "local-role": ["false"] } },
];
const right: Record<string, string[]> = {
  "who-holds-rights": ["everyone"],
  duties: ["respect", "protect", "fulfil"],
  "local-role": ["true"],
  steps: RIGHT_ORDER,
};
const same = (a: string[], b: string[], ordered: boolean) => (ordered ? a.join() === b.join() : a.length === b.length && a.every((k) => b.includes(k)));

beforeAll(async () => {
  ({ db, cleanup } = await useTestDbAsAppDb());
  await seedDemo(db);
  const loaded = loadCourse("short-course", path.resolve("tests/fixtures/courses"));
  if (!loaded.ok) throw new Error("fixture course invalid");
  await importCourse(loaded.content, loaded.hash, db);
  const learner = await db.user.findUniqueOrThrow({ where: { email: "learner@demo.test" } });
  const e = (await enrol(learner.id, "short-course"))!;
  versionId = e.courseVersionId;
  content = await getVersionContent(versionId);
  quiz = content.modules[0].quiz;
  let number = 0;
  for (const a of attempts) {
    const id = newId();
    const submitted = a.submitted !== false;
    await db.quizAttempt.create({
      data: {
        id,
        enrolmentId: e.id,
        userId: learner.id,
        moduleKey: "essentials",
        quizKey: quiz.key,
        attemptNumber: ++number,
        questionKeys: Object.keys(right),
        optionOrder: {},
        answers: submitted ? a.answers : {},
        submittedAt: submitted ? new Date() : null,
        courseVersionId: a.version ?? versionId,
        locale: a.locale,
      },
    });
    const responses = Object.entries(a.answers).map(([questionKey, answer]) => ({
      questionKey,
      answer,
      correct: same(answer, right[questionKey], questionKey === "steps"),
    }));
    for (const r of responses) await db.quizResponse.create({ data: { id: newId(), attemptId: id, ...r } });
    // what submitting adds to the summary (the fixture writes its rows directly)
    if (submitted) await addToItemSummary(db, { courseVersionId: a.version ?? versionId, quizKey: quiz.key, locale: a.locale, responses });
  }
  stats = await quizItemStats(versionId, quiz, db);
}, 60_000); // creating and migrating a PostgreSQL database takes a while on a busy machine
afterAll(() => cleanup(), 60_000); // dropping the PostgreSQL database waits for its connections

const question = (key: string) => stats.questions.find((q) => q.key === key)!;
const inLocale = (key: string, locale: string) => question(key).byLocale.find((l) => l.locale === locale)?.figures;
const shares = (key: string) => Object.fromEntries(question(key).all.options.map((o) => [o.key, o.share]));

describe("item statistics (SQL on this engine)", () => {
  it("counts submitted attempts of this version per language (in the platform's order), the unrecorded language as unknown", () => {
    expect(stats.attempts.all).toBe(6);
    expect(stats.attempts.byLocale).toEqual([
      { locale: "ar", count: 1 },
      { locale: "en", count: 4 },
      { locale: "unknown", count: 1 },
    ]);
  });

  it("Q1 (single): facility, discrimination and option shares", () => {
    // x = [1,1,0,1,0,1], y = T − x = [3,2,1,0,0,2]: n 6, Σx 4, Σy 8, Σxy 7, Σy² 18
    // r = (6·7 − 4·8) / √((6·4 − 4²)(6·18 − 8²)) = 10 / √(8·44) = 10 / √352 = 0.53300
    const q = question("who-holds-rights");
    expect(q.all.attempts).toBe(6);
    expect(q.all.facility).toBeCloseTo(4 / 6, 6);
    expect(q.all.discrimination).toBeCloseTo(0.533002, 5);
    // everyone 4 of 6, citizens 2 of 6, taxpayers 0 (the other version's answer does not count)
    expect(shares("who-holds-rights")).toEqual({ everyone: 4 / 6, citizens: 2 / 6, taxpayers: 0 });
    // English only: x = [1,1,0,1], y = [3,2,1,0]: n 4, Σx 3, Σy 6, Σxy 5, Σy² 14
    // r = (4·5 − 3·6) / √((12 − 9)(56 − 36)) = 2 / √60 = 0.258199
    expect(inLocale("who-holds-rights", "en")).toMatchObject({ attempts: 4, facility: 0.75 });
    expect(inLocale("who-holds-rights", "en")!.discrimination).toBeCloseTo(0.258199, 5);
    // one attempt in Arabic (wrong), one unknown (right): no correlation from a single attempt
    expect(inLocale("who-holds-rights", "ar")).toMatchObject({ attempts: 1, facility: 0, discrimination: null });
    expect(inLocale("who-holds-rights", "unknown")).toMatchObject({ attempts: 1, facility: 1, discrimination: null });
    expect(q.byLocale.map((l) => l.locale)).toEqual(["ar", "en", "unknown"]);
  });

  it("Q2 (multiple): every option chosen is counted", () => {
    // x = [1,0,1,0,0,1], y = [3,3,0,1,0,2]: n 6, Σx 3, Σy 9, Σxy 5, Σy² 23
    // r = (30 − 27) / √((18 − 9)(138 − 81)) = 3 / √513 = 0.132453
    const q = question("duties");
    expect(q.all.facility).toBe(0.5);
    expect(q.all.discrimination).toBeCloseTo(0.132453, 5);
    // respect: A1 A2 A3 A4 A6; protect: A1 A2 A3 A5 A6; fulfil: A1 A3 A6; ignore: A4
    expect(shares("duties")).toEqual({ respect: 5 / 6, protect: 5 / 6, fulfil: 3 / 6, ignore: 1 / 6 });
    expect(q.all.options.filter((o) => o.correct).map((o) => o.key)).toEqual(["respect", "protect", "fulfil"]);
  });

  it("Q3 (true/false)", () => {
    // x = [1,1,0,0,0,1], y = [3,2,1,1,0,2]: n 6, Σx 3, Σy 9, Σxy 7, Σy² 19
    // r = (42 − 27) / √((18 − 9)(114 − 81)) = 15 / √297 = 0.870388
    const q = question("local-role");
    expect(q.all.facility).toBe(0.5);
    expect(q.all.discrimination).toBeCloseTo(0.870388, 5);
    expect(shares("local-role")).toEqual({ true: 0.5, false: 0.5 });
  });

  it("Q4 (ordering): share fully right only; an unanswered question is not counted", () => {
    // A1..A5 answered: x = [1,1,0,0,0], y = [3,2,1,1,0]: n 5, Σx 2, Σy 7, Σxy 5, Σy² 15
    // r = (25 − 14) / √((10 − 4)(75 − 49)) = 11 / √156 = 0.880705
    const q = question("steps");
    expect(q.all.attempts).toBe(5);
    expect(q.all.facility).toBe(0.4);
    expect(q.all.discrimination).toBeCloseTo(0.880705, 5);
    expect(q.all.options).toEqual([]);
  });

  it("flags nothing below 10 attempts", () => {
    expect(stats.questions.flatMap((q) => q.flags)).toEqual([]);
  });

  it("the summary gives exactly the figures of the statement over every answer", async () => {
    expect(stats).toEqual(await referenceQuizItemStats(db, versionId, quiz));
  });

  it("the migration's backfill rebuilds the same summary from the attempts", async () => {
    const statements = backfillStatements(Boolean(process.env.TEST_DATABASE_URL?.startsWith("postgres")));
    expect(statements).toHaveLength(3);
    const rows = async () => ({
      items: await db.$queryRawUnsafe(`SELECT * FROM "QuizItemSummary" ORDER BY 1, 2, 3, 4`),
      options: await db.$queryRawUnsafe(`SELECT * FROM "QuizOptionSummary" ORDER BY 1, 2, 3, 4, 5`),
      attempts: await db.$queryRawUnsafe(`SELECT * FROM "QuizAttemptSummary" ORDER BY 1, 2, 3`),
    });
    const maintained = await rows();
    for (const table of SUMMARY_TABLES) await db.$executeRawUnsafe(`DELETE FROM "${table}"`);
    for (const statement of statements) await db.$executeRawUnsafe(statement);
    expect(await rows()).toEqual(maintained);
  });

  it("a new attempt records the language it is taken in and its version", async () => {
    const manager = await db.user.findUniqueOrThrow({ where: { email: "manager@demo.test" } });
    const e = (await enrol(manager.id, "short-course"))!;
    const started = await startAttempt({ id: e.id, courseVersionId: e.courseVersionId, userId: manager.id }, content, "essentials", "ar");
    expect(started.ok).toBe(true);
    const row = await db.quizAttempt.findFirstOrThrow({ where: { enrolmentId: e.id }, select: { locale: true, courseVersionId: true } });
    expect(row).toEqual({ locale: "ar", courseVersionId: versionId });
  });
});

describe("item statistics: measures and flags (pure)", () => {
  const group = (questionKey: string, answer: string[] | null, sums: Partial<AnswerGroup>): AnswerGroup => ({
    questionKey,
    locale: "en",
    answer,
    n: 0,
    sx: 0,
    sy: 0,
    sxy: 0,
    syy: 0,
    ...sums,
  });

  it("the correlation is undefined when a score does not vary", () => {
    expect(discrimination({ n: 10, sx: 10, sy: 30, sxy: 30, syy: 100 })).toBeNull(); // everyone right
    expect(discrimination({ n: 10, sx: 4, sy: 20, sxy: 8, syy: 40 })).toBeNull(); // every rest score 2
    expect(discrimination({ n: 1, sx: 1, sy: 3, sxy: 3, syy: 9 })).toBeNull();
  });

  it("flags the easy question, its unused distractor, the hard one and the one that does not discriminate", () => {
    const stats = quizStats(
      quiz,
      summaryOfGroups([
        // Q1: 24 of 25 right (0.96 > 0.9), nobody picked taxpayers (25 ≥ 20 responses)
        group("who-holds-rights", ["everyone"], { n: 24, sx: 24, sy: 48, sxy: 48, syy: 120 }),
        group("who-holds-rights", ["citizens"], { n: 1, sy: 0, syy: 0 }),
        // Q2: 1 of 12 right (0.083 < 0.2)
        group("duties", ["respect", "protect", "fulfil"], { n: 1, sx: 1, sy: 3, sxy: 3, syy: 9 }),
        group("duties", ["ignore"], { n: 11, sy: 11, syy: 11 }),
        // Q3: 12 attempts, facility 0.5, those right have lower rest scores: r < 0
        group("local-role", ["true"], { n: 6, sx: 6, sy: 0, sxy: 0, syy: 0 }),
        group("local-role", ["false"], { n: 6, sy: 12, syy: 24 }),
        // Q4: 9 attempts only: nothing flagged whatever the figures
        group("steps", null, { n: 9, sx: 9, sy: 9, sxy: 9, syy: 9 }),
      ]),
      [{ locale: "en", count: 25 }],
      ["en"],
    );
    const flags = Object.fromEntries(stats.questions.map((q) => [q.key, q.flags]));
    expect(flags).toEqual({
      "who-holds-rights": ["easy", "unusedDistractor"],
      duties: ["hard"],
      "local-role": ["lowDiscrimination"],
      steps: [],
    });
    expect(stats.questions[0].unusedDistractors).toEqual(["taxpayers"]);
    // the duties question has fewer than 20 responses: its unpicked options are not flagged
    expect(stats.questions[1].unusedDistractors).toEqual([]);
    expect(stats.questions[2].all.discrimination).toBe(-1);
  });
});

describe("item statistics summary: kept by submissions (this engine)", () => {
  // A small deterministic generator, so a failure can be replayed (seed in the test name).
  const generator = (seed: number) => () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  let learners = 0;
  const learner = async (): Promise<Enrolled> => {
    const id = newId();
    await db.user.create({ data: { id, email: `summary-${++learners}@demo.test`, name: `Learner ${learners}`, passwordHash: "-" } });
    const e = (await enrol(id, "short-course"))!;
    return { id: e.id, courseVersionId: e.courseVersionId, userId: id };
  };
  /** Starts an attempt and answers a random part of it at random (right or wrong). */
  const answerAtRandom = async (random: () => number, locale: Locale) => {
    const enrolment = await learner();
    const started = await startAttempt(enrolment, content, "essentials", locale);
    if (!started.ok) throw new Error(started.errors[0]?.key);
    for (const q of started.questions) {
      if (random() < 0.15) continue; // left unanswered
      const keys = q.options.map((o) => o.key).sort(() => random() - 0.5);
      const answer = q.type === "ordering" ? keys : q.type === "multiple" ? keys.slice(0, 1 + Math.floor(random() * keys.length)) : keys.slice(0, 1);
      const answered = await answerQuestion(enrolment, content, "essentials", { attemptId: started.attemptId, questionKey: q.key, answer }, locale);
      if (!answered.ok) throw new Error(answered.errors[0]?.key);
    }
    return { enrolment, attemptId: started.attemptId };
  };
  const submit = (a: { enrolment: Enrolled; attemptId: string }, locale: Locale) =>
    submitAttempt(a.enrolment, content, "essentials", { attemptId: a.attemptId, idempotencyKey: undefined }, locale);

  it("random attempts (seed 20261206): the summary's statistics equal the reference's exactly", async () => {
    const random = generator(20261206);
    const locales: Locale[] = ["en", "ar", "fr", "zh"];
    for (let i = 0; i < 40; i++) {
      const locale = locales[Math.floor(random() * locales.length)];
      const attempt = await answerAtRandom(random, locale);
      if (random() < 0.9) {
        expect((await submit(attempt, locale)).ok).toBe(true);
        if (random() < 0.2) expect((await submit(attempt, locale)).ok).toBe(true); // a retry adds nothing
      }
    }
    const fromSummary = await quizItemStats(versionId, quiz, db);
    expect(fromSummary).toEqual(await referenceQuizItemStats(db, versionId, quiz));
    expect(fromSummary.attempts.all).toBeGreaterThan(stats.attempts.all);
  }, 120_000);

  it("20 simultaneous submissions (and a double click on each): every one counted once", async () => {
    const random = generator(7);
    const attempts = [];
    for (let i = 0; i < 20; i++) attempts.push(await answerAtRandom(random, i % 2 ? "en" : "ar"));
    const before = await quizItemStats(versionId, quiz, db);
    const results = await Promise.all(attempts.flatMap((a, i) => [submit(a, i % 2 ? "en" : "ar"), submit(a, i % 2 ? "en" : "ar")]));
    expect(results.every((r) => r.ok)).toBe(true);
    const after = await quizItemStats(versionId, quiz, db);
    expect(after.attempts.all).toBe(before.attempts.all + 20);
    expect(after).toEqual(await referenceQuizItemStats(db, versionId, quiz));
  }, 120_000);
});
