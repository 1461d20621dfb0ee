import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readContent } from "~/courses/versions.server";
import { getDb, type Db } from "~/db.server";
import { contentToFiles } from "./export";

// npm run courses:export: a version from the database written back as courses/<slug>/, for academies
// that keep their courses in git (edit, review in a pull request, then npm run courses:import).

export type FolderExport =
  | { ok: true; dir: string; version: number; status: string; files: number }
  | { ok: false; message: string };

export async function exportCourseToFolder(
  options: { slug: string; version?: number; outDir: string; force?: boolean },
  db?: Db,
): Promise<FolderExport> {
  db ??= await getDb();
  const course = await db.course.findUnique({
    where: { slug: options.slug },
    select: { versions: { orderBy: { version: "asc" }, select: { id: true, version: true, status: true, content: true } } },
  });
  if (!course) return { ok: false, message: `course "${options.slug}" does not exist in the database` };
  const list = course.versions.map((v) => `${v.version} (${v.status.toLowerCase()})`).join(", ");
  const row =
    options.version !== undefined
      ? course.versions.find((v) => v.version === options.version)
      : course.versions.filter((v) => v.status === "PUBLISHED").at(-1);
  if (!row) {
    return {
      ok: false,
      message:
        options.version !== undefined
          ? `course "${options.slug}" has no version ${options.version}; its versions: ${list}`
          : `course "${options.slug}" has no published version; choose one with --version (its versions: ${list})`,
    };
  }
  const dir = path.join(options.outDir, options.slug);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    if (!options.force) return { ok: false, message: `${dir} already exists and is not empty; pass --force to replace its content` };
    // replaced whole: a lesson deleted in the database must not survive as a stale file
    rmSync(dir, { recursive: true });
  }
  const files = contentToFiles(readContent(row));
  for (const [name, text] of files) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text, "utf8");
  }
  return { ok: true, dir, version: row.version, status: row.status, files: files.size };
}
