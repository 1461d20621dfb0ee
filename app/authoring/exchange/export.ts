import { reviewRuleOf } from "~/learning/quiz-rules";
import { Document, isScalar, visit } from "yaml";
import { supportedLocales, type Locale } from "~/i18n/config";
import type { CompiledModule, CompiledQuestion, CourseContent, LocalizedText } from "~/courses/schema";

// CourseContent (CourseVersion.content) back to the course folder of docs/course-format.md, as a map
// of relative path → text: the same shape readCourseFolder() gives compileCourse(). The guarantee,
// tested for every course in courses/: compileCourse(slug, contentToFiles(content)) deep-equals content.
//
// Only what the files carry is written: `html`, `words` and `completeLocales` are derived by the
// compiler. Optional fields are left out when they hold their default, like an author would write them.

export type ExportedFiles = Map<string, string>;

// Lists of keys and tags are written inline ("options: [a, b, c]"), as in docs/course-format.md.
// lineWidth 0: never fold long texts, so that a diff of an exported folder shows whole sentences.
function toYaml(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Seq(_, node) {
      // keys and tags (never a space) inline; sentences such as objectives one per line
      if (node.items.every((item) => isScalar(item) && !/\s/.test(String(item.value)))) node.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false });
}

/** Source locale first, then the translations in a fixed order: exporting twice gives identical files. */
function localizedIn(source: Locale) {
  const order = [source, ...supportedLocales.filter((l) => l !== source)];
  return (text: LocalizedText): Partial<Record<Locale, string>> => {
    const out: Partial<Record<Locale, string>> = {};
    for (const l of order) if (text[l] !== undefined) out[l] = text[l];
    return out;
  };
}

export function contentToFiles(content: CourseContent): ExportedFiles {
  const files: ExportedFiles = new Map();
  const localized = localizedIn(content.sourceLocale);
  files.set(
    "course.yaml",
    toYaml({
      slug: content.slug,
      sourceLocale: content.sourceLocale,
      academy: content.academy,
      durationMinutes: content.durationMinutes,
      topics: content.topics,
      ...(content.certificateValidityMonths !== null ? { certificateValidityMonths: content.certificateValidityMonths } : {}),
      passRules: { requireAllLessons: content.passRules.requireAllLessons, requireAllQuizzes: content.passRules.requireAllQuizzes },
      title: localized(content.title),
      summary: localized(content.summary),
      modules: content.modules.map((m) => m.key),
    }),
  );
  for (const mod of content.modules) writeModule(files, mod, localized);
  writeGlossary(files, content);
  return files;
}

/** glossary.<locale>.yaml for each locale that has a term, terms in the course's order. */
function writeGlossary(files: ExportedFiles, content: CourseContent) {
  for (const locale of supportedLocales) {
    const terms: Record<string, { term?: string; definition?: string }> = {};
    for (const g of content.glossary ?? []) {
      if (g.term[locale] === undefined && g.definition[locale] === undefined) continue;
      terms[g.key] = { term: g.term[locale], definition: g.definition[locale] };
    }
    if (Object.keys(terms).length > 0 || (locale === content.sourceLocale && (content.glossary ?? []).length > 0)) {
      files.set(`glossary.${locale}.yaml`, toYaml(terms));
    }
  }
}

/** Front matter + body, as written: the compiler's pattern takes one line break after the closing "---". */
function markdownFile(meta: Record<string, string>, body: string | undefined): string {
  return `---\n${toYaml(meta)}---\n${body ?? ""}`;
}

