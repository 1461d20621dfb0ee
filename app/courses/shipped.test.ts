// Guards over the REAL courses in courses/ (issues 13 and 14): `courses:check` finds no error there
// (neither a format problem nor a quality finding of severity "error"), and a learner who never reads
// cannot pass on cues. These fail on the quizzes written before issue 13 and pass once the rewritten
// content is in courses/.
import { describe, expect, it } from "vitest";
import { coursesDir, formatError, formatFinding, listCourseSlugs, loadCourse, loadTerminology } from "./files.server";
import { longestOptionCredit, strategyScore } from "./lint";
import type { CourseContent } from "./schema";

const slugs = listCourseSlugs();
const terminology = loadTerminology(coursesDir());
const loaded = new Map(slugs.map((slug) => [slug, loadCourse(slug, coursesDir(), terminology.byLocale)]));
const contents = (): CourseContent[] => [...loaded.values()].flatMap((l) => (l.ok ? [l.content] : []));

describe("courses:check over the shipped courses", () => {
  it("finds the course folders (terminology files are not courses)", () => {
    expect(slugs.length).toBeGreaterThan(0);
    expect(slugs.every((s) => !s.startsWith("terminology"))).toBe(true);
  });
  it("the terminology files are valid", () => {
    expect(terminology.errors.map(formatError)).toEqual([]);
  });
  for (const slug of slugs) {
    it(`${slug}: no error and no quality finding of severity error`, () => {
      const result = loaded.get(slug)!;
      expect(result.ok ? [] : result.errors.map(formatError)).toEqual([]);
      if (result.ok) expect(result.findings.filter((f) => f.severity === "error").map(formatFinding)).toEqual([]);
    });
  }
});

describe("the strategy learner of issue 13 (always the longest option, always 'false')", () => {
  for (const slug of slugs) {
    it(`${slug}: scores at most 50 % on every quiz (expected over the pool)`, () => {
      const content = contents().find((c) => c.slug === slug);
      expect(content, `${slug} compiles`).toBeDefined();
      const over = content!.modules
        .map((m) => ({ quiz: m.quiz.key, percent: Math.round(strategyScore(m.quiz, content!.sourceLocale) * 100) }))
        .filter((x) => x.percent > 50);
      expect(over).toEqual([]);
    });
  }
  it("the longest option is the right one in at most 40 % of all single-choice questions", () => {
    let credit = 0;
    let count = 0;
    for (const content of contents()) {
      for (const m of content.modules) {
        for (const q of m.quiz.questions) {
          const c = longestOptionCredit(q, content.sourceLocale);
          if (c === null) continue;
          credit += c;
          count++;
        }
      }
    }
    expect(count).toBeGreaterThan(0);
    expect(Math.round((credit / count) * 100)).toBeLessThanOrEqual(40);
  });
});
