import { describe, expect, it } from "vitest";
import { renderLessonMarkdown, countWords } from "./markdown.server";

const render = (md: string) => renderLessonMarkdown(md, (b) => `T:${b}`).html;

// Payloads adapted from the OWASP XSS Filter Evasion Cheat Sheet.
const payloads = [
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg/onload=alert(1)>",
  "<iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">x</a>',
  "[click](javascript:alert(1))",
  "[click](JaVaScRiPt:alert(1))",
  "[click](java\tscript:alert(1))",
  "[click](&#106;avascript:alert(1))",
  "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[click](vbscript:msgbox(1))",
  "![x](javascript:alert(1))",
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<body onload=alert(1)>",
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  "<<SCRIPT>alert(1);//<</SCRIPT>",
  '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
  "<a href=\"#\" onclick=\"alert(1)\">x</a>",
  "::: case-study <img src=x onerror=alert(1)>\ntext\n:::",
  '<object data="javascript:alert(1)"></object>',
  "<form action=javascript:alert(1)><button>x</button></form>",
];

const SAFE_TAGS = ["p", "div", "a", "strong", "em", "ul", "ol", "li", "h2", "h3", "code", "pre", "blockquote", "br"];

describe("lesson Markdown sanitizer", () => {
  for (const payload of payloads) {
    it(`renders inert: ${payload.slice(0, 50)}`, () => {
      const html = render(`Intro\n\n${payload}\n`);
      // Escaped text such as "&lt;img onerror=…&gt;" is inert; what matters is real tags and attributes.
      for (const [, tag, attributes] of html.matchAll(/<([a-zA-Z][^\s>/]*)([^>]*)>/g)) {
        expect(SAFE_TAGS, html).toContain(tag.toLowerCase());
        for (const [, name, value] of attributes.matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) {
          expect(["href", "class", "rel", "title"], html).toContain(name.toLowerCase());
          if (name === "href") expect(value, html).toMatch(/^(https?:|mailto:|#|\/)/i);
        }
      }
    });
  }

  it("keeps ordinary formatting and safe links", () => {
    const html = render("## Title\n\n**bold** and [OHCHR](https://www.ohchr.org/en) and [mail](mailto:a@b.org)\n\n- one\n- two\n");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('<a href="https://www.ohchr.org/en" rel="noopener noreferrer">OHCHR</a>');
    expect(html).toContain('href="mailto:a@b.org"');
    expect(html).toContain("<li>one</li>");
  });

  it("renders the five lesson blocks with a heading and an optional title", () => {
    const html = render("::: case-study Gwangju\nText\n:::\n\n::: action\nDo it\n:::\n");
    expect(html).toContain('<div class="block block--case-study"><p class="block__title">T:case-study: Gwangju</p>');
    expect(html).toContain('<div class="block block--action"><p class="block__title">T:action</p>');
  });

  it("demotes # headings below the lesson title", () => {
    expect(render("# Big")).toContain("<h2>Big</h2>");
  });

  it("counts words in every script", () => {
    expect(countWords("Human rights begin at home.")).toBe(5);
    expect(countWords("人权从家里开始")).toBe(4);
    expect(countWords("::: key-points\n- one two\n:::")).toBe(2);
  });
});
