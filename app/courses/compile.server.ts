import { LineCounter, isMap, isScalar, isSeq, parseDocument } from "yaml";
import type { z } from "zod";
import { isLocale, supportedLocales, type Locale } from "~/i18n/config";
import { countWords, renderLessonMarkdown, type GlossaryTarget, type LessonBlock } from "./markdown.server";
import { finding, lintDuration, lintQuizzes, lintTerminology, type CourseFinding, type LocaleText, type QuizPlaces } from "./lint";
import {
  courseFileSchema,
  glossaryFileSchema,
  lessonFrontMatterSchema,
  toolFrontMatterSchema,
  moduleFileSchema,
  quizFileSchema,
  quizLocaleFileSchema,
  type CompiledGlossaryTerm,
  type CompiledLesson,
  type CompiledModule,
  type CompiledTool,
  type CompiledQuestion,
  type CompiledQuiz,
  type CourseContent,
  type QuizFile,
  type TerminologyFile,
} from "./schema";

// Turns a course folder (as a map of relative path → text) into CourseContent, or into a list of
// errors that each name a file and a line. A course with any error is never imported.

export type CourseError = { file: string; line: number; message: string };
export type CourseFiles = Map<string, string>; // "modules/x/quiz.yaml" → text
export type BlockTitles = (locale: Locale, block: LessonBlock) => string;

type Parsed<T> = { value: T; lineOf: (path: (string | number)[]) => number };

class Collector {
  errors: CourseError[] = [];
  findings: CourseFinding[] = [];
  /** Texts of each locale with their place, for the terminology check once the course compiled. */
  texts: LocaleText[] = [];
  questionLines = new Map<string, number>();
  constructor(private prefix: string) {}
  add(file: string, line: number, message: string) {
    this.errors.push({ file: `${this.prefix}/${file}`, line, message });
  }
  path(file: string) {
    return `${this.prefix}/${file}`;
  }
}

export type CompileOptions = {
  /** courses/terminology.<locale>.yaml, parsed (see loadTerminology): variants the texts avoid. */
  terminology?: Partial<Record<Locale, TerminologyFile>>;
};

function parseYaml<S extends z.ZodTypeAny>(
  files: CourseFiles,
  file: string,
  schema: S,
  out: Collector,
  startLine = 0,
  source = files.get(file),
): Parsed<z.infer<S>> | null {
  if (source === undefined) {
    out.add(file, 1, "file is missing");
    return null;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) out.add(file, startLine + (e.linePos?.[0]?.line ?? 1), `YAML syntax: ${e.message.split("\n")[0]}`);
    return null;
  }
  // The line of the deepest node on `path` that exists; for a mapping entry, the line of its key.
  const lineOf = (path: (string | number)[]) => {
    let node: unknown = doc.contents;
    let at = (node as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair) break;
        at = (pair.key as { range?: [number, number, number] }).range?.[0] ?? at;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number" && node.items[segment]) {
        node = node.items[segment];
        at = (node as { range?: [number, number, number] }).range?.[0] ?? at;
      } else break;
    }
    return startLine + lineCounter.linePos(at).line;
  };
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      const where = path.length ? `${path.join(".")}: ` : "";
      if (issue.code === "unrecognized_keys") {
        for (const k of issue.keys) out.add(file, lineOf([...path, k]), `${where}unknown field "${k}"`);
      } else {
        out.add(file, lineOf(path), `${where}${issue.message}`);
      }
    }
    return null;
  }
  return { value: result.data, lineOf };
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  return keys.filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

export type CompileResult = {
  content: CourseContent | null;
  /** Problems that stop an import. */
  errors: CourseError[];
  /** Quality findings (app/courses/lint.ts): reported, never blocking; only computed when there is no error. */
  findings: CourseFinding[];
};

