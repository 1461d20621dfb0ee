import { describe, expect, it } from "vitest";
import { compileCourse, type CourseFiles } from "./compile.server";
import { listCourseSlugs, loadCourse, formatError } from "./files.server";

const titles = (_l: string, block: string) => block.toUpperCase();

/** A small valid course; each test breaks one thing. */
function fixture(): CourseFiles {
  return new Map([
    [
      "course.yaml",
      `slug: tiny
sourceLocale: en
academy: demo-academy
durationMinutes: 30
topics: [planning]
title:
  en: Tiny course
  fr: Petit cours
summary:
  en: A tiny course.
  fr: Un petit cours.
modules:
  - basics
`,
    ],
    [
      "modules/basics/module.yaml",
      `key: basics
title:
  en: Basics
  fr: Bases
lessons:
  - key: first
    tags: [UPR, SDG-11.3]
`,
    ],
    ["modules/basics/lessons/first.en.md", "---\ntitle: First lesson\n---\n\nHello.\n\n::: key-points\n- One\n:::\n"],
    ["modules/basics/lessons/first.fr.md", "---\ntitle: Première leçon\n---\n\nBonjour.\n"],
    [
      "modules/basics/quiz.yaml",
      `key: basics-quiz
passMark: 70
attemptsAllowed: 3
questions:
  - key: q1
    type: single
    options: [a, b]
    answer: a
  - key: q2
    type: true-false
    answer: false
  - key: q3
    type: ordering
    options: [x, y, z]
    answer: [z, x, y]
  - key: q4
    type: multiple
    options: [a, b, c]
    answer: [a, c]
`,
    ],
    [
      "modules/basics/quiz.en.yaml",
      `title: Check
questions:
  q1:
    text: Pick a
    explanation: Because.
    options:
      a: { text: A, feedback: Right }
      b: { text: B, feedback: Wrong }
  q2:
    text: The sky is green.
    explanation: It is not.
    options:
      "true": { feedback: No }
      "false": { feedback: Yes }
  q3:
    text: Order them
    explanation: z x y
    options:
      x: { text: X }
      y: { text: Y }
      z: { text: Z }
  q4:
    text: Pick a and c
    explanation: Both.
    options:
      a: { text: A, feedback: Yes }
      b: { text: B, feedback: No }
      c: { text: C, feedback: Yes }
`,
    ],
  ]);
}

function errorsOf(files: CourseFiles) {
  return compileCourse("tiny", files, titles).errors.map(formatError);
}

function edit(files: CourseFiles, name: string, change: (text: string) => string) {
  files.set(name, change(files.get(name)!));
  return files;
}

