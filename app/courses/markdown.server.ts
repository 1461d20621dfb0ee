import MarkdownIt from "markdown-it";
import container from "markdown-it-container";
import sanitizeHtml from "sanitize-html";

export const LESSON_BLOCKS = ["key-points", "case-study", "reflection", "action", "further-reading"] as const;
export type LessonBlock = (typeof LESSON_BLOCKS)[number];

export type RenderProblem = { line: number; message: string };

// Authors never write HTML: markdown-it escapes it (html: false) and refuses javascript:/vbscript:/
// data: links; sanitize-html then enforces an allow-list on whatever markdown-it produced. Two
// independent layers, so a bug in one is not an XSS.
function createRenderer(blockTitle: (block: LessonBlock) => string, problems: RenderProblem[], lineOffset: number) {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false });
  md.use(container, "block", {
    marker: ":",
    validate: () => true, // every ::: block comes here, so that unknown names can be reported
    render(tokens: { info: string; nesting: number; map: [number, number] | null }[], index: number) {
      const token = tokens[index];
      if (token.nesting !== 1) return "</div>\n";
      const info = token.info.trim();
      const [name, ...rest] = info.split(/\s+/);
      const title = rest.join(" ");
      if (!(LESSON_BLOCKS as readonly string[]).includes(name)) {
        problems.push({
          line: (token.map?.[0] ?? 0) + 1 + lineOffset,
          message: `unknown block "::: ${name}" (use ${LESSON_BLOCKS.join(", ")})`,
        });
        return `<div class="block">\n`;
      }
      const heading = blockTitle(name as LessonBlock) + (title ? `: ${title}` : "");
      return `<div class="block block--${name}"><p class="block__title">${md.utils.escapeHtml(heading)}</p>\n`;
    },
  });
  return md;
}

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td", "div",
  ],
  allowedAttributes: { a: ["href", "title", "rel", "class"], ol: ["start"], th: ["style"], td: ["style"], div: ["class"], p: ["class"] },
  allowedClasses: {
    div: ["block", ...LESSON_BLOCKS.map((b) => `block--${b}`)],
    p: ["block__title"],
    a: ["glossary-link"],
  },
  allowedStyles: { th: { "text-align": [/^(left|right|center)$/] }, td: { "text-align": [/^(left|right|center)$/] } },
  allowedSchemes: ["http", "https", "mailto"],
  // glossary links are rewritten to the course's glossary page (a relative URL without a scheme)
  allowProtocolRelative: false,
  disallowedTagsMode: "escape",
  transformTags: {
    // Markdown "# Title" would compete with the lesson's own <h1>.
    h1: "h2",
    a: (tagName, attribs) => ({
      tagName,
      attribs: /^https?:/i.test(attribs.href ?? "") ? { ...attribs, rel: "noopener noreferrer" } : attribs,
    }),
  },
};

export function sanitizeLessonHtml(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** The course glossary that `[text](glossary:key)` links point to. */
export type GlossaryTarget = { slug: string; keys: ReadonlySet<string> };

export const GLOSSARY_SCHEME = "glossary:";
export const glossaryHref = (slug: string, key: string) => `/courses/${slug}/glossary#${key}`;

type Token = ReturnType<InstanceType<typeof MarkdownIt>["parse"]>[number];

/**
 * `[duty bearers](glossary:duty-bearer)` → a link to the term on the course's glossary page. An
 * unknown key is a problem (file:line) and its link is dropped, so learners never meet a dead link.
 */
function linkGlossaryTerms(tokens: Token[], glossary: GlossaryTarget | undefined, problems: RenderProblem[], lineOffset: number) {
  for (const block of tokens) {
    if (block.type !== "inline" || !block.children) continue;
    let line = (block.map?.[0] ?? 0) + 1 + lineOffset;
    for (const child of block.children) {
      if (child.type === "softbreak" || child.type === "hardbreak") line++;
      if (child.type !== "link_open") continue;
      const href = String(child.attrGet("href") ?? "");
      if (!href.toLowerCase().startsWith(GLOSSARY_SCHEME)) continue;
      const key = href.slice(GLOSSARY_SCHEME.length);
      if (!glossary || !glossary.keys.has(key)) {
        problems.push({
          line,
          message: glossary
            ? `unknown glossary term "${key}" (glossary.<locale>.yaml has no such key)`
            : `glossary link "${key}" but the course has no glossary (glossary.<locale>.yaml)`,
        });
        child.attrSet("href", "");
        continue;
      }
      child.attrSet("href", glossaryHref(glossary.slug, key));
      child.attrSet("class", "glossary-link");
    }
  }
}

/** Markdown → safe HTML. `lineOffset` = lines before the body (front matter), for error lines. */
export function renderLessonMarkdown(
  markdown: string,
  blockTitle: (block: LessonBlock) => string,
  lineOffset = 0,
  glossary?: GlossaryTarget,
): { html: string; problems: RenderProblem[] } {
  const problems: RenderProblem[] = [];
  const md = createRenderer(blockTitle, problems, lineOffset);
  const env = {};
  const tokens = md.parse(markdown, env);
  linkGlossaryTerms(tokens, glossary, problems, lineOffset);
  const html = md.renderer.render(tokens, md.options, env);
  return { html: sanitizeLessonHtml(html), problems };
}

/** Words for reading time: whitespace-separated words, plus one per CJK character (no spaces there). */
export function countWords(markdown: string): number {
  const cjk = markdown.match(/[\u3400-\u9fff\uf900-\ufaff]/g)?.length ?? 0;
  const rest = markdown.replace(/[\u3400-\u9fff\uf900-\ufaff]/g, " ").replace(/:::[^\n]*/g, " ");
  const words = rest.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return words + Math.round(cjk / 2); // ~2 Chinese characters per English word's worth of reading
}