export function compileCourse(slug: string, files: CourseFiles, blockTitles: BlockTitles, options: CompileOptions = {}): CompileResult {
  const out = new Collector(`courses/${slug}`);
  const course = parseYaml(files, "course.yaml", courseFileSchema, out);
  if (!course) return { content: null, errors: out.errors, findings: [] };
  const c = course.value;
  const source = c.sourceLocale;
  if (c.slug !== slug) out.add("course.yaml", course.lineOf(["slug"]), `slug "${c.slug}" must equal the folder name "${slug}"`);
  if (!c.title[source]) out.add("course.yaml", course.lineOf(["title"]), `title has no "${source}" text (the source locale)`);
  if (!c.summary[source]) out.add("course.yaml", course.lineOf(["summary"]), `summary has no "${source}" text (the source locale)`);
  for (const dup of duplicates(c.modules)) out.add("course.yaml", course.lineOf(["modules"]), `module "${dup}" is listed twice`);

  // Files under modules/ that belong to no listed module are probably a typo in course.yaml.
  for (const path of files.keys()) {
    const m = /^modules\/([^/]+)\//.exec(path);
    if (m && !c.modules.includes(m[1])) {
      out.add(path, 1, `folder modules/${m[1]} is not listed in course.yaml "modules"`);
    }
  }

  const modules: CompiledModule[] = [];
  const localeHas: Record<Locale, boolean> = Object.fromEntries(
    supportedLocales.map((l) => [l, Boolean(c.title[l] && c.summary[l])]),
  ) as Record<Locale, boolean>;
  for (const [field, value] of [["title", c.title], ["summary", c.summary]] as const) {
    for (const [l, text] of Object.entries(value)) {
      if (isLocale(l)) out.texts.push({ file: out.path("course.yaml"), line: course.lineOf([field, l]), locale: l, text });
    }
  }

  const glossary = compileGlossary(files, source, out, localeHas);
  const glossaryTarget: GlossaryTarget | undefined = glossary ? { slug, keys: new Set(glossary.map((g) => g.key)) } : undefined;

  for (const moduleKey of c.modules) {
    const dir = `modules/${moduleKey}`;
    const mod = parseYaml(files, `${dir}/module.yaml`, moduleFileSchema, out);
    if (!mod) continue;
    const m = mod.value;
    if (m.key !== moduleKey) out.add(`${dir}/module.yaml`, mod.lineOf(["key"]), `key "${m.key}" must equal the folder name "${moduleKey}"`);
    if (!m.title[source]) out.add(`${dir}/module.yaml`, mod.lineOf(["title"]), `title has no "${source}" text (the source locale)`);
    for (const l of supportedLocales) if (!m.title[l]) localeHas[l] = false;
    for (const [l, text] of Object.entries(m.title)) {
      if (isLocale(l)) out.texts.push({ file: out.path(`${dir}/module.yaml`), line: mod.lineOf(["title", l]), locale: l, text });
    }
    const objectives = checkObjectives(m.objectives, `${dir}/module.yaml`, mod.lineOf, source, out, localeHas);
    const lessonKeys = m.lessons.map((l) => l.key);
    for (const dup of duplicates(lessonKeys)) out.add(`${dir}/module.yaml`, mod.lineOf(["lessons"]), `lesson "${dup}" is listed twice`);

    // lesson files: <key>.<locale>.md
    for (const path of files.keys()) {
      if (!path.startsWith(`${dir}/lessons/`)) continue;
      const name = path.slice(`${dir}/lessons/`.length);
      const match = /^([^/]+)\.([a-z]{2})\.md$/.exec(name);
      if (!match) {
        out.add(path, 1, "lesson files are named <lesson-key>.<locale>.md");
      } else if (!isLocale(match[2])) {
        out.add(path, 1, `unknown locale "${match[2]}" (use ${supportedLocales.join(", ")})`);
      } else if (!lessonKeys.includes(match[1])) {
        out.add(path, 1, `lesson "${match[1]}" is not listed in ${dir}/module.yaml`);
      }
    }

    const lessons: CompiledLesson[] = [];
    for (const entry of m.lessons) {
      const lesson: CompiledLesson = { key: entry.key, tags: entry.tags, title: {}, markdown: {}, html: {}, words: {} };
      for (const locale of supportedLocales) {
        const file = `${dir}/lessons/${entry.key}.${locale}.md`;
        const text = files.get(file);
        if (text === undefined) {
          if (locale === source) out.add(file, 1, `lesson "${entry.key}" has no ${source} file (the source locale)`);
          localeHas[locale] = false;
          continue;
        }
        const fm = FRONT_MATTER.exec(text);
        if (!fm) {
          out.add(file, 1, 'a lesson starts with front matter: "---", "title: ...", "---"');
          continue;
        }
        const meta = parseYaml(files, file, lessonFrontMatterSchema, out, 1, fm[1]);
        const body = text.slice(fm[0].length);
        const bodyStartLine = fm[0].split("\n").length - 1;
        const rendered = renderLessonMarkdown(body, (block) => blockTitles(locale, block), bodyStartLine, glossaryTarget);
        out.texts.push({ file: out.path(file), line: 1, locale, text });
        for (const p of rendered.problems) out.add(file, p.line, p.message);
        if (!body.trim()) out.add(file, bodyStartLine + 1, "the lesson has no text");
        if (!meta) continue;
        lesson.title[locale] = meta.value.title;
        lesson.markdown[locale] = body;
        lesson.html[locale] = rendered.html;
        lesson.words[locale] = countWords(body);
      }
      lessons.push(lesson);
    }

    const tools = compileTools(files, dir, m.tools.map((t) => t.key), mod.lineOf, source, out, localeHas, blockTitles, glossaryTarget);

    const quiz = compileQuiz(files, dir, source, out, localeHas, m.key);
    if (quiz) modules.push({ key: m.key, title: m.title, objectives, lessons, tools, quiz });
  }

  if (out.errors.length > 0) return { content: null, errors: out.errors, findings: [] };
  const content: CourseContent = {
      slug: c.slug,
      sourceLocale: source,
      academy: c.academy,
      durationMinutes: c.durationMinutes,
      topics: c.topics,
      certificateValidityMonths: c.certificateValidityMonths ?? null,
      passRules: c.passRules,
      title: c.title,
      summary: c.summary,
      modules,
      glossary: glossary ?? [],
      completeLocales: supportedLocales.filter((l) => localeHas[l]),
  };
  const places: QuizPlaces = {
    structure: (moduleKey, key) => out.questionLines.get(`${moduleKey}/quiz.yaml/${key}`) ?? 1,
    text: (moduleKey, questionKey, optionKey) =>
      out.questionLines.get(`${moduleKey}/text/${questionKey}/${optionKey ?? ""}`) ?? out.questionLines.get(`${moduleKey}/text/${questionKey}/`) ?? 1,
  };
  const findings = [
    ...out.findings,
    ...lintDuration(content, course.lineOf(["durationMinutes"])),
    ...lintQuizzes(content, places),
    ...(options.terminology ? lintTerminology(out.texts, options.terminology) : []),
  ];
  return { content, errors: [], findings };
}

