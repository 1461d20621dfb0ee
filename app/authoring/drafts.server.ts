import { redirect } from "@remix-run/node";
import { getDb, isUniqueViolation, type Db } from "~/db.server";
import { notFound, requireUser } from "~/auth/guards.server";
import type { AuthUser } from "~/auth/session.server";
import { activeRoleWhere, RULES, type AuthorRole } from "~/auth/permissions";
import { fail, type Failed } from "~/http/forms";
import { supportedLocales, type Locale } from "~/i18n/config";
import { compileCourse, type CourseError } from "~/courses/compile.server";
import { hashCourseFiles, loadTerminology, uiBlockTitles } from "~/courses/files.server";
import type { CourseFinding } from "~/courses/lint";
import { countWords, renderLessonMarkdown } from "~/courses/markdown.server";
import { withFormatDefaults, type CourseContent } from "~/courses/schema";
import { createCourseRow, insertVersion, readContent, writeDraftContent } from "~/courses/versions.server";
import { contentToFiles, placeOf, type ErrorPlace } from "./files";
import { describeProblems, type PlacedProblem } from "./problems";
import type { TranslationSources } from "./texts";
import { canStartDraft, type VersionStatus } from "./workflow";
import { asOrgNames, type OrgNames } from "~/organizations/names";

// Courses written in the browser. A version being written is a CourseVersion row (DRAFT or
// IN_REVIEW) whose `content` is a full CourseContent, of the same shape as a version imported from
// files; `revision` guards against two people overwriting each other's edits.

export type AuthorCourse = {
  id: string;
  slug: string;
  academyId: string;
  academySlug: string;
  /** the default name; per language in `academyNames` (show it with orgName) */
  academyName: string;
  academyNames?: OrgNames;
  sourceLocale: Locale;
};
export type AuthorContext = { userId: string; role: AuthorRole; course: AuthorCourse };

/** `name` is the default name; `names` its translations (app/organizations/names.ts: orgName). */
export type AuthorAcademy = { id: string; slug: string; name: string; names?: unknown };

// Who may author (RULES.author in auth/permissions): an active AUTHOR or ADMIN of the ACADEMY that owns
// the course. Platform administrators are not authors unless they hold such a membership. Anyone else
// gets the same 404 as for an unknown course, so nobody learns which courses or versions exist.

/** The academies where the person may author, oldest membership first. */
export async function authorAcademies(userId: string, db?: Db): Promise<(AuthorAcademy & { role: AuthorRole })[]> {
  db ??= await getDb();
  const rows = await db.membership.findMany({
    where: { userId, ...activeRoleWhere(RULES.author), organization: { kind: RULES.author.kind } },
    select: { role: true, organization: { select: { id: true, slug: true, name: true, names: true } } },
    orderBy: { createdAt: "asc" },
  });
  return rows.map((r) => ({ ...r.organization, role: r.role as AuthorRole }));
}

/** The signed-in author and the academies they author for; 404 for anyone who authors for none. */
export async function requireAuthor(request: Request): Promise<{ user: AuthUser; academies: AuthorAcademy[] }> {
  const user = await requireUser(request);
  const academies = await authorAcademies(user.id);
  if (academies.length === 0) throw notFound();
  return { user, academies };
}

/** The signed-in author of the academy owning course `slug`; anyone else gets the same 404. */
export async function requireCourseAuthor(request: Request, slug: string | undefined): Promise<AuthorContext> {
  const user = await requireUser(request);
  const ctx = await courseAuthor(user.id, slug ?? "");
  if (!ctx) throw notFound();
  return ctx;
}

/** The one authoring rule: `userId` as an author of the academy owning course `slug`, or null. */
export async function courseAuthor(userId: string, slug: string, db?: Db): Promise<AuthorContext | null> {
  db ??= await getDb();
  const course = await db.course.findFirst({
    where: { slug, academy: { kind: RULES.author.kind } },
    select: {
      id: true,
      slug: true,
      academyId: true,
      sourceLocale: true,
      academy: {
        select: {
          slug: true,
          name: true,
          names: true,
          memberships: { where: { userId, ...activeRoleWhere(RULES.author) }, select: { role: true } },
        },
      },
    },
  });
  const membership = course?.academy.memberships[0];
  if (!course || !membership) return null;
  return {
    userId,
    role: membership.role as AuthorRole,
    course: {
      id: course.id,
      slug: course.slug,
      academyId: course.academyId,
      academySlug: course.academy.slug,
      academyName: course.academy.name,
      academyNames: asOrgNames(course.academy.names),
      sourceLocale: course.sourceLocale as Locale,
    },
  };
}

