import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { supportedLocales, type Locale } from "~/i18n/config";
import { loadAllResources } from "~/i18n/resources.server";
import { compileCourse, type BlockTitles, type CourseError, type CourseFiles } from "./compile.server";
import type { CourseContent } from "./schema";
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

export function listCourseSlugs(root = coursesDir()): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith(".") && statSync(path.join(root, name)).isDirectory())
    .sort();
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
  | { slug: string; ok: true; content: CourseContent; hash: string }
  | { slug: string; ok: false; errors: CourseError[] };

export function loadCourse(slug: string, root = coursesDir()): LoadedCourse {
  const files = readCourseFolder(path.join(root, slug));
  const { content, errors } = compileCourse(slug, files, uiBlockTitles);
  if (!content) return { slug, ok: false, errors };
  return { slug, ok: true, content, hash: hashCourseFiles(files) };
}

export function formatError(e: CourseError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}

export { LESSON_BLOCKS, supportedLocales };