const GLOSSARY_FILE = /^glossary\.([^/]+)\.yaml$/;

/**
 * glossary.<locale>.yaml at the course's root: terms in the source file's order. A translation with a
 * term the source lacks is an error; a term missing in a translation falls back to the source (a
 * finding, and the locale is not complete). No glossary file at all: the course has no glossary (null).
 */
function compileGlossary(files: CourseFiles, source: Locale, out: Collector, localeHas: Record<Locale, boolean>): CompiledGlossaryTerm[] | null {
  const present = [...files.keys()].map((p) => GLOSSARY_FILE.exec(p)).filter((m): m is RegExpExecArray => m !== null);
  if (present.length === 0) return null;
  const parsed = new Map<Locale, Parsed<Record<string, { term: string; definition: string }>>>();
  for (const [file, locale] of present) {
    if (!isLocale(locale)) {
      out.add(file, 1, `unknown locale "${locale}" (use ${supportedLocales.join(", ")})`);
      continue;
    }
    const p = parseYaml(files, file, glossaryFileSchema, out);
    if (p) parsed.set(locale, p);
    out.texts.push({ file: out.path(file), line: 1, locale, text: files.get(file) ?? "" });
  }
  const sourceFile = `glossary.${source}.yaml`;
  if (!files.has(sourceFile)) {
    out.add(sourceFile, 1, `the glossary has no ${source} file (the source locale), but ${present[0][0]} exists`);
    return null;
  }
  const src = parsed.get(source);
  if (!src) return null;
  const terms: CompiledGlossaryTerm[] = Object.entries(src.value).map(([key, v]) => ({ key, term: { [source]: v.term }, definition: { [source]: v.definition } }));
  for (const locale of supportedLocales) {
    if (locale === source) continue;
    const p = parsed.get(locale);
    if (!p) {
      if (terms.length) localeHas[locale] = false;
      continue;
    }
    const file = `glossary.${locale}.yaml`;
    for (const key of Object.keys(p.value)) {
      if (!(key in src.value)) out.add(file, p.lineOf([key]), `term "${key}" is not in ${sourceFile} (every locale has the source's keys)`);
    }
    for (const t of terms) {
      const entry = p.value[t.key];
      if (!entry) {
        out.findings.push(finding(out.path(file), 1, "warning", "glossaryMissing", { term: t.key, locale }));
        localeHas[locale] = false;
        continue;
      }
      t.term[locale] = entry.term;
      t.definition[locale] = entry.definition;
    }
  }
  return terms;
}

