// npm run courses:import — imports new or changed courses from courses/ as new published versions.
// Unchanged courses (same content hash) are skipped. A course with errors is not imported at all.
import { databaseUrl, openDb } from "../app/db.server.ts";
import { formatError, listCourseSlugs, loadCourse } from "../app/courses/files.server.ts";
import { importCourse } from "../app/courses/import.server.ts";

const slugs = listCourseSlugs();
const db = await openDb(databaseUrl());
let failed = 0;
try {
  for (const [index, slug] of slugs.entries()) {
    const prefix = `[${index + 1}/${slugs.length}] ${slug}`;
    const started = Date.now();
    const loaded = loadCourse(slug);
    if (!loaded.ok) {
      failed++;
      console.error(`${prefix}: not imported, ${loaded.errors.length} problem(s):`);
      for (const e of loaded.errors) console.error(`  ${formatError(e)}`);
      continue;
    }
    const outcome = await importCourse(loaded.content, loaded.hash, db);
    const ms = Date.now() - started;
    if (outcome.status === "error") {
      failed++;
      console.error(`${prefix}: not imported: ${outcome.message}`);
    } else if (outcome.status === "unchanged") {
      console.log(`${prefix}: unchanged (version ${outcome.version})`);
    } else {
      console.log(`${prefix}: ${outcome.status}, published version ${outcome.version} (${ms} ms)`);
    }
  }
} finally {
  await db.$disconnect();
}
process.exit(failed ? 1 : 0);
