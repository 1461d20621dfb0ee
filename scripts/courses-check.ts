// npm run courses:check — validates every course in courses/ (or the folders given as arguments).
// Prints file:line: message for each problem; exit status 1 when there is any.
import path from "node:path";
import { coursesDir, formatError, listCourseSlugs, loadCourse } from "../app/courses/files.server.ts";

const args = process.argv.slice(2);
const targets = args.length ? args.map((a) => ({ root: path.dirname(path.resolve(a)), slug: path.basename(path.resolve(a)) })) : listCourseSlugs().map((slug) => ({ root: coursesDir(), slug }));
let failed = 0;
for (const { root, slug } of targets) {
  const result = loadCourse(slug, root);
  if (result.ok) {
    const lessons = result.content.modules.reduce((n, m) => n + m.lessons.length, 0);
    const questions = result.content.modules.reduce((n, m) => n + m.quiz.questions.length, 0);
    console.log(`✔ ${slug}: ${result.content.modules.length} modules, ${lessons} lessons, ${questions} questions; complete in ${result.content.completeLocales.join(", ") || "no locale"}`);
  } else {
    failed++;
    console.error(`✘ ${slug}: ${result.errors.length} problem(s)`);
    for (const e of result.errors) console.error(`  ${formatError(e)}`);
  }
}
if (targets.length === 0) console.log("No course folders found.");
process.exit(failed ? 1 : 0);