function writeModule(files: ExportedFiles, mod: CompiledModule, localized: (text: LocalizedText) => LocalizedText) {
  // objectives keep the order of `localized` (source first): lists of strings per locale
  const localizedList = (lists: Partial<Record<Locale, string[]>>) => {
    const order = Object.keys(localized(Object.fromEntries(Object.keys(lists).map((l) => [l, "x"])))) as Locale[];
    return Object.fromEntries(order.map((l) => [l, lists[l]]));
  };
  const dir = `modules/${mod.key}`;
  files.set(
    `${dir}/module.yaml`,
    toYaml({
      key: mod.key,
      title: localized(mod.title),
      ...(Object.keys(mod.objectives ?? {}).length ? { objectives: localizedList(mod.objectives) } : {}),
      lessons: mod.lessons.map((l) => (l.tags.length ? { key: l.key, tags: l.tags } : { key: l.key })),
      ...((mod.tools ?? []).length ? { tools: mod.tools.map((t) => ({ key: t.key })) } : {}),
    }),
  );
  for (const tool of mod.tools ?? []) {
    for (const locale of supportedLocales) {
      const title = tool.title[locale];
      const description = tool.description[locale];
      if (title === undefined && description === undefined && tool.markdown[locale] === undefined) continue;
      files.set(`${dir}/tools/${tool.key}.${locale}.md`, markdownFile({ title: title ?? "", description: description ?? "" }, tool.markdown[locale]));
    }
  }
  for (const lesson of mod.lessons) {
    for (const locale of supportedLocales) {
      const body = lesson.markdown[locale];
      const title = lesson.title[locale];
      // A draft may hold half a translation: write what exists so the compiler names what is missing.
      if (body === undefined && title === undefined) continue;
      // The compiler's front matter pattern takes one line break after the closing "---": the body
      // (which usually starts with a blank line) follows it unchanged.
      files.set(`${dir}/lessons/${lesson.key}.${locale}.md`, markdownFile({ title: title ?? "" }, body));
    }
  }

  const quiz = mod.quiz;
  files.set(
    `${dir}/quiz.yaml`,
    toYaml({
      key: quiz.key,
      passMark: quiz.passMark,
      attemptsAllowed: quiz.attemptsAllowed,
      shuffleQuestions: quiz.shuffleQuestions,
      shuffleOptions: quiz.shuffleOptions,
      ...(quiz.draw !== null ? { draw: quiz.draw } : {}),
      // versions compiled before review rules existed have none: written as the default they meant
      review: reviewRuleOf(quiz),
      ...(quiz.retakeWait ? { retakeWait: { afterFailedAttempts: quiz.retakeWait.afterFailedAttempts, minutes: quiz.retakeWait.minutes } } : {}),
      questions: quiz.questions.map(questionStructure),
    }),
  );
  for (const locale of supportedLocales) {
    const title = quiz.title[locale];
    if (!quizHasLocale(quiz, locale)) continue; // no quiz.<locale>.yaml in the folder
    const questions: Record<string, unknown> = {};
    for (const q of quiz.questions) {
      const options: Record<string, { text?: string; feedback?: string }> = {};
      for (const o of q.options) {
        const entry: { text?: string; feedback?: string } = {};
        if (q.type !== "true-false" && o.text[locale] !== undefined) entry.text = o.text[locale];
        if (o.feedback[locale] !== undefined) entry.feedback = o.feedback[locale];
        options[o.key] = entry;
      }
      questions[q.key] = { text: q.text[locale], explanation: q.explanation[locale], options };
    }
    files.set(`${dir}/quiz.${locale}.yaml`, toYaml({ title, questions }));
  }
}

function questionStructure(q: CompiledQuestion) {
  const tags = { ...(q.tags.length ? { tags: q.tags } : {}), ...(q.fixedOrder ? { fixedOrder: true } : {}) };
  switch (q.type) {
    case "true-false":
      return { key: q.key, type: q.type, answer: q.answer[0] === "true", ...tags };
    case "single":
      return { key: q.key, type: q.type, options: q.options.map((o) => o.key), answer: q.answer[0], ...tags };
    case "multiple":
    case "ordering":
      return { key: q.key, type: q.type, options: q.options.map((o) => o.key), answer: q.answer, ...tags };
  }
}

function quizHasLocale(quiz: CompiledModule["quiz"], locale: Locale): boolean {
  if (quiz.title[locale] !== undefined) return true;
  return quiz.questions.some(
    (q) => q.text[locale] !== undefined || q.explanation[locale] !== undefined || q.options.some((o) => o.text[locale] !== undefined || o.feedback[locale] !== undefined),
  );
}
