// The round trip of issue 7: compile from disk → export to files → zip → unzip → compile gives the
// same CourseContent, for every flagship course, the e2e fixture, and a course full of awkward texts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileCourse } from "~/courses/compile.server";
import { coursesDir, listCourseSlugs, readCourseFolder, uiBlockTitles } from "~/courses/files.server";
import type { CourseContent } from "~/courses/schema";
import { contentToFiles } from "./export";
import { filesToZip, readCourseZip, streamToBuffer } from "./zip.server";

function compileFolder(dir: string, slug: string): CourseContent {
  const { content, errors } = compileCourse(slug, readCourseFolder(dir), uiBlockTitles);
  expect(errors).toEqual([]);
  return content!;
}

async function roundTrip(content: CourseContent): Promise<CourseContent> {
  const zip = await streamToBuffer(filesToZip(content.slug, contentToFiles(content)));
  const read = await readCourseZip(zip);
  if (!read.ok) throw new Error(JSON.stringify(read.problems));
  expect(read.slug).toBe(content.slug);
  const { content: again, errors } = compileCourse(read.slug, read.files, uiBlockTitles);
  expect(errors).toEqual([]);
  return again!;
}

describe("round trip of the courses on disk", () => {
  const cases = [
    ...listCourseSlugs().map((slug) => ({ slug, dir: path.join(coursesDir(), slug) })),
    { slug: "short-course", dir: path.resolve("tests/fixtures/courses/short-course") },
    { slug: "pool-course", dir: path.resolve("tests/fixtures/courses/pool-course") },
  ];
  it("covers the three flagship courses and the fixture", () => {
    expect(cases.map((c) => c.slug)).toEqual([
      "engaging-un-human-rights-mechanisms",
      "human-rights-based-planning",
      "procurement-and-labour-standards",
      "short-course",
      "pool-course",
    ]);
  });
  for (const { slug, dir } of cases) {
    it(`${slug}: compile → export → zip → unzip → compile is the same content`, async () => {
      const first = compileFolder(dir, slug);
      expect(await roundTrip(first)).toStrictEqual(first);
    }, 60_000); // a flagship course compiles twice: slow on a busy machine
  }

  it("keeps every quiz rule: review, retake wait, fixedOrder", async () => {
    const content = compileFolder(path.resolve("tests/fixtures/courses/pool-course"), "pool-course");
    const quiz = content.modules[0].quiz;
    expect(quiz.review).toBe("after-pass");
    expect(quiz.questions.find((q) => q.key === "scale")?.fixedOrder).toBe(true);
    for (const review of ["immediately", "after-last-attempt", "never"] as const) {
      const changed = structuredClone(content);
      Object.assign(changed.modules[0].quiz, { review, retakeWait: { afterFailedAttempts: 2, minutes: 90 } });
      const again = await roundTrip(changed);
      expect(again).toStrictEqual(changed);
      expect(again.modules[0].quiz).toMatchObject({ review, retakeWait: { afterFailedAttempts: 2, minutes: 90 } });
    }
  });

  it("exports the same files twice (stable order, so that git diffs stay small)", () => {
    const content = compileFolder(path.resolve("tests/fixtures/courses/short-course"), "short-course");
    expect([...contentToFiles(content)]).toEqual([...contentToFiles(content)]);
  });
});

// Texts that YAML or front matter could get wrong if they were written by hand-made string templates.
const ODD = [
  'He said "no" – and left',
  "'single quotes' and a colon: here",
  "- starts with a dash",
  "yes",
  "no",
  "null",
  "~",
  "true",
  "123",
  "0x1F",
  "1e3",
  "# not a comment",
  "a # in the middle",
  "[looks, like, a list]",
  "{looks: like a map}",
  "&anchor *alias !tag",
  "@at `backtick` %percent |pipe >fold",
  "first line\nsecond line\n\nfourth line",
  "trailing spaces   \nand more",
  "حقوق الإنسان للجميع: «الكرامة» أولاً",
  "---",
  "... three dots",
  "tab\there",
];

