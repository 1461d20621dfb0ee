// npm run courses:export -- <slug> [--version N] [--out dir] [--force]
// Writes a course version from the database as a course folder (default: the latest published version,
// into courses/<slug>/), so that an academy can keep editing it in git. See docs/course-format.md.
import { parseArgs } from "node:util";
import { databaseUrl, openDb } from "../app/db.server.ts";
import { coursesDir } from "../app/courses/files.server.ts";
import { exportCourseToFolder } from "../app/authoring/exchange/folder.server.ts";

const usage = "usage: npm run courses:export -- <course-slug> [--version N] [--out dir] [--force]";
let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: { version: { type: "string" }, out: { type: "string" }, force: { type: "boolean", default: false } },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const [slug, ...rest] = parsed.positionals;
const version = parsed.values.version;
if (!slug || rest.length || (version !== undefined && !/^[1-9][0-9]*$/.test(version))) {
  console.error(usage);
  process.exit(2);
}

const db = await openDb(databaseUrl());
try {
  const result = await exportCourseToFolder({
    slug,
    version: version === undefined ? undefined : Number(version),
    outDir: parsed.values.out ?? coursesDir(),
    force: parsed.values.force,
  }, db);
  if (!result.ok) {
    console.error(`courses:export: ${result.message}`);
    process.exitCode = 1;
  } else {
    console.log(`${slug}: version ${result.version} (${result.status.toLowerCase()}) written to ${result.dir} (${result.files} files)`);
  }
} finally {
  await db.$disconnect();
}