export type VersionRow = {
  id: string;
  version: number;
  status: VersionStatus;
  revision: number;
  submittedById: string | null;
  content: CourseContent;
  translationSources: TranslationSources;
  createdAt: Date;
  publishedAt: Date | null;
};

const versionSelect = {
  id: true,
  version: true,
  status: true,
  revision: true,
  submittedById: true,
  content: true,
  translationSources: true,
  createdAt: true,
  publishedAt: true,
} as const;

function toRow(v: { content: unknown; translationSources: unknown; status: string } & Omit<VersionRow, "content" | "translationSources" | "status">): VersionRow {
  return {
    ...v,
    status: v.status as VersionStatus,
    content: readContent(v),
    translationSources: (v.translationSources ?? {}) as TranslationSources,
  };
}

/** The version being written (DRAFT or IN_REVIEW), if any: there is at most one per course. */
export async function workingVersion(courseId: string, db?: Db): Promise<VersionRow | null> {
  db ??= await getDb();
  const v = await db.courseVersion.findFirst({
    where: { courseId, status: { in: ["DRAFT", "IN_REVIEW"] } },
    select: versionSelect,
    orderBy: { version: "desc" },
  });
  return v ? toRow(v) : null;
}

/**
 * The editable draft of a course. A version in review is read-only: its editor pages lead back to
 * the course's overview, which says so; a course with nothing being written has no editor (404).
 */
/**
 * The editor's prelude, for its loaders and actions: the course's author (else 404) and the course's
 * draft (a version in review sends to the course page; no draft is a 404).
 */
export async function requireAuthorDraft(request: Request, slug: string | undefined): Promise<{ ctx: AuthorContext; draft: VersionRow }> {
  const ctx = await requireCourseAuthor(request, slug);
  return { ctx, draft: await requireDraft(ctx.course.id) };
}

/** What the editor's pages show once a course has no draft: the published version, read-only, and a way to start the next one. */
export type PublishedState = {
  slug: string;
  version: number;
  publishedAt: string | null;
  sourceLocale: Locale;
  title: string;
  modules: { key: string; title: string; lessons: number; questions: number }[];
  completeLocales: Locale[];
  canStartDraft: boolean;
};

/**
 * requireAuthorDraft for the editor's pages (edit, translate): when nothing is being written but a
 * version is published — after publishing, a bookmark, the link of an old email — they show that
 * version with "Start a new draft version" instead of a 404. A version in review still sends to
 * the course page; a course with no version at all is still a 404.
 */
export async function requireAuthorDraftOrPublished(
  request: Request,
  slug: string | undefined,
): Promise<{ ctx: AuthorContext; draft: VersionRow; published: null } | { ctx: AuthorContext; draft: null; published: PublishedState }> {
  const ctx = await requireCourseAuthor(request, slug);
  const working = await workingVersion(ctx.course.id);
  if (working) return { ctx, draft: await requireDraft(ctx.course.id), published: null };
  const versions = await listVersions(ctx.course.id);
  const v = versions.find((x) => x.status === "PUBLISHED");
  if (!v) throw notFound();
  const c = v.content;
  const src = c.sourceLocale;
  return {
    ctx,
    draft: null,
    published: {
      slug: c.slug,
      version: v.version,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      sourceLocale: src,
      title: c.title[src] ?? c.slug,
      modules: c.modules.map((m) => ({ key: m.key, title: m.title[src] ?? m.key, lessons: m.lessons.length, questions: m.quiz.questions.length })),
      completeLocales: c.completeLocales,
      canStartDraft: canStartDraft(versions.map((x) => x.status)),
    },
  };
}

export async function requireDraft(courseId: string, db?: Db): Promise<VersionRow> {
  const v = await workingVersion(courseId, db);
  if (v?.status === "IN_REVIEW") throw redirect(`/author/courses/${v.content.slug}`);
  if (!v) throw notFound();
  return v;
}

