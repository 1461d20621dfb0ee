import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { supportedLocales, type Locale } from "~/i18n/config";
import { loadAllResources } from "~/i18n/resources.server";
import { LineCounter, parseDocument } from "yaml";
import { compileCourse, type BlockTitles, type CourseError, type CourseFiles } from "./compile.server";
import type { CourseFinding } from "./lint";
import { terminologyFileSchema, type CourseContent, type TerminologyFile } from "./schema";
import { LESSON_BLOCKS } from "./markdown.server";

export const coursesDir = () => path.resolve(process.env.COURSES_DIR ?? "courses");

/** Every text file of a course folder, by path relative to it (sorted: the hash must be stable). */
export function readCourseFolder(dir: string): CourseFiles {
  const files: CourseFiles = new Map();
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (name.startsWith(".")) continue;
      const relPath = rel ? `${rel}/${name}` : name;
      if (statSync(path.join(dir, relPath)).isDirectory()) walk(relPath);
      else files.set(relPath, readFileSync(path.join(dir, relPath), "utf8"));
    }
  };
  walk("");
  return files;
}

/** Course folders only: files next to them (terminology.<locale>.yaml) are not courses. */
export function listCourseSlugs(root = coursesDir()): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(path.join(root, name)).isDirectory())
    .sort();
}

export type Terminology = { byLocale: Partial<Record<Locale, TerminologyFile>>; errors: CourseError[] };

/**
 * courses/terminology.<locale>.yaml (issue 14): the variants each locale's course texts avoid. Shared by
 * every course of the folder; a malformed file is an error of `courses:check` (file:line).
 */
export function loadTerminology(root = coursesDir()): Terminology {
  const result: Terminology = { byLocale: {}, errors: [] };
  let names: string[] = [];
  try {
    names = readdirSync(root);
  } catch {
    return result;
  }
  const relRoot = path.relative(process.cwd(), root) || ".";
  for (const name of names.sort()) {
    const match = /^terminology\.([^.]+)\.yaml$/.exec(name);
    if (!match) continue;
    const file = `${relRoot}/${name}`;
    if (!(supportedLocales as readonly string[]).includes(match[1])) {
      result.errors.push({ file, line: 1, message: `unknown locale "${match[1]}" (use ${supportedLocales.join(", ")})` });
      continue;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(readFileSync(path.join(root, name), "utf8"), { lineCounter, prettyErrors: false });
    if (doc.errors.length) {
      for (const e of doc.errors) result.errors.push({ file, line: e.linePos?.[0]?.line ?? 1, message: `YAML syntax: ${e.message.split("\n")[0]}` });
      continue;
    }
    const parsed = terminologyFileSchema.safeParse(doc.toJS() ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues) result.errors.push({ file, line: 1, message: `${issue.path.join(".")}: ${issue.message}` });
      continue;
    }
    result.byLocale[match[1] as Locale] = parsed.data;
  }
  return result;
}

/** Content hash of the files: unchanged files → same hash → no new version on import. */
export function hashCourseFiles(files: CourseFiles): string {
  const hash = createHash("sha256");
  for (const [name, text] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    hash.update(name).update("\0").update(text).update("\0");
  }
  return hash.digest("hex");
}

/** Block headings in each locale, from locales/<lng>/courses.json ("blocks.<name>"). */
export const uiBlockTitles: BlockTitles = (locale: Locale, block) => {
  const strings = loadAllResources()[locale]?.courses as { blocks?: Record<string, string> } | undefined;
  return strings?.blocks?.[block] ?? (loadAllResources().en.courses as { blocks?: Record<string, string> }).blocks?.[block] ?? block;
};

export type LoadedCourse =
  | { slug: string; ok: true; content: CourseContent; hash: string; findings: CourseFinding[] }
  | { slug: string; ok: false; errors: CourseError[] };

export function loadCourse(slug: string, root = coursesDir(), terminology = loadTerminology(root).byLocale): LoadedCourse {
  const files = readCourseFolder(path.join(root, slug));
  const { content, errors, findings } = compileCourse(slug, files, uiBlockTitles, { terminology });
  if (!content) return { slug, ok: false, errors };
  return { slug, ok: true, content, hash: hashCourseFiles(files), findings };
}

export function formatError(e: CourseError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}

/** `file:line: warning: …` (or `error:`), the form editors and CI annotate. */
export function formatFinding(f: CourseFinding): string {
  return `${f.file}:${f.line}: ${f.severity}: ${f.message}`;
}

export { LESSON_BLOCKS, supportedLocales };
