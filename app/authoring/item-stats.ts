// Item statistics of a quiz (after Moodle's quiz statistics report), the pure part: the database
// keeps additive sums per question and language and counts per option (the summary tables,
// item-summary.server.ts); this file turns them into the measures authors read, and decides which
// questions to flag. Unit-tested against a fixture computed by hand and against the former
// statement over every answer (item-stats.test.ts).
//
// Per question, for the submitted attempts in which it was answered:
// - facility index: the share of those attempts that answered it fully correctly (0–1);
// - discrimination index: the Pearson correlation between the question's score (1 right, 0 wrong)
//   and the score of the rest of the attempt (the other questions answered right) — Moodle's
//   "discrimination index", the point-biserial correlation corrected by leaving the item out. It is
//   undefined (null) when either score does not vary (everyone right, or every rest score equal);
// - the share of the answers that chose each option (single, multiple, true/false; for ordering
//   questions only the share fully correct is meaningful).
import type { CompiledQuestion, CompiledQuiz, QuestionType } from "~/courses/schema";

/** The language of attempts made before attempts recorded it. */
export const UNKNOWN_LOCALE = "unknown";

/** Below these numbers the figures say little, and nothing is flagged. */
export const MIN_ATTEMPTS_FOR_FLAGS = 10;
export const MIN_RESPONSES_FOR_DISTRACTORS = 20;
export const EASY_ABOVE = 0.9;
export const HARD_BELOW = 0.2;
export const LOW_DISCRIMINATION_BELOW = 0.2;

/**
 * Sums over responses, with x = the question's score (0/1) and y = the rest of the attempt's score
 * (other questions right). Additive: the sums of two groups are the sums of their union, so the
 * database returns them per language and answer, and "all languages" is their total.
 */
export type ItemSums = { n: number; sx: number; sy: number; sxy: number; syy: number };

/** A summary row: the sums for one question in one language. */
export type ItemRow = ItemSums & { questionKey: string; locale: string };

/** A summary row: how many answers to one question in one language chose one option. */
export type OptionRow = { questionKey: string; locale: string; optionKey: string; chosen: number };

/** The summary of one quiz: per question and language, and per option. */
export type QuizSummary = { items: ItemRow[]; options: OptionRow[] };

/**
 * The sums for one question, language and whole answer, as the statement over every answer
 * computes them (the reference the summary is tested against, tests/item-stats-reference.ts).
 */
export type AnswerGroup = ItemSums & { questionKey: string; locale: string; answer: string[] | null };

/** The summary that answer groups amount to: their sums added per question and language, and per option. */
export function summaryOfGroups(groups: AnswerGroup[]): QuizSummary {
  const items = new Map<string, ItemRow>();
  const options = new Map<string, OptionRow>();
  for (const g of groups) {
    const id = JSON.stringify([g.questionKey, g.locale]);
    const item = items.get(id) ?? { questionKey: g.questionKey, locale: g.locale, ...emptySums() };
    items.set(id, addSums(item, g));
    // an answer names each option once (validated when it was given)
    for (const optionKey of new Set(g.answer ?? [])) {
      const oid = JSON.stringify([g.questionKey, g.locale, optionKey]);
      const option = options.get(oid) ?? { questionKey: g.questionKey, locale: g.locale, optionKey, chosen: 0 };
      option.chosen += g.n;
      options.set(oid, option);
    }
  }
  return { items: [...items.values()], options: [...options.values()] };
}

export const emptySums = (): ItemSums => ({ n: 0, sx: 0, sy: 0, sxy: 0, syy: 0 });

function addSums<T extends ItemSums>(into: T, more: ItemSums): T {
  into.n += more.n;
  into.sx += more.sx;
  into.sy += more.sy;
  into.sxy += more.sxy;
  into.syy += more.syy;
  return into;
}

export function facility(s: ItemSums): number | null {
  return s.n ? s.sx / s.n : null;
}

/**
 * Pearson's r between x and y from their sums (x is 0/1, so Σx² = Σx):
 * r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
 */
export function discrimination(s: ItemSums): number | null {
  const vx = s.n * s.sx - s.sx * s.sx;
  const vy = s.n * s.syy - s.sy * s.sy;
  if (s.n < 2 || vx <= 0 || vy <= 0) return null;
  const r = (s.n * s.sxy - s.sx * s.sy) / Math.sqrt(vx * vy);
  return Math.max(-1, Math.min(1, r));
}

export type Flag = "easy" | "hard" | "lowDiscrimination" | "unusedDistractor";

