// A tool as a file a municipality keeps: a printable standalone HTML page (lang/dir set, styles
// inline, no script) or the Markdown source with its front matter. Same access as the tool page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { pick } from "~/courses/localize";
import { courseForReader, findTool, toolIn } from "~/courses/reader.server";

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const PRINT_CSS = `body{font-family:system-ui,"Noto Sans","Noto Sans Arabic","Noto Sans SC",sans-serif;line-height:1.5;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:start}
.block{border-inline-start:4px solid #666;padding:.25rem 1rem;margin:1rem 0}.block__title{font-weight:bold}
footer{margin-top:2rem;border-top:1px solid #999;padding-top:.5rem;font-size:.85rem;color:#444}
@media print{body{margin:0;max-width:none}a{color:inherit}}`;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const slug = params.slug ?? "";
  const format = params.format;
  if (format !== "html" && format !== "md") throw notFound();
  const { content, locale, t, academy } = await courseForReader(request, slug);
  const { module, tool } = findTool(content, params.moduleKey, params.toolKey);
  const shown = toolIn(tool, locale, content.sourceLocale);
  const courseTitle = pick(content.title, shown.lang, content.sourceLocale).value;
  const filename = `${tool.key}.${shown.lang}.${format}`;
  const headers = { "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-cache" };
  if (format === "md") {
    const front = `---\ntitle: ${JSON.stringify(shown.title)}\ndescription: ${JSON.stringify(shown.description)}\n---\n`;
    return new Response(front + shown.markdown, { headers: { ...headers, "Content-Type": "text/markdown; charset=utf-8" } });
  }
  const origin = new URL(request.url).origin;
  const url = `${origin}/courses/${slug}/${module.key}/tools/${tool.key}`;
  const source = t("tool.printedFrom", { lng: shown.lang, course: courseTitle, academy: academy ?? "", url });
  const html = `<!doctype html>
<html lang="${shown.lang}" dir="${shown.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(shown.title)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<main>
<h1>${escape(shown.title)}</h1>
<p><em>${escape(shown.description)}</em></p>
${shown.html.replace(/href="\//g, `href="${origin}/`)}
</main>
<footer>${escape(source)}</footer>
</body>
</html>
`;
  return new Response(html, { headers: { ...headers, "Content-Type": "text/html; charset=utf-8" } });
}
