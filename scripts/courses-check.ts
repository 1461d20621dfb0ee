// npm run courses:check — validates every course in courses/ (or the folders given as arguments).
// Prints file:line: message for each problem, then the quality findings as file:line: warning: …
// (app/courses/lint.ts). Exit status 1 when there is a problem or a finding of severity "error".
import path from "node:path";
import { coursesDir, formatError, formatFinding, listCourseSlugs, loadCourse, loadTerminology } from "../app/courses/files.server.ts";

const args = process.argv.slice(2);
const targets = args.length ? args.map((a) => ({ root: path.dirname(path.resolve(a)), slug: path.basename(path.resolve(a)) })) : listCourseSlugs().map((slug) => ({ root: coursesDir(), slug }));
let failed = 0;
const terminologies = new Map<string, ReturnType<typeof loadTerminology>>();
for (const { root } of targets) {
  if (terminologies.has(root)) continue;
  const terminology = loadTerminology(root);
  terminologies.set(root, terminology);
  for (const e of terminology.errors) {
    failed++;
    console.error(`✘ ${formatError(e)}`);
  }
}
for (const { root, slug } of targets) {
  const result = loadCourse(slug, root, terminologies.get(root)!.byLocale);
  if (result.ok) {
    const lessons = result.content.modules.reduce((n, m) => n + m.lessons.length, 0);
    const questions = result.content.modules.reduce((n, m) => n + m.quiz.questions.length, 0);
    const errors = result.findings.filter((f) => f.severity === "error").length;
    const warnings = result.findings.length - errors;
    console.log(
      `${errors ? "✘" : "✔"} ${slug}: ${result.content.modules.length} modules, ${lessons} lessons, ${questions} questions, ${result.content.glossary.length} glossary terms; complete in ${result.content.completeLocales.join(", ") || "no locale"}; ${errors} quality error(s), ${warnings} warning(s)`,
    );
    for (const f of result.findings) (f.severity === "error" ? console.error : console.log)(`  ${formatFinding(f)}`);
    if (errors) failed++;
  } else {
    failed++;
    console.error(`✘ ${slug}: ${result.errors.length} problem(s)`);
    for (const e of result.errors) console.error(`  ${formatError(e)}`);
  }
}
if (targets.length === 0) console.log("No course folders found.");
process.exit(failed ? 1 : 0);