describe("course compilation", () => {
  it("compiles a valid course, with locales and fallbacks", () => {
    const { content, errors } = compileCourse("tiny", fixture(), titles);
    expect(errors).toEqual([]);
    expect(content!.modules[0].lessons[0].title).toEqual({ en: "First lesson", fr: "Première leçon" });
    expect(content!.modules[0].quiz.questions.map((q) => q.answer)).toEqual([["a"], ["false"], ["z", "x", "y"], ["a", "c"]]);
    // fr lacks the quiz texts → not complete in fr; en is complete
    expect(content!.completeLocales).toEqual(["en"]);
    expect(content!.modules[0].lessons[0].html.en).toContain('class="block block--key-points"');
  });

  it("reports YAML syntax errors with file and line", () => {
    const files = edit(fixture(), "course.yaml", (t) => t.replace("topics: [planning]", "topics: [planning"));
    expect(errorsOf(files).join("\n")).toMatch(/courses\/tiny\/course\.yaml:\d+: YAML syntax/);
  });

  it("reports a wrong field with the line it is on", () => {
    const files = edit(fixture(), "course.yaml", (t) => t.replace("durationMinutes: 30", "durationMinutes: soon"));
    expect(errorsOf(files)).toContain("courses/tiny/course.yaml:4: durationMinutes: Expected number, received string");
  });

  it("reports unknown fields", () => {
    const files = edit(fixture(), "course.yaml", (t) => t + "colour: blue\n");
    expect(errorsOf(files)).toContain('courses/tiny/course.yaml:14: unknown field "colour"');
  });

  it("reports a slug that does not match the folder", () => {
    const files = edit(fixture(), "course.yaml", (t) => t.replace("slug: tiny", "slug: other"));
    expect(errorsOf(files)).toContain('courses/tiny/course.yaml:1: slug "other" must equal the folder name "tiny"');
  });

  it("reports a missing module folder", () => {
    const files = edit(fixture(), "course.yaml", (t) => t + "  - missing\n");
    expect(errorsOf(files)).toContain("courses/tiny/modules/missing/module.yaml:1: file is missing");
  });

  it("reports an answer that is not an option", () => {
    const files = edit(fixture(), "modules/basics/quiz.yaml", (t) => t.replace("answer: a\n", "answer: e\n"));
    expect(errorsOf(files)).toContain('courses/tiny/modules/basics/quiz.yaml:8: answer "e" is not one of the options [a, b]');
  });

  it("reports an ordering answer that does not use every option once", () => {
    const files = edit(fixture(), "modules/basics/quiz.yaml", (t) => t.replace("answer: [z, x, y]", "answer: [z, x, x]"));
    expect(errorsOf(files).join("\n")).toMatch(/quiz\.yaml:15: an ordering answer must list every option exactly once/);
  });

  it("reports a pass mark out of range and a draw larger than the quiz", () => {
    const files = edit(fixture(), "modules/basics/quiz.yaml", (t) => t.replace("passMark: 70", "passMark: 120"));
    expect(errorsOf(files)).toContain("courses/tiny/modules/basics/quiz.yaml:2: passMark: passMark must be between 1 and 100");
    const drawn = edit(fixture(), "modules/basics/quiz.yaml", (t) => t.replace("attemptsAllowed: 3", "attemptsAllowed: 3\ndraw: 9"));
    expect(errorsOf(drawn)).toContain("courses/tiny/modules/basics/quiz.yaml:4: draw (9) is more than the number of questions (4)");
  });

  it("reports a translation whose question or option keys differ from the source", () => {
    const files = fixture();
    files.set("modules/basics/quiz.fr.yaml", files.get("modules/basics/quiz.en.yaml")!.replace("  q4:", "  q5:"));
    const errors = errorsOf(files);
    expect(errors).toContain('courses/tiny/modules/basics/quiz.fr.yaml:22: question "q5" is not in quiz.yaml');
    expect(errors.join("\n")).toMatch(/quiz\.fr\.yaml:\d+: question "q4" has no text/);
  });

  it("reports missing option feedback", () => {
    const files = edit(fixture(), "modules/basics/quiz.en.yaml", (t) => t.replace("b: { text: B, feedback: Wrong }", "b: { text: B }"));
    expect(errorsOf(files).join("\n")).toMatch(/quiz\.en\.yaml:\d+: question "q1": option "b" needs "feedback"/);
  });

  it("reports a missing source-locale lesson and a stray lesson file", () => {
    const files = fixture();
    files.delete("modules/basics/lessons/first.en.md");
    files.set("modules/basics/lessons/second.fr.md", "---\ntitle: x\n---\ny\n");
    const errors = errorsOf(files);
    expect(errors).toContain('courses/tiny/modules/basics/lessons/first.en.md:1: lesson "first" has no en file (the source locale)');
    expect(errors).toContain('courses/tiny/modules/basics/lessons/second.fr.md:1: lesson "second" is not listed in modules/basics/module.yaml');
  });

  it("reports an unknown block with its line, counting the front matter", () => {
    const files = edit(fixture(), "modules/basics/lessons/first.en.md", (t) => t + "\n::: warning\nx\n:::\n");
    expect(errorsOf(files)).toContain(
      'courses/tiny/modules/basics/lessons/first.en.md:11: unknown block "::: warning" (use key-points, case-study, reflection, action, further-reading)',
    );
  });

  it("reports unknown tags and bad keys", () => {
    const files = edit(fixture(), "modules/basics/module.yaml", (t) => t.replace("SDG-11.3", "SDG-99").replace("key: first", "key: First"));
    const errors = errorsOf(files).join("\n");
    expect(errors).toMatch(/module\.yaml:6: lessons\.0\.key: must be lowercase/);
    expect(errors).toMatch(/module\.yaml:7: lessons\.0\.tags\.1: unknown tag "SDG-99"/);
  });
});

describe("the courses shipped in courses/", () => {
  for (const slug of listCourseSlugs()) {
    it(`${slug} validates cleanly, complete in all six languages`, () => {
      const result = loadCourse(slug);
      expect(result.ok ? [] : result.errors.map(formatError)).toEqual([]);
      if (!result.ok) return;
      expect(result.content.completeLocales.sort()).toEqual(["ar", "en", "es", "fr", "ru", "zh"]);
      expect(result.content.modules.length).toBeGreaterThanOrEqual(4);
      for (const m of result.content.modules) {
        expect(m.lessons.length).toBeGreaterThanOrEqual(2);
        expect(m.quiz.questions.length).toBeGreaterThanOrEqual(6);
      }
    });
  }
});
