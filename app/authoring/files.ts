import { supportedLocales, type Locale } from "~/i18n/config";

// CourseContent → the course folder's files (docs/course-format.md), in memory. The editor validates
// a draft by compiling these files with the same compileCourse as `npm run courses:check`, so the
// browser and the command line apply one set of rules. Texts missing in a locale are left out, so the
// compiler reports them exactly as it would for hand-written files.

// One conversion for the editor's validation and for the zip export (app/authoring/exchange/export.ts).
export { contentToFiles, type ExportedFiles as CourseFileMap } from "./exchange/export";

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
  const tool = /^modules\/([^/]+)\/tools\/[^/]+?\.([a-z]{2})\.md$/.exec(rel);
  if (tool) return { section: "module", moduleKey: tool[1] };
  const quiz = /^modules\/([^/]+)\/quiz(?:\.([a-z]{2}))?\.yaml$/.exec(rel);
  if (quiz) return { section: "quiz", moduleKey: quiz[1], locale: asLocale(quiz[2]) };
  const mod = /^modules\/([^/]+)\//.exec(rel);
  if (mod) return { section: "module", moduleKey: mod[1] };
  return { section: "course" };
}

function asLocale(value: string | undefined): Locale | null {
  return value && (supportedLocales as readonly string[]).includes(value) ? (value as Locale) : null;
}
