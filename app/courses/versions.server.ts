import { sqltag as sql } from "@prisma/client/runtime/client";
import { getDb, readRows, type DbClient } from "~/db.server";
import type { Locale } from "~/i18n/config";
import { newId } from "~/ids";
import { orgName } from "~/organizations/names";
import type { VersionStatus } from "~/authoring/workflow"; // the statuses and their transitions, as pure rules
import { withFormatDefaults, type CourseContent } from "./schema";

// The one owner of Course and CourseVersion rows. Every write of a course or a version goes through
// here — the file import (courses/import), the zip import, drafts and review (app/authoring), the
// administrator's archive — so the columns derived from the content (title, summary, topics, complete
// locales, duration, hash) are computed in one place, and every read of a version's JSON `content`
// goes through readContent(), which checks its shape instead of trusting a cast.
//
// Writes take an optional last `db`: the transaction of the caller that groups several of them.

// ---- reading stored content ----

/** Stored content that is not a course: a clear error naming the version and the first bad field. */
export class MalformedContentError extends Error {
  constructor(versionId: string, path: string, expected: string) {
    super(`course version ${versionId}: stored content is malformed: ${path} is not ${expected}`);
    this.name = "MalformedContentError";
  }
}

type Check = (value: unknown) => boolean;
const isObject: Check = (v) => typeof v === "object" && v !== null && !Array.isArray(v);
const isString: Check = (v) => typeof v === "string";
const isArray: Check = Array.isArray;

/**
 * The shape every reader relies on, checked in one pass over the modules (not a full schema parse: the
 * content was compiled and validated when it was written; this catches a row that is not a course at
 * all, or one written by a future format, before a page dereferences it).
 */
function checkShape(versionId: string, content: unknown): asserts content is CourseContent {
  const expect = (ok: boolean, path: string, expected: string) => {
    if (!ok) throw new MalformedContentError(versionId, path, expected);
  };
  expect(isObject(content), "content", "an object");
  const c = content as Record<string, unknown>;
  expect(isString(c.slug), "content.slug", "a string");
  expect(isString(c.sourceLocale), "content.sourceLocale", "a string");
  expect(isString(c.academy), "content.academy", "a string");
  expect(typeof c.durationMinutes === "number", "content.durationMinutes", "a number");
  expect(isArray(c.topics), "content.topics", "an array");
  expect(isObject(c.passRules), "content.passRules", "an object");
  expect(isObject(c.title), "content.title", "an object of texts per language");
  expect(isObject(c.summary), "content.summary", "an object of texts per language");
  expect(isArray(c.completeLocales), "content.completeLocales", "an array");
  expect(c.glossary === undefined || isArray(c.glossary), "content.glossary", "an array");
  expect(isArray(c.modules), "content.modules", "an array");
  (c.modules as unknown[]).forEach((m, i) => {
    const at = `content.modules[${i}]`;
    expect(isObject(m), at, "an object");
    const mod = m as Record<string, unknown>;
    expect(isString(mod.key), `${at}.key`, "a string");
    expect(isObject(mod.title), `${at}.title`, "an object of texts per language");
    expect(isArray(mod.lessons), `${at}.lessons`, "an array");
    expect(mod.tools === undefined || isArray(mod.tools), `${at}.tools`, "an array");
    expect(isObject(mod.quiz), `${at}.quiz`, "an object");
    expect(isArray((mod.quiz as Record<string, unknown>).questions), `${at}.quiz.questions`, "an array");
  });
}

/** A stored version's content, checked, with the defaults of fields added after the first versions. */
function parseContent(versionId: string, stored: unknown): CourseContent {
  checkShape(versionId, stored);
  return withFormatDefaults(stored);
}

// Published and archived versions are immutable, so their content is checked once and kept by id in
// each process (no shared state: any process can rebuild it from the database). A version being
// written changes under the same id, so it is read afresh every time.
const cache = new Map<string, CourseContent>();
const CACHE_SIZE = 50;
const isImmutable = (status: string) => status === "PUBLISHED" || status === "ARCHIVED";

