// Objectives, tools and the glossary (issue 14): compiled into the version content, checked with file:line.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileCourse, type CourseFiles } from "./compile.server";
import { loadTerminology, readCourseFolder, uiBlockTitles } from "./files.server";
import { renderLessonMarkdown } from "./markdown.server";

const FIXTURE = path.resolve("tests/fixtures/courses/short-course");
const titles = (_l: string, block: string) => block;
const files = () => readCourseFolder(FIXTURE);
const compile = (f: CourseFiles) => compileCourse("short-course", f, titles);
const messages = (f: CourseFiles) => compile(f).errors.map((e) => `${e.file.replace("courses/short-course/", "")}:${e.line}: ${e.message}`);

describe("the fixture course with objectives, a tool and a glossary", () => {
  it("compiles them into the content, in both locales", () => {
    const { content, errors } = compile(files());
    expect(errors).toEqual([]);
    const m = content!.modules[0];
    expect(m.objectives.en).toHaveLength(2);
    expect(m.objectives.ar).toHaveLength(2);
    expect(m.tools[0]).toMatchObject({ key: "service-checklist", title: { en: "Service access checklist" } });
    expect(m.tools[0].html.en).toContain('<a href="/courses/short-course/glossary#rights-holder" class="glossary-link">rights holders</a>');
    expect(m.tools[0].html.ar).toContain("<table>");
    expect(content!.glossary.map((g) => g.key)).toEqual(["rights-holder", "duty-bearer"]);
    expect(content!.glossary[1].term.ar).toBe("الجهة المكلّفة بالواجبات");
    expect(m.lessons[1].html.en).toContain('href="/courses/short-course/glossary#duty-bearer"');
    expect(content!.completeLocales.sort()).toEqual(["ar", "en"]);
  });
});

describe("errors with file:line", () => {
  it("an unknown glossary key in a lesson", () => {
    const f = files();
    f.set("modules/essentials/lessons/duty-bearers.en.md", "---\ntitle: T\n---\n\nFirst line\nand a [term](glossary:no-such-term).\n");
    expect(messages(f)).toContain('modules/essentials/lessons/duty-bearers.en.md:6: unknown glossary term "no-such-term" (glossary.<locale>.yaml has no such key)');
  });
  it("a glossary link in a course without a glossary", () => {
    const f = files();
    f.delete("glossary.en.yaml");
    f.delete("glossary.ar.yaml");
    expect(messages(f).some((m) => m.includes('glossary link "duty-bearer" but the course has no glossary'))).toBe(true);
  });
  it("a translation's glossary with a key the source lacks; a missing term is a finding and falls back", () => {
    const f = files();
    f.set("glossary.ar.yaml", "rights-holder:\n  term: صاحب الحق\n  definition: تعريف.\nextra-term:\n  term: x\n  definition: y\n");
    expect(messages(f)).toContain('glossary.ar.yaml:4: term "extra-term" is not in glossary.en.yaml (every locale has the source\'s keys)');
    f.set("glossary.ar.yaml", "rights-holder:\n  term: صاحب الحق\n  definition: تعريف.\n");
    const { content, findings } = compile(f);
    expect(findings.find((x) => x.code === "glossaryMissing")).toMatchObject({ file: "courses/short-course/glossary.ar.yaml", params: { term: "duty-bearer", locale: "ar" } });
    expect(content!.completeLocales).toEqual(["en"]);
  });
  it("a glossary without the source locale's file", () => {
    const f = files();
    f.delete("glossary.en.yaml");
    expect(messages(f)[0]).toContain("glossary.en.yaml:1: the glossary has no en file (the source locale)");
  });
  it("objectives whose count differs from the source, or without the source", () => {
    const f = files();
    const yaml = f.get("modules/essentials/module.yaml")!;
    f.set("modules/essentials/module.yaml", yaml.replace("    - شرح سبب كون الحكومة المحلية جهة مكلّفة بالواجبات.\n", ""));
    expect(messages(f)).toContain("modules/essentials/module.yaml:9: objectives.ar has 1 items; the source locale has 2 (same number, same order)");
    f.set("modules/essentials/module.yaml", yaml.replace(/  en:\n    - Name[^\n]*\n    - Explain[^\n]*\n/, ""));
    expect(messages(f).some((m) => m.includes('objectives have no "en" list'))).toBe(true);
  });
  it("a tool without its source file, an unlisted tool file, a tool without description", () => {
    const f = files();
    const en = f.get("modules/essentials/tools/service-checklist.en.md")!;
    f.delete("modules/essentials/tools/service-checklist.en.md");
    f.set("modules/essentials/tools/other.en.md", en);
    const m = messages(f);
    expect(m).toContain('modules/essentials/tools/service-checklist.en.md:1: tool "service-checklist" has no en file (the source locale)');
    expect(m).toContain('modules/essentials/tools/other.en.md:1: tool "other" is not listed under "tools" in modules/essentials/module.yaml');
    const g = files();
    g.set("modules/essentials/tools/service-checklist.en.md", "---\ntitle: Only a title\n---\n\nBody.\n");
    expect(messages(g).some((x) => x.startsWith("modules/essentials/tools/service-checklist.en.md:2") && x.includes("description"))).toBe(true);
  });
  it("accepts the quiz rules of issue 13 (review, retakeWait, fixedOrder) and rejects bad values", () => {
    const f = files();
    const quiz = f.get("modules/essentials/quiz.yaml")!;
    f.set(
      "modules/essentials/quiz.yaml",
      quiz.replace("shuffleOptions: true\n", "shuffleOptions: true\nreview: after-pass\nretakeWait:\n  afterFailedAttempts: 2\n  minutes: 60\n").replace("    answer: everyone\n", "    answer: everyone\n    fixedOrder: true\n"),
    );
    expect(messages(f)).toEqual([]);
    f.set("modules/essentials/quiz.yaml", quiz.replace("shuffleOptions: true\n", "shuffleOptions: true\nreview: sometimes\n"));
    expect(messages(f)[0]).toContain("review: must be one of immediately, after-pass, after-last-attempt, never");
  });
});

