import { z } from "zod";
import { supportedLocales, type Locale } from "~/i18n/config";

// The course file format (docs/course-format.md) as zod schemas, and the compiled shape stored in
// CourseVersion.content. Messages are plain English: they are read by course authors in the
// terminal (npm run courses:check) and in the authoring screens.

export const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const key = z.string().regex(KEY, "must be lowercase letters, digits and hyphens (e.g. core-principles)");

export const MECHANISM_TAGS = [
  "UPR",
  "treaty-bodies",
  "special-procedures",
  "HRC",
  "NMIRF",
  "VLR",
  "CEDAW",
  "CESCR",
  "CCPR",
  "CERD",
  "CRC",
  "CRPD",
  "CAT",
  "CMW",
  "ILO",
  "UNGP",
  "ombudsperson",
] as const;
export const SDG_TAG = /^SDG-(1[0-7]|[1-9])(\.([0-9]{1,2}|[a-z]))?$/;
const tag = z
  .string()
  .refine(
    (t) => (MECHANISM_TAGS as readonly string[]).includes(t) || SDG_TAG.test(t),
    (t) => ({ message: `unknown tag "${t}": use an SDG target like SDG-11.3 or one of ${MECHANISM_TAGS.join(", ")}` }),
  );

const localeEnum = z.enum(supportedLocales, {
  errorMap: () => ({ message: `must be one of ${supportedLocales.join(", ")}` }),
});
const text = z.string().trim().min(1, "must not be empty");
const localized = z
  .record(z.string(), text)
  .superRefine((value, ctx) => {
    for (const k of Object.keys(value)) {
      if (!(supportedLocales as readonly string[]).includes(k)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [k], message: `unknown locale "${k}" (use ${supportedLocales.join(", ")})` });
      }
    }
  });

export const courseFileSchema = z
  .object({
    slug: key,
    sourceLocale: localeEnum,
    academy: key,
    durationMinutes: z.number().int().min(1).max(100_000),
    topics: z.array(key).default([]),
    certificateValidityMonths: z.number().int().min(1).max(240).optional(),
    passRules: z
      .object({ requireAllLessons: z.boolean().default(true), requireAllQuizzes: z.boolean().default(true) })
      .strict()
      .default({}),
    title: localized,
    summary: localized,
    modules: z.array(key).min(1, "a course needs at least one module"),
  })
  .strict();

export const moduleFileSchema = z
  .object({
    key,
    title: localized,
    // Learning objectives per locale, shown on the course page; translations keep the source's count and order.
    objectives: z.record(z.string(), z.array(text).min(1, "give at least one objective")).default({}),
    lessons: z
      .array(z.object({ key, tags: z.array(tag).default([]) }).strict())
      .min(1, "a module needs at least one lesson"),
    // Practical tools (checklists, template clauses): texts in tools/<key>.<locale>.md.
    tools: z.array(z.object({ key }).strict()).default([]),
  })
  .strict();

// fixedOrder: never shuffle this question's options ("all of the above", a scale); ordering
// questions are always shuffled whatever it says (their order is the answer).
const questionBase = { key, tags: z.array(tag).default([]), fixedOrder: z.boolean().optional() };

/** When a learner sees the right answers and explanations (docs/decisions/quiz-review-rules.md). */
export const REVIEW_RULES = ["immediately", "after-pass", "after-last-attempt", "never"] as const;
export type ReviewRule = (typeof REVIEW_RULES)[number];
export const DEFAULT_REVIEW_RULE: ReviewRule = "after-pass";
export type RetakeWait = { afterFailedAttempts: number; minutes: number };
export const quizQuestionSchema = z.discriminatedUnion("type", [
  z.object({ ...questionBase, type: z.literal("single"), options: z.array(key).min(2), answer: key }).strict(),
  z
    .object({ ...questionBase, type: z.literal("multiple"), options: z.array(key).min(2), answer: z.array(key).min(1) })
    .strict(),
  z.object({ ...questionBase, type: z.literal("true-false"), answer: z.boolean() }).strict(),
  z
    .object({ ...questionBase, type: z.literal("ordering"), options: z.array(key).min(2), answer: z.array(key).min(2) })
    .strict(),
]);

export const quizFileSchema = z
  .object({
    key,
    passMark: z.number().int().min(1, "passMark must be between 1 and 100").max(100, "passMark must be between 1 and 100"),
    attemptsAllowed: z.number().int().min(0),
    shuffleQuestions: z.boolean().default(false),
    shuffleOptions: z.boolean().default(false),
    draw: z.number().int().min(1).optional(),
    review: z
      .enum(REVIEW_RULES, { errorMap: () => ({ message: `must be one of ${REVIEW_RULES.join(", ")}` }) })
      .default(DEFAULT_REVIEW_RULE),
    retakeWait: z
      .object({
        afterFailedAttempts: z.number().int().min(1, "must be at least 1"),
        minutes: z.number().int().min(1, "must be at least 1").max(525_600, "must be at most 525600 (a year)"),
      })
      .strict()
      .optional(),
    questions: z.array(quizQuestionSchema).min(1, "a quiz needs at least one question"),
  })
  .strict();