function remember(versionId: string, content: CourseContent) {
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(versionId, content);
}

/**
 * The typed content of a version row already loaded (select `id`, `status` and `content`). Throws
 * MalformedContentError when the stored JSON is not a course. The content of an immutable version is
 * shared between callers: copy it (structuredClone) before changing it.
 */
export function readContent(version: { id: string; status: string; content: unknown }): CourseContent {
  const hit = cache.get(version.id);
  if (hit) return hit;
  const content = parseContent(version.id, version.content);
  if (isImmutable(version.status)) remember(version.id, content);
  return content;
}

/** The content of version `versionId` (the hot path of every learner page: cached when immutable). */
export async function getVersionContent(versionId: string, db?: DbClient): Promise<CourseContent> {
  const hit = cache.get(versionId);
  if (hit) return hit;
  const client = db ?? (await getDb());
  const row = await client.courseVersion.findUniqueOrThrow({ where: { id: versionId }, select: { id: true, status: true, content: true } });
  return readContent(row);
}

/**
 * The version offered to newcomers: the published one (at most one per course), with its academy's
 * names. Read on every course page and enrolment: one SQL join, not Prisma's query plan for the
 * nested relations (a model query costs 3–8× its raw form; docs/performance.md).
 */
export async function getPublishedVersion(slug: string, db?: DbClient) {
  const client = db ?? (await getDb());
  const rows = await readRows<{ id: string; version: number; courseId: string; name: string; names: unknown }>(client, sql`
    SELECT v."id", v."version", v."courseId", o."name", o."names"
    FROM "Course" c
    JOIN "CourseVersion" v ON v."courseId" = c."id"
    JOIN "Organization" o ON o."id" = c."academyId"
    WHERE c."slug" = ${slug} AND v."status" = 'PUBLISHED'
    ORDER BY v."version" DESC
    LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, version: Number(row.version), courseId: row.courseId, course: { slug, academy: { name: row.name, names: row.names } } };
}

/** The name of the academy that owns course `slug` (which must exist), in `locale` where it has one (app/organizations/names.ts). */
export async function academyNameOfCourse(slug: string, locale: Locale, db?: DbClient): Promise<string> {
  const client = db ?? (await getDb());
  return orgName((await client.course.findUniqueOrThrow({ where: { slug }, select: { academy: { select: { name: true, names: true } } } })).academy, locale);
}

// ---- writing ----

/**
 * The columns of a CourseVersion that are derived from its content (what lists and the catalogue read
 * without loading the JSON), plus the content itself. `contentHash` is the hash of the course files
 * the content comes from (hashCourseFiles): the caller has the files, or makes them from the content.
 */
export function versionColumns(content: CourseContent, contentHash: string) {
  return {
    contentHash,
    title: content.title,
    summary: content.summary,
    topics: content.topics,
    completeLocales: content.completeLocales,
    durationMinutes: content.durationMinutes,
    content: content as object,
  };
}

/** A new course row; its id. Unique slug: a taken one throws a unique violation (isUniqueViolation). */
export async function createCourseRow(input: { slug: string; academyId: string; sourceLocale: Locale }, db?: DbClient): Promise<string> {
  const client = db ?? (await getDb());
  const id = newId();
  await client.course.create({ data: { id, slug: input.slug, academyId: input.academyId, sourceLocale: input.sourceLocale } });
  return id;
}

/** The language a course is written in follows its newest published version. */
export async function setCourseSourceLocale(courseId: string, sourceLocale: Locale, db?: DbClient): Promise<void> {
  const client = db ?? (await getDb());
  await client.course.update({ where: { id: courseId }, data: { sourceLocale } });
}

export type NewVersion = {
  courseId: string;
  version: number;
  status: VersionStatus;
  content: CourseContent;
  contentHash: string;
  translationSources?: object | null;
  publishedAt?: Date;
};

/** A new version row with its derived columns; its id. (courseId, version) is unique: two at once, one wins. */
export async function insertVersion(input: NewVersion, db?: DbClient): Promise<string> {
  const client = db ?? (await getDb());
  const id = newId();
  await client.courseVersion.create({
    data: {
      id,
      courseId: input.courseId,
      version: input.version,
      status: input.status,
      ...versionColumns(input.content, input.contentHash),
      ...(input.translationSources ? { translationSources: input.translationSources } : {}),
      ...(input.publishedAt ? { publishedAt: input.publishedAt } : {}),
    },
  });
  return id;
}

/**
 * New content for a draft, only if it is still a DRAFT at `revision` (the WHERE carries both: of two
 * writers from the same revision exactly one wins). `submittedById` also sends it to review. True when
 * written.
 */
export async function writeDraftContent(
  draft: { id: string; revision: number },
  content: CourseContent,
  contentHash: string,
  also: { translationSources?: object; submittedById?: string } = {},
  db?: DbClient,
): Promise<boolean> {
  const client = db ?? (await getDb());
  const { count } = await client.courseVersion.updateMany({
    where: { id: draft.id, status: "DRAFT", revision: draft.revision },
    data: {
      ...(also.submittedById ? { status: "IN_REVIEW", submittedById: also.submittedById } : {}),
      ...versionColumns(content, contentHash),
      ...(also.translationSources ? { translationSources: also.translationSources } : {}),
      revision: { increment: 1 },
    },
  });
  return count === 1;
}

/**
 * Moves a version from status `from` to `to`, only if it still has `from` (two people acting at once:
 * one move happens). Publishing stamps publishedAt; back to DRAFT clears the submitter and bumps the
 * revision, so an editor open on the old one is told. True when moved.
 */
export async function moveVersionStatus(
  versionId: string,
  from: VersionStatus,
  to: "PUBLISHED" | "DRAFT" | "ARCHIVED",
  db?: DbClient,
): Promise<boolean> {
  const client = db ?? (await getDb());
  const data =
    to === "PUBLISHED"
      ? { status: to, publishedAt: new Date() }
      : to === "DRAFT"
        ? { status: to, submittedById: null, revision: { increment: 1 } }
        : { status: to };
  const { count } = await client.courseVersion.updateMany({ where: { id: versionId, status: from }, data });
  return count === 1;
}

/** Archives the course's published version(s) but `exceptVersionId`: enrolments keep theirs, newcomers get the new one. */
export async function archivePublishedVersions(courseId: string, exceptVersionId?: string, db?: DbClient): Promise<void> {
  const client = db ?? (await getDb());
  await client.courseVersion.updateMany({
    where: { courseId, status: "PUBLISHED", ...(exceptVersionId ? { id: { not: exceptVersionId } } : {}) },
    data: { status: "ARCHIVED" },
  });
}

/**
 * Deletes a DRAFT still at `revision` that nobody is enrolled in (a guard: learners only enrol in
 * published versions); its review events go with it. When the course is left without any version, the
 * course row goes too. Run it in a transaction (`db`) so both happen or neither.
 */
export async function deleteDraftVersion(
  draft: { id: string; courseId: string; revision: number },
  db?: DbClient,
): Promise<{ deleted: boolean; courseDeleted: boolean }> {
  const client = db ?? (await getDb());
  const { count } = await client.courseVersion.deleteMany({
    where: { id: draft.id, courseId: draft.courseId, status: "DRAFT", revision: draft.revision, enrolments: { none: {} } },
  });
  if (count !== 1) return { deleted: false, courseDeleted: false };
  const { count: courseDeleted } = await client.course.deleteMany({ where: { id: draft.courseId, versions: { none: {} } } });
  return { deleted: true, courseDeleted: courseDeleted === 1 };
}

