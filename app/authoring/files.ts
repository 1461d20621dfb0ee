import { stringify } from "yaml";
import { supportedLocales, type Locale } from "~/i18n/config";
import type { CompiledQuestion, CourseContent } from "~/courses/schema";

// CourseContent → the course folder's files (docs/course-format.md), in memory. The editor validates
// a draft by compiling these files with the same compileCourse as `npm run courses:check`, so the
// browser and the command line apply one set of rules. Texts missing in a locale are left out, so the
// compiler reports them exactly as it would for hand-written files.

export type CourseFileMap = Map<string, string>;

const yaml = (value: unknown) => stringify(value, { lineWidth: 0 });

function defined<T extends Record<string, unknown>>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

function questionFile(q: CompiledQuestion) {
  const base = { key: q.key, type: q.type, ...(q.tags.length ? { tags: q.tags } : {}) };
  switch (q.type) {
    case "true-false":
      return { ...base, answer: q.answer[0] === "true" };
    case "single":
      return { ...base, options: q.options.map((o) => o.key), answer: q.answer[0] ?? "" };
    default:
      return { ...base, options: q.options.map((o) => o.key), answer: q.answer };
  }
}

export function contentToFiles(content: CourseContent): CourseFileMap {
  const files: CourseFileMap = new Map();
  files.set(
    "course.yaml",
    yaml(
      defined({
        slug: content.slug,
        sourceLocale: content.sourceLocale,
        academy: content.academy,
        durationMinutes: content.durationMinutes,
        topics: content.topics,
        certificateValidityMonths: content.certificateValidityMonths ?? undefined,
        passRules: content.passRules,
        title: content.title,
        summary: content.summary,
        modules: content.modules.map((m) => m.key),
      }),
    ),
  );
  for (const m of content.modules) {
    const dir = `modules/${m.key}`;
    files.set(
      `${dir}/module.yaml`,
      yaml({ key: m.key, title: m.title, lessons: m.lessons.map((l) => (l.tags.length ? { key: l.key, tags: l.tags } : { key: l.key })) }),
    );
    for (const l of m.lessons) {
      for (const locale of supportedLocales) {
        if (l.title[locale] === undefined && l.markdown[locale] === undefined) continue;
        files.set(`${dir}/lessons/${l.key}.${locale}.md`, `---\n${yaml({ title: l.title[locale] ?? "" })}---\n${l.markdown[locale] ?? ""}`);
      }
    }
    const q = m.quiz;
    files.set(
      `${dir}/quiz.yaml`,
      yaml(
        defined({
          key: q.key,
          passMark: q.passMark,
          attemptsAllowed: q.attemptsAllowed,
          shuffleQuestions: q.shuffleQuestions,
          shuffleOptions: q.shuffleOptions,
          draw: q.draw ?? undefined,
          questions: q.questions.map(questionFile),
        }),
      ),
    );
    for (const locale of supportedLocales) {
      if (!quizHasLocale(m.quiz, locale)) continue;
      const questions: Record<string, unknown> = {};
      for (const question of q.questions) {
        const options: Record<string, unknown> = {};
        for (const o of question.options) {
          const entry = defined({ text: question.type === "true-false" ? undefined : o.text[locale], feedback: o.feedback[locale] });
          if (Object.keys(entry).length) options[o.key] = entry;
        }
        questions[question.key] = defined({ text: question.text[locale], explanation: question.explanation[locale], options });
      }
      files.set(`${dir}/quiz.${locale}.yaml`, yaml(defined({ title: q.title[locale], questions })));
    }
  }
  return files;
}

function quizHasLocale(quiz: CourseContent["modules"][number]["quiz"], locale: Locale): boolean {
  if (quiz.title[locale]) return true;
  return quiz.questions.some(
    (q) => q.text[locale] || q.explanation[locale] || q.options.some((o) => o.text[locale] || o.feedback[locale]),
  );
}

/** Where a compiler error belongs in the editor, from the file it names. */
export type ErrorPlace =
  | { section: "course" }
  | { section: "module"; moduleKey: string }
  | { section: "lesson"; moduleKey: string; lessonKey: string; locale: Locale | null }
  | { section: "quiz"; moduleKey: string; locale: Locale | null };

export function placeOf(file: string): ErrorPlace {
  const rel = file.replace(/^courses\/[^/]+\//, "");
  const lesson = /^modules\/([^/]+)\/lessons\/([^/]+?)\.([a-z]{2})\.md$/.exec(rel);
  if (lesson) return { section: "lesson", moduleKey: lesson[1], lessonKey: lesson[2], locale: asLocale(lesson[3]) };
  const quiz = /^modules\/([^/]+)\/quiz(?:\.([a-z]{2}))?\.yaml$/.exec(rel);
  if (quiz) return { section: "quiz", moduleKey: quiz[1], locale: asLocale(quiz[2]) };
  const mod = /^modules\/([^/]+)\//.exec(rel);
  if (mod) return { section: "module", moduleKey: mod[1] };
  return { section: "course" };
}

function asLocale(value: string | undefined): Locale | null {
  return value && (supportedLocales as readonly string[]).includes(value) ? (value as Locale) : null;
}