/** module.yaml `objectives`: the source locale's list, and the same number of items in each translation. */
function checkObjectives(
  objectives: Record<string, string[]>,
  file: string,
  lineOf: (path: (string | number)[]) => number,
  source: Locale,
  out: Collector,
  localeHas: Record<Locale, boolean>,
): Partial<Record<Locale, string[]>> {
  const result: Partial<Record<Locale, string[]>> = {};
  const locales = Object.keys(objectives);
  if (locales.length === 0) return result;
  const own = objectives[source];
  if (!own) out.add(file, lineOf(["objectives"]), `objectives have no "${source}" list (the source locale)`);
  for (const l of locales) {
    if (!isLocale(l)) {
      out.add(file, lineOf(["objectives", l]), `unknown locale "${l}" (use ${supportedLocales.join(", ")})`);
      continue;
    }
    if (own && objectives[l].length !== own.length) {
      out.add(file, lineOf(["objectives", l]), `objectives.${l} has ${objectives[l].length} items; the source locale has ${own.length} (same number, same order)`);
    }
    result[l] = objectives[l];
    objectives[l].forEach((text, i) => out.texts.push({ file: out.path(file), line: lineOf(["objectives", l, i]), locale: l, text }));
  }
  for (const l of supportedLocales) if (!objectives[l]) localeHas[l] = false;
  return result;
}