describe("awkward texts survive the round trip", () => {
  it("keeps quotes, colons, dashes, YAML words, multi-line and right-to-left texts, and code blocks", async () => {
    const base = compileFolder(path.resolve("tests/fixtures/courses/short-course"), "short-course");
    const content = structuredClone(base);
    const odd = (i: number) => ODD[i % ODD.length];
    let i = 0;
    for (const l of ["en", "ar"] as const) {
      content.title[l] = odd(i++);
      content.summary[l] = odd(i++);
      for (const m of content.modules) {
        m.title[l] = odd(i++);
        m.quiz.title[l] = odd(i++);
        for (const q of m.quiz.questions) {
          q.text[l] = odd(i++);
          q.explanation[l] = odd(i++);
          for (const o of q.options) {
            if (q.type !== "true-false") o.text[l] = odd(i++);
            if (q.type !== "ordering") o.feedback[l] = odd(i++);
          }
        }
        for (const lesson of m.lessons) lesson.title[l] = odd(i++);
      }
    }
    const lesson = content.modules[0].lessons[0];
    lesson.markdown.en = [
      "",
      "---",
      "",
      "A line: with a colon, a \"quote\" and 'another'.",
      "",
      "```yaml",
      "---",
      "title: not front matter",
      "---",
      "```",
      "",
      "    indented code",
      "",
      "- yes",
      "- no",
      "",
      "::: case-study Rosario: «participation»",
      "Text.",
      ":::",
      "",
    ].join("\n");
    lesson.markdown.ar = "\nنص **الدرس** بالعربية.\r\n\r\nسطر ثانٍ\n";

    // compile once from the exported files, so that html, words and completeLocales are the compiler's
    const { content: compiled, errors } = compileCourse("short-course", contentToFiles(content), uiBlockTitles);
    expect(errors).toEqual([]);
    for (const l of ["en", "ar"] as const) {
      expect(compiled!.title[l]).toBe(content.title[l]);
      expect(compiled!.modules[0].quiz.questions[0].text[l]).toBe(content.modules[0].quiz.questions[0].text[l]);
      expect(compiled!.modules[0].lessons[0].markdown[l]).toBe(lesson.markdown[l]);
    }
    expect(compiled!.modules[0].lessons[0].html.en).toContain("<code");
    expect(await roundTrip(compiled!)).toStrictEqual(compiled);
  });

  it("keeps objectives, tools and the glossary, with awkward texts, and a course without them", async () => {
    const base = compileFolder(path.resolve("tests/fixtures/courses/short-course"), "short-course");
    expect(base.modules[0].objectives.en).toHaveLength(2);
    expect(base.modules[0].tools).toHaveLength(1);
    expect(base.glossary).toHaveLength(2);
    const content = structuredClone(base);
    const odd = (i: number) => ODD[i % ODD.length];
    let i = 0;
    const m = content.modules[0];
    for (const l of ["en", "ar"] as const) {
      m.objectives[l] = [odd(i++), odd(i++), odd(i++)];
      m.tools[0].title[l] = odd(i++);
      m.tools[0].description[l] = odd(i++);
      for (const g of content.glossary) {
        g.term[l] = odd(i++);
        g.definition[l] = odd(i++);
      }
    }
    m.tools[0].markdown.en = "\n## Steps\n\n- [ ] not a checkbox: a plain item\n- a [term](glossary:duty-bearer)\n";
    const { content: compiled, errors } = compileCourse("short-course", contentToFiles(content), uiBlockTitles);
    expect(errors).toEqual([]);
    expect(compiled!.modules[0].objectives).toEqual(m.objectives);
    expect(compiled!.glossary.map((g) => g.term)).toEqual(content.glossary.map((g) => g.term));
    expect(compiled!.modules[0].tools[0].html.en).toContain("/courses/short-course/glossary#duty-bearer");
    expect(await roundTrip(compiled!)).toStrictEqual(compiled);

    // without any of them, no glossary file and no objectives/tools fields are written
    const bare = structuredClone(base);
    bare.glossary = [];
    bare.modules[0].objectives = {};
    bare.modules[0].tools = [];
    for (const l of bare.modules[0].lessons) for (const loc of ["en", "ar"] as const) l.markdown[loc] = l.markdown[loc]!.replace(/\]\(glossary:[^)]+\)/g, "]");
    const files = contentToFiles(bare);
    expect([...files.keys()].some((f) => f.startsWith("glossary.") || f.includes("/tools/"))).toBe(false);
    expect(files.get("modules/essentials/module.yaml")).not.toMatch(/objectives|tools/);
    const { content: bareCompiled, errors: bareErrors } = compileCourse("short-course", files, uiBlockTitles);
    expect(bareErrors).toEqual([]);
    expect(await roundTrip(bareCompiled!)).toStrictEqual(bareCompiled);
  });

  it("keeps optional settings: certificate validity, draw, tags, pass rules, empty topics", async () => {
    const base = compileFolder(path.resolve("tests/fixtures/courses/short-course"), "short-course");
    const content = structuredClone(base);
    content.certificateValidityMonths = 24;
    content.passRules = { requireAllLessons: false, requireAllQuizzes: true };
    content.topics = [];
    content.modules[0].quiz.draw = 2;
    content.modules[0].quiz.shuffleOptions = true;
    content.modules[0].lessons[0].tags = ["UPR", "SDG-16.b"];
    content.modules[0].quiz.questions[0].tags = ["CEDAW"];
    expect(await roundTrip(content)).toStrictEqual(content);
  });
});