export async function listVersions(courseId: string, db?: Db) {
  db ??= await getDb();
  const rows = await db.courseVersion.findMany({ where: { courseId }, select: versionSelect, orderBy: { version: "desc" } });
  return rows.map(toRow);
}

/**
 * The courses of the person's academies with every version's status, and the content of the one
 * version the list describes (the one being written, else the published one) for the bars: older
 * versions' content is not loaded.
 */
export async function listAuthorCourses(academyIds: string[], db?: Db) {
  db ??= await getDb();
  const courses = await db.course.findMany({
    where: { academyId: { in: academyIds } },
    select: { slug: true, academyId: true, sourceLocale: true, versions: { select: { id: true, version: true, status: true }, orderBy: { version: "desc" } } },
    orderBy: { slug: "asc" },
  });
  const current = (versions: { id: string; status: string }[]) =>
    versions.find((v) => v.status === "DRAFT" || v.status === "IN_REVIEW") ?? versions.find((v) => v.status === "PUBLISHED") ?? versions[0];
  const ids = courses.map((c) => current(c.versions)?.id).filter((id): id is string => Boolean(id));
  const contents = new Map(
    (await db.courseVersion.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, content: true } })).map((v) => [v.id, readContent(v)]),
  );
  return courses.map((c) => ({
    slug: c.slug,
    academyId: c.academyId,
    sourceLocale: c.sourceLocale as Locale,
    versions: c.versions.map((v) => ({ version: v.version, status: v.status as VersionStatus })),
    content: contents.get(current(c.versions)?.id ?? "") ?? null,
  }));
}

/**
 * Lesson HTML, word counts and complete locales follow the Markdown: recomputed on every save with
 * the same renderer and sanitizer as imported courses, so a preview or a published draft shows
 * exactly what learners get.
 */
export function refreshDerived(content: CourseContent): CourseContent {
  withFormatDefaults(content);
  const glossary = content.glossary.length ? { slug: content.slug, keys: new Set(content.glossary.map((g) => g.key)) } : undefined;
  for (const m of content.modules) {
    for (const l of [...m.lessons, ...m.tools]) {
      l.html = {};
      l.words = {};
      for (const locale of supportedLocales) {
        const md = l.markdown[locale];
        if (md === undefined) continue;
        l.html[locale] = renderLessonMarkdown(md, (b) => uiBlockTitles(locale, b), 0, glossary).html;
        l.words[locale] = countWords(md);
      }
    }
  }
  content.completeLocales = supportedLocales.filter((locale) => {
    if (!content.title[locale] || !content.summary[locale]) return false;
    return content.modules.every(
      (m) =>
        m.title[locale] &&
        m.quiz.title[locale] &&
        m.lessons.every((l) => l.title[locale] && l.markdown[locale]) &&
        m.tools.every((t) => t.title[locale] && t.markdown[locale]) &&
        (Object.keys(m.objectives).length === 0 || m.objectives[locale]) &&
        m.quiz.questions.every((q) => q.text[locale] && q.explanation[locale]),
    ) && content.glossary.every((g) => g.term[locale] && g.definition[locale]);
  });
  return content;
}

/** A draft's hash: of the course files its content makes, as an import of those files would have. */
function draftHash(content: CourseContent): string {
  return hashCourseFiles(contentToFiles(content));
}

export type SaveResult = { ok: true; revision: number } | Failed;

/**
 * Saves a draft if nobody saved it since `revision` was read (and it is still a draft): the WHERE
 * carries both, so of two saves from the same revision exactly one wins and the other is told.
 */
export async function saveDraft(
  draft: { id: string },
  revision: number,
  content: CourseContent,
  translationSources?: TranslationSources,
  db?: Db,
): Promise<SaveResult> {
  refreshDerived(content);
  const saved = await writeDraftContent({ id: draft.id, revision }, content, draftHash(content), { translationSources }, db);
  return saved ? { ok: true, revision: revision + 1 } : fail("authoring:form.conflict");
}