export type OptionShare = { key: string; correct: boolean; count: number; share: number | null };

export type ItemFigures = {
  attempts: number;
  facility: number | null;
  discrimination: number | null;
  /** empty for ordering questions */
  options: OptionShare[];
};

export type QuestionStats = {
  key: string;
  type: QuestionType;
  /** "all" (every language together) first, then each language with attempts, "unknown" last */
  all: ItemFigures;
  byLocale: { locale: string; figures: ItemFigures }[];
  flags: Flag[];
  /** the options no one chose (with enough responses), when flagged */
  unusedDistractors: string[];
};

export type QuizStats = { quizKey: string; attempts: { all: number; byLocale: { locale: string; count: number }[] }; questions: QuestionStats[] };

export const hasOptionShares = (type: QuestionType) => type !== "ordering";

function figures(question: CompiledQuestion, sums: ItemSums, chosen: Map<string, number>): ItemFigures {
  return {
    attempts: sums.n,
    facility: facility(sums),
    discrimination: discrimination(sums),
    options: hasOptionShares(question.type)
      ? question.options.map((o) => {
          const count = chosen.get(o.key) ?? 0;
          return { key: o.key, correct: question.answer.includes(o.key), count, share: sums.n ? count / sums.n : null };
        })
      : [],
  };
}

/** The flags of one question, judged on every language together. */
export function flagsFor(question: CompiledQuestion, all: ItemFigures): { flags: Flag[]; unusedDistractors: string[] } {
  const flags: Flag[] = [];
  if (all.attempts >= MIN_ATTEMPTS_FOR_FLAGS && all.facility !== null) {
    if (all.facility > EASY_ABOVE) flags.push("easy");
    if (all.facility < HARD_BELOW) flags.push("hard");
  }
  // an undefined discrimination (everyone right or everyone wrong) is covered by the facility flags
  if (all.attempts >= MIN_ATTEMPTS_FOR_FLAGS && all.discrimination !== null && all.discrimination < LOW_DISCRIMINATION_BELOW) {
    flags.push("lowDiscrimination");
  }
  const unusedDistractors =
    all.attempts >= MIN_RESPONSES_FOR_DISTRACTORS ? all.options.filter((o) => !o.correct && o.count === 0).map((o) => o.key) : [];
  if (unusedDistractors.length) flags.push("unusedDistractor");
  return { flags, unusedDistractors };
}

/**
 * The statistics of one quiz from its summary. Questions in the quiz's order (those of
 * the version, even without answers yet); languages in `localeOrder`, then any other, "unknown" last.
 */
export function quizStats(
  quiz: CompiledQuiz,
  summary: QuizSummary,
  attemptsByLocale: { locale: string; count: number }[],
  localeOrder: readonly string[],
): QuizStats {
  const rank = (locale: string) => (locale === UNKNOWN_LOCALE ? 1e6 : localeOrder.includes(locale) ? localeOrder.indexOf(locale) : 1e5);
  const sortLocales = <T extends { locale: string }>(items: T[]) => [...items].sort((a, b) => rank(a.locale) - rank(b.locale) || a.locale.localeCompare(b.locale));
  const questions = quiz.questions.map((question) => {
    const perLocale = new Map<string, { sums: ItemSums; chosen: Map<string, number> }>();
    const entry = (locale: string) => {
      const found = perLocale.get(locale) ?? { sums: emptySums(), chosen: new Map<string, number>() };
      perLocale.set(locale, found);
      return found;
    };
    const all = emptySums();
    const allChosen = new Map<string, number>();
    for (const row of summary.items) {
      if (row.questionKey !== question.key) continue;
      addSums(all, row);
      addSums(entry(row.locale).sums, row);
    }
    for (const row of summary.options) {
      if (row.questionKey !== question.key) continue;
      const chosen = entry(row.locale).chosen;
      chosen.set(row.optionKey, (chosen.get(row.optionKey) ?? 0) + row.chosen);
      allChosen.set(row.optionKey, (allChosen.get(row.optionKey) ?? 0) + row.chosen);
    }
    const allFigures = figures(question, all, allChosen);
    return {
      key: question.key,
      type: question.type,
      all: allFigures,
      byLocale: sortLocales([...perLocale].map(([locale, e]) => ({ locale, figures: figures(question, e.sums, e.chosen) }))),
      ...flagsFor(question, allFigures),
    };
  });
  return {
    quizKey: quiz.key,
    attempts: { all: attemptsByLocale.reduce((sum, a) => sum + a.count, 0), byLocale: sortLocales(attemptsByLocale) },
    questions,
  };
}
