import { getOptionalUser, notFound } from "~/auth/guards.server";
import { orgName } from "~/organizations/names";
import { direction, type Locale } from "~/i18n/config";
import { translatorFor } from "~/i18n/translate.server";
import { getPublishedVersion, getVersionContent } from "~/courses/versions.server";
import { findEnrolment } from "~/learning/enrolment.server";
import { pick } from "./localize";
import type { CompiledModule, CompiledTool, CourseContent } from "./schema";

// The course as the person asking reads it, for the glossary and tool pages: an enrolled learner's
// own version (like the lessons), else the published version that the course page shows to everyone.
// A course with neither is a 404, like the course page.

export async function courseForReader(request: Request, slug: string) {
  const published = await getPublishedVersion(slug);
  const user = await getOptionalUser(request);
  const enrolment = user ? await findEnrolment(user.id, slug) : null;
  const versionId = enrolment?.courseVersionId ?? published?.id;
  if (!versionId) throw notFound();
  const content = await getVersionContent(versionId);
  const { locale, t } = await translatorFor(request, "courses");
  return { content, locale, t, academy: published ? orgName(published.course.academy, locale) : null };
}

/** One tool of one module, or 404. */
export function findTool(content: CourseContent, moduleKey: string | undefined, toolKey: string | undefined): { module: CompiledModule; tool: CompiledTool } {
  const module = content.modules.find((m) => m.key === moduleKey);
  const tool = module?.tools.find((t) => t.key === toolKey);
  if (!module || !tool) throw notFound();
  return { module, tool };
}

/** The tool's texts in `locale`, or in the source locale when that locale has none (never mixed). */
export function toolIn(tool: CompiledTool, locale: Locale, source: Locale) {
  const shown: Locale = tool.markdown[locale] !== undefined && tool.title[locale] ? locale : source;
  return {
    lang: shown,
    dir: direction(shown),
    fallback: shown !== locale,
    title: pick(tool.title, shown, source).value,
    description: pick(tool.description, shown, source).value,
    markdown: tool.markdown[shown] ?? "",
    html: tool.html[shown] ?? "",
  };
}

export const toolPath = (slug: string, moduleKey: string, toolKey: string) => `/courses/${slug}/${moduleKey}/tools/${toolKey}`;
export const glossaryPath = (slug: string) => `/courses/${slug}/glossary`;