/** tools/<key>.<locale>.md of one module: front matter (title, description) + Markdown like a lesson. */
function compileTools(
  files: CourseFiles,
  dir: string,
  keys: string[],
  lineOf: (path: (string | number)[]) => number,
  source: Locale,
  out: Collector,
  localeHas: Record<Locale, boolean>,
  blockTitles: BlockTitles,
  glossary: GlossaryTarget | undefined,
): CompiledTool[] {
  for (const dup of duplicates(keys)) out.add(`${dir}/module.yaml`, lineOf(["tools"]), `tool "${dup}" is listed twice`);
  for (const path of files.keys()) {
    if (!path.startsWith(`${dir}/tools/`)) continue;
    const match = /^([^/]+)\.([a-z]{2})\.md$/.exec(path.slice(`${dir}/tools/`.length));
    if (!match) out.add(path, 1, "tool files are named <tool-key>.<locale>.md");
    else if (!isLocale(match[2])) out.add(path, 1, `unknown locale "${match[2]}" (use ${supportedLocales.join(", ")})`);
    else if (!keys.includes(match[1])) out.add(path, 1, `tool "${match[1]}" is not listed under "tools" in ${dir}/module.yaml`);
  }
  return keys.map((key) => {
    const tool: CompiledTool = { key, title: {}, description: {}, markdown: {}, html: {}, words: {} };
    for (const locale of supportedLocales) {
      const file = `${dir}/tools/${key}.${locale}.md`;
      const text = files.get(file);
      if (text === undefined) {
        if (locale === source) out.add(file, 1, `tool "${key}" has no ${source} file (the source locale)`);
        localeHas[locale] = false;
        continue;
      }
      const fm = FRONT_MATTER.exec(text);
      if (!fm) {
        out.add(file, 1, 'a tool starts with front matter: "---", "title: ...", "description: ...", "---"');
        continue;
      }
      const meta = parseYaml(files, file, toolFrontMatterSchema, out, 1, fm[1]);
      const body = text.slice(fm[0].length);
      const bodyStartLine = fm[0].split("\n").length - 1;
      const rendered = renderLessonMarkdown(body, (block) => blockTitles(locale, block), bodyStartLine, glossary);
      for (const p of rendered.problems) out.add(file, p.line, p.message);
      if (!body.trim()) out.add(file, bodyStartLine + 1, "the tool has no text");
      out.texts.push({ file: out.path(file), line: 1, locale, text });
      if (!meta) continue;
      tool.title[locale] = meta.value.title;
      tool.description[locale] = meta.value.description;
      tool.markdown[locale] = body;
      tool.html[locale] = rendered.html;
      tool.words[locale] = countWords(body);
    }
    return tool;
  });
}

function optionKeysOf(q: QuizFile["questions"][number]): string[] {
  return q.type === "true-false" ? ["true", "false"] : q.options;
}