const optionTexts = z.object({ text: text.optional(), feedback: text.optional() }).strict();
export const quizLocaleFileSchema = z
  .object({
    title: text,
    questions: z.record(
      z.string(),
      z.object({ text, explanation: text, options: z.record(z.string(), optionTexts).default({}) }).strict(),
    ),
  })
  .strict();

export const lessonFrontMatterSchema = z.object({ title: text }).strict();
export const toolFrontMatterSchema = z.object({ title: text, description: text }).strict();

/** glossary.<locale>.yaml: term key → term and definition in that locale (same keys in every locale). */
export const glossaryFileSchema = z
  .record(z.string(), z.object({ term: text, definition: text }).strict())
  .superRefine((value, ctx) => {
    for (const k of Object.keys(value)) {
      if (!KEY.test(k)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: [k], message: `term key "${k}" must be lowercase letters, digits and hyphens` });
    }
  });

/** courses/terminology.<locale>.yaml: wordings a locale's course texts avoid (issue 14). */
export const terminologyFileSchema = z
  .object({
    avoid: z.array(z.object({ variant: text, use: text, except: z.array(text).default([]) }).strict()).default([]),
  })
  .strict();

export type CourseFile = z.infer<typeof courseFileSchema>;
export type ModuleFile = z.infer<typeof moduleFileSchema>;
export type QuizFile = z.infer<typeof quizFileSchema>;
export type QuizLocaleFile = z.infer<typeof quizLocaleFileSchema>;
export type TerminologyFile = z.infer<typeof terminologyFileSchema>;

// ---- compiled content, as stored in CourseVersion.content ----

export type LocalizedText = Partial<Record<Locale, string>>;
export type QuestionType = "single" | "multiple" | "true-false" | "ordering";

export type CompiledOption = { key: string; text: LocalizedText; feedback: LocalizedText };
export type CompiledQuestion = {
  key: string;
  type: QuestionType;
  tags: string[];
  text: LocalizedText;
  explanation: LocalizedText;
  options: CompiledOption[];
  /** Correct option keys (for ordering: in the right order). Server-only: sent only when the quiz's review rule allows. */
  answer: string[];
  /** Never shuffle the options (absent in versions compiled before this existed: shuffled). */
  fixedOrder?: boolean;
};
export type CompiledQuiz = {
  key: string;
  passMark: number;
  attemptsAllowed: number;
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
  draw: number | null;
  /** Absent in versions compiled before review rules existed: read with reviewRuleOf (after-pass). */
  review?: ReviewRule;
  /** Optional wait before the next attempt once this many attempts have failed. */
  retakeWait?: RetakeWait | null;
  title: LocalizedText;
  questions: CompiledQuestion[];
};
export type CompiledLesson = {
  key: string;
  tags: string[];
  title: LocalizedText;
  markdown: LocalizedText;
  html: LocalizedText;
  words: Partial<Record<Locale, number>>;
};
export type CompiledTool = {
  key: string;
  title: LocalizedText;
  description: LocalizedText;
  markdown: LocalizedText;
  html: LocalizedText;
  words: Partial<Record<Locale, number>>;
};
export type CompiledModule = {
  key: string;
  title: LocalizedText;
  /** Per locale, the same number of objectives in the same order as the source locale. */
  objectives: Partial<Record<Locale, string[]>>;
  lessons: CompiledLesson[];
  tools: CompiledTool[];
  quiz: CompiledQuiz;
};
export type CompiledGlossaryTerm = { key: string; term: LocalizedText; definition: LocalizedText };
export type CourseContent = {
  slug: string;
  sourceLocale: Locale;
  academy: string;
  durationMinutes: number;
  topics: string[];
  certificateValidityMonths: number | null;
  passRules: { requireAllLessons: boolean; requireAllQuizzes: boolean };
  title: LocalizedText;
  summary: LocalizedText;
  modules: CompiledModule[];
  /** In the order of the source locale's glossary file. */
  glossary: CompiledGlossaryTerm[];
  /** Locales in which every text of the course exists. */
  completeLocales: Locale[];
};

/**
 * Versions stored before objectives, tools and the glossary existed lack those fields: every reader of
 * stored content goes through this, so pages and the editor can rely on them.
 */
export function withFormatDefaults(content: CourseContent): CourseContent {
  if (!content.glossary) content.glossary = [];
  for (const m of content.modules) {
    if (!m.objectives) m.objectives = {};
    if (!m.tools) m.tools = [];
  }
  return content;
}