export type NewCourseInput = {
  academy: { id: string; slug: string };
  slug: string;
  sourceLocale: Locale;
  title: string;
  summary: string;
  durationMinutes: number;
};

/** A new course with its first version as a draft; null when the slug is taken (by any academy). */
export async function createCourse(input: NewCourseInput, db?: Db): Promise<{ slug: string } | null> {
  db ??= await getDb();
  const content: CourseContent = refreshDerived({
    slug: input.slug,
    sourceLocale: input.sourceLocale,
    academy: input.academy.slug,
    durationMinutes: input.durationMinutes,
    topics: [],
    certificateValidityMonths: null,
    passRules: { requireAllLessons: true, requireAllQuizzes: true },
    title: { [input.sourceLocale]: input.title },
    summary: { [input.sourceLocale]: input.summary },
    modules: [],
    glossary: [],
    completeLocales: [],
  });
  try {
    await db.$transaction(async (tx) => {
      const courseId = await createCourseRow({ slug: input.slug, academyId: input.academy.id, sourceLocale: input.sourceLocale }, tx);
      await insertVersion({ courseId, version: 1, status: "DRAFT", content, contentHash: draftHash(content) }, tx);
    });
  } catch (e) {
    // the unique slug: two people creating the same course at once, or a slug already in use
    if (isUniqueViolation(e)) return null;
    throw e;
  }
  return { slug: input.slug };
}

export async function slugTaken(slug: string, db?: Db): Promise<boolean> {
  db ??= await getDb();
  return (await db.course.count({ where: { slug } })) > 0;
}

/**
 * A new draft version from the published one, when the course has no unpublished version. The unique
 * (courseId, version) makes two simultaneous clicks create one draft.
 */
export async function startDraft(courseId: string, db?: Db): Promise<{ ok: true; version: number } | { ok: false }> {
  db ??= await getDb();
  // The copy is prepared outside the transaction (a six-language course is large); the transaction
  // only re-checks that the published version is still the newest and nothing is open, then writes.
  const published = await db.courseVersion.findFirst({
    where: { courseId, status: "PUBLISHED" },
    select: { id: true, status: true, version: true, content: true, translationSources: true },
    orderBy: { version: "desc" },
  });
  if (!published) return { ok: false };
  const content = refreshDerived(structuredClone(readContent(published)));
  try {
    return await db.$transaction(async (tx) => {
      const versions = await tx.courseVersion.findMany({
        where: { courseId },
        select: { version: true, status: true },
        orderBy: { version: "desc" },
      });
      const stillPublished = versions.find((v) => v.status === "PUBLISHED");
      if (stillPublished?.version !== published.version || versions.some((v) => v.status === "DRAFT" || v.status === "IN_REVIEW")) {
        return { ok: false } as const;
      }
      const version = versions[0].version + 1;
      await insertVersion(
        { courseId, version, status: "DRAFT", content, contentHash: draftHash(content), translationSources: published.translationSources as object | null },
        tx,
      );
      return { ok: true, version } as const;
    });
  } catch (e) {
    if (isUniqueViolation(e)) return { ok: false };
    throw e;
  }
}

export type PlacedError = CourseError & { place: ErrorPlace };
export type PlacedFinding = CourseFinding & { place: ErrorPlace };

/**
 * The draft checked exactly as `npm run courses:check` checks a folder (terminology included), each
 * error and quality finding placed in the editor.
 */
export function checkDraft(content: CourseContent): { compiled: CourseContent | null; errors: PlacedError[]; findings: PlacedFinding[]; hash: string } {
  const files = contentToFiles(content);
  const { content: compiled, errors, findings } = compileCourse(content.slug, files, uiBlockTitles, { terminology: loadTerminology().byLocale });
  return {
    compiled,
    errors: errors.map((e) => ({ ...e, place: placeOf(e.file) })),
    findings: findings.map((f) => ({ ...f, place: placeOf(f.file) })),
    hash: hashCourseFiles(files),
  };
}

/** checkDraft for the editor's pages: the errors as translated problems that link to their fields (problems.ts). */
export function draftProblems(content: CourseContent): { problems: PlacedProblem[]; findings: PlacedFinding[] } {
  const { errors, findings } = checkDraft(content);
  return { problems: describeProblems(errors, content), findings };
}