describe("glossary links in Markdown", () => {
  it("become links to the glossary page; unknown keys are problems with their line and no link", () => {
    const r = renderLessonMarkdown("Text\nwith [a](glossary:known) and\n[b](glossary:unknown).", (b) => b, 3, { slug: "c", keys: new Set(["known"]) });
    expect(r.html).toContain('<a href="/courses/c/glossary#known" class="glossary-link">a</a>');
    expect(r.html).not.toContain("glossary:unknown");
    expect(r.problems).toEqual([{ line: 6, message: 'unknown glossary term "unknown" (glossary.<locale>.yaml has no such key)' }]);
  });
});

describe("terminology files", () => {
  it("are read per locale next to the course folders, and are not course folders", () => {
    const t = loadTerminology(path.resolve("tests/fixtures/terminology"));
    expect(t.errors).toEqual([]);
    expect(t.byLocale.fr?.avoid[0]).toMatchObject({ variant: "droits de l'homme", use: "droits humains" });
    expect(t.byLocale.zh?.avoid.map((a) => a.variant)).toContain("你");
  });
  it("report a malformed file", () => {
    const t = loadTerminology(path.resolve("tests/fixtures/terminology-broken"));
    expect(t.errors[0].message).toContain("avoid.0.use");
  });
  it("apply to the course's texts in their locale", () => {
    const t = loadTerminology(path.resolve("tests/fixtures/terminology"));
    const f = files();
    f.set("modules/essentials/lessons/duty-bearers.fr.md", "---\ntitle: Les droits de l'homme\n---\n\nTexte.\n");
    const { findings } = compileCourse("short-course", f, uiBlockTitles, { terminology: t.byLocale });
    expect(findings.filter((x) => x.code === "terminology").map((x) => `${x.file}:${x.line}`)).toEqual(["courses/short-course/modules/essentials/lessons/duty-bearers.fr.md:2"]);
  });
});