function compileQuiz(
  files: CourseFiles,
  dir: string,
  source: Locale,
  out: Collector,
  localeHas: Record<Locale, boolean>,
  moduleKey: string,
): CompiledQuiz | null {
  const file = `${dir}/quiz.yaml`;
  const parsed = parseYaml(files, file, quizFileSchema, out);
  if (!parsed) return null;
  const q = parsed.value;
  const before = out.errors.length;
  out.questionLines.set(`${moduleKey}/quiz.yaml/questions`, parsed.lineOf(["questions"]));
  out.questionLines.set(`${moduleKey}/quiz.yaml/draw`, parsed.lineOf(["draw"]));
  q.questions.forEach((question, i) => out.questionLines.set(`${moduleKey}/quiz.yaml/${question.key}`, parsed.lineOf(["questions", i])));
  for (const dup of duplicates(q.questions.map((x) => x.key))) out.add(file, parsed.lineOf(["questions"]), `question "${dup}" is listed twice`);
  if (q.draw !== undefined && q.draw > q.questions.length) {
    out.add(file, parsed.lineOf(["draw"]), `draw (${q.draw}) is more than the number of questions (${q.questions.length})`);
  }
  q.questions.forEach((question, i) => {
    const at = (...p: (string | number)[]) => parsed.lineOf(["questions", i, ...p]);
    if (question.type === "true-false") return;
    for (const dup of duplicates(question.options)) out.add(file, at("options"), `option "${dup}" is listed twice`);
    const answers = typeof question.answer === "string" ? [question.answer] : question.answer;
    for (const a of answers) {
      if (!question.options.includes(a)) {
        out.add(file, at("answer"), `answer "${a}" is not one of the options [${question.options.join(", ")}]`);
      }
    }
    if (question.type === "multiple" && duplicates(answers).length) out.add(file, at("answer"), "an answer is listed twice");
    if (question.type === "ordering") {
      const sorted = (xs: string[]) => [...xs].sort().join(",");
      if (sorted(answers) !== sorted(question.options)) {
        out.add(file, at("answer"), "an ordering answer must list every option exactly once");
      }
    }
  });

  const compiled: CompiledQuiz = {
    key: q.key,
    passMark: q.passMark,
    attemptsAllowed: q.attemptsAllowed,
    shuffleQuestions: q.shuffleQuestions,
    shuffleOptions: q.shuffleOptions,
    draw: q.draw ?? null,
    review: q.review,
    retakeWait: q.retakeWait ?? null,
    title: {},
    questions: q.questions.map(
      (question): CompiledQuestion => ({
        key: question.key,
        type: question.type,
        tags: question.tags,
        text: {},
        explanation: {},
        options: optionKeysOf(question).map((key) => ({ key, text: {}, feedback: {} })),
        answer:
          question.type === "true-false"
            ? [String(question.answer)]
            : typeof question.answer === "string"
              ? [question.answer]
              : question.answer,
        ...(question.fixedOrder ? { fixedOrder: true } : {}),
      }),
    ),
  };

  for (const locale of supportedLocales) {
    const localeFile = `${dir}/quiz.${locale}.yaml`;
    if (!files.has(localeFile)) {
      if (locale === source) out.add(localeFile, 1, `the quiz has no ${source} texts (the source locale)`);
      localeHas[locale] = false;
      continue;
    }
    out.texts.push({ file: out.path(localeFile), line: 1, locale, text: files.get(localeFile) ?? "" });
    const texts = parseYaml(files, localeFile, quizLocaleFileSchema, out);
    if (!texts) continue;
    const t = texts.value;
    if (locale === source) {
      for (const question of q.questions) {
        out.questionLines.set(`${moduleKey}/text/${question.key}/`, texts.lineOf(["questions", question.key]));
        for (const k of optionKeysOf(question)) {
          out.questionLines.set(`${moduleKey}/text/${question.key}/${k}`, texts.lineOf(["questions", question.key, "options", k]));
        }
      }
    }
    compiled.title[locale] = t.title;
    const expected = new Set(q.questions.map((x) => x.key));
    for (const k of Object.keys(t.questions)) {
      if (!expected.has(k)) out.add(localeFile, texts.lineOf(["questions", k]), `question "${k}" is not in quiz.yaml`);
    }
    q.questions.forEach((question, i) => {
      const entry = t.questions[question.key];
      if (!entry) {
        out.add(localeFile, texts.lineOf(["questions"]), `question "${question.key}" has no text`);
        return;
      }
      const target = compiled.questions[i];
      target.text[locale] = entry.text;
      target.explanation[locale] = entry.explanation;
      const keys = optionKeysOf(question);
      for (const k of Object.keys(entry.options)) {
        if (!keys.includes(k)) {
          out.add(localeFile, texts.lineOf(["questions", question.key, "options", k]), `option "${k}" is not an option of question "${question.key}" in quiz.yaml`);
        }
      }
      for (const option of target.options) {
        const o = entry.options[option.key];
        const line = texts.lineOf(["questions", question.key, "options"]);
        if (!o) {
          out.add(localeFile, line, `question "${question.key}": option "${option.key}" has no text`);
          continue;
        }
        if (question.type !== "true-false") {
          if (!o.text) out.add(localeFile, line, `question "${question.key}": option "${option.key}" needs "text"`);
          else option.text[locale] = o.text;
        }
        if (question.type !== "ordering" && !o.feedback) {
          out.add(localeFile, line, `question "${question.key}": option "${option.key}" needs "feedback"`);
        }
        if (o.feedback) option.feedback[locale] = o.feedback;
      }
    });
  }
  return out.errors.length === before ? compiled : null;
}

