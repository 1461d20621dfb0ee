import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { pick } from "~/courses/localize";
import { courseForReader, findTool, glossaryPath, toolIn, toolPath } from "~/courses/reader.server";
import { Alert } from "~/ui/Alert";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.tool.title} · ${data.course.title}` : "" },
  { name: "description", content: data?.tool.description },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const { content, locale } = await courseForReader(request, slug);
  const { module, tool } = findTool(content, params.moduleKey, params.toolKey);
  const source = content.sourceLocale;
  return {
    course: { slug, title: pick(content.title, locale, source).value, hasGlossary: content.glossary.length > 0 },
    module: { key: module.key, title: pick(module.title, locale, source).value },
    tool: { key: tool.key, ...toolIn(tool, locale, source) },
    path: toolPath(slug, module.key, tool.key),
    glossary: glossaryPath(slug),
  };
}

// A tool reads like a lesson: no JavaScript bundle (docs/decisions/0001).
export const handle = { hydrate: false };

export default function ToolPage() {
  const { t } = useTranslation("courses");
  const { course, module, tool, path, glossary } = useLoaderData<typeof loader>();
  return (
    <article className="lesson">
      <nav aria-label={t("tool.breadcrumb")} className="muted">
        <a href={`/courses/${course.slug}`}>{course.title}</a> › {module.title}
      </nav>
      <p className="muted">{t("tool.kind")}</p>
      <h1 lang={tool.lang} dir={tool.dir}>
        {tool.title}
      </h1>
      <p className="lead" lang={tool.lang} dir={tool.dir}>
        {tool.description}
      </p>
      {tool.fallback ? (
        <Alert tone="notice" note>
          {t("tool.fallbackNotice")}
        </Alert>
      ) : null}
      <section aria-labelledby="downloads-heading" className="card">
        <h2 id="downloads-heading">{t("tool.downloads")}</h2>
        <ul>
          <li>
            <a href={`${path}/download/html`} download data-testid="download-html">
              {t("tool.downloadHtml")}
            </a>
          </li>
          <li>
            <a href={`${path}/download/md`} download data-testid="download-md">
              {t("tool.downloadMarkdown")}
            </a>
          </li>
        </ul>
      </section>
      {/* Sanitized on import (app/courses/markdown.server.ts), like lessons. */}
      <div lang={tool.lang} dir={tool.dir} dangerouslySetInnerHTML={{ __html: tool.html }} />
      <nav className="pager" aria-label={t("tool.pager")}>
        <a href={`/courses/${course.slug}`}>{t("tool.backToCourse")}</a>
        {course.hasGlossary ? <a href={glossary}>{t("course.glossary")}</a> : <span />}
      </nav>
    </article>
  );
}
