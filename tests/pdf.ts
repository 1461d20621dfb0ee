// Reading PDFs in tests with npm packages only (no poppler): text with pdfjs-dist (Mozilla's PDF.js,
// its legacy build for Node.js), pictures of a page with pdfjs-dist drawing on @napi-rs/canvas (the
// canvas pdfjs-dist itself installs for Node.js), and the font list from the PDF's own objects.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
// the fonts PDF.js substitutes for non-embedded standard fonts (none in our PDFs, but it asks)
const standardFontDataUrl = pathToFileURL(path.join(path.dirname(require.resolve("pdfjs-dist/package.json")), "standard_fonts") + path.sep).href;

async function open(pdf: Uint8Array) {
  // pdfjs takes ownership of (and detaches) the buffer it is given: hand it a copy
  return getDocument({ data: new Uint8Array(pdf), standardFontDataUrl, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
}

/** The text of every page, items joined with spaces and pages with newlines (in the PDF's drawing order). */
export async function pdfText(pdf: Uint8Array): Promise<string> {
  const document = await open(pdf);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= document.numPages; n++) {
      const content = await (await document.getPage(n)).getTextContent();
      pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
    }
    return pages.join("\n");
  } finally {
    await document.destroy();
  }
}

/**
 * The font names in the PDF (e.g. "ABCDEF+NotoSans-Regular") and whether each has its font file
 * embedded. pdfkit writes font dictionaries uncompressed, so they are read from the bytes directly.
 */
export function pdfFonts(pdf: Uint8Array): { name: string; embedded: boolean }[] {
  const source = Buffer.from(pdf).toString("latin1");
  const descriptors = [...source.matchAll(/\/Type\s*\/FontDescriptor([\s\S]*?)>>/g)].map((m) => m[1]);
  return [...new Set([...source.matchAll(/\/BaseFont\s*\/([^\s/<>[\]()]+)/g)].map((m) => m[1]))].map((name) => ({
    name,
    embedded: descriptors.some((d) => d.includes(`/FontName /${name}`) && /\/FontFile[23]?\s/.test(d)),
  }));
}

/** Page 1 drawn at `scale` (1 = 72 dpi): a PNG for people, and the share of dark pixels for tests. */
export async function renderFirstPage(pdf: Uint8Array, scale: number): Promise<{ width: number; height: number; png: Buffer; darkShare: number }> {
  let canvasModule: typeof import("@napi-rs/canvas");
  try {
    canvasModule = await import("@napi-rs/canvas");
  } catch (error) {
    throw new Error(`Rendering a PDF page needs the npm package @napi-rs/canvas (pdfjs-dist's optional dependency): run npm ci. ${error}`);
  }
  const document = await open(pdf);
  try {
    const page = await document.getPage(1);
    const viewport = page.getViewport({ scale });
    const canvas = canvasModule.createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
    const context = canvas.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, canvasContext: context as unknown as CanvasRenderingContext2D, viewport })
      .promise;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) if (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] < 128) dark++;
    return { width: canvas.width, height: canvas.height, png: canvas.toBuffer("image/png"), darkShare: dark / (data.length / 4) };
  } finally {
    await document.destroy();
  }
}

export type StructNode = { role: string; alt?: string; lang?: string; children: StructNode[] };

/**
 * What an assistive technology reads: the document catalogue's MarkInfo and Lang, page 1's structure
 * tree (PDF.js reports a structure element's ActualText as `alt` when it has no Alt), and the metadata.
 */
export async function pdfAccessibility(pdf: Uint8Array) {
  const document = await open(pdf);
  try {
    const page = await document.getPage(1);
    const tree = (await page.getStructTree()) as unknown as StructNode | null;
    const markInfo = await document.getMarkInfo();
    const meta = await document.getMetadata();
    const content = await page.getTextContent();
    return {
      markInfo,
      tree,
      info: meta.info as Record<string, unknown>,
      rawXmp: meta.metadata?.getRaw() ?? null,
      items: content.items.map((item) => ("str" in item ? item.str : "")).filter((s) => s.trim()),
    };
  } finally {
    await document.destroy();
  }
}

/** The structure elements of a tree, depth first, without the marked-content leaves. */
export function structElements(node: StructNode | null): StructNode[] {
  if (!node) return [];
  const kids = (node.children ?? []).filter((c) => c && typeof c === "object" && "role" in c);
  return [node, ...kids.flatMap(structElements)];
}

/** The tags of page 1's marked-content sequences (BMC/BDC), in content-stream order: "P", "Artifact"… */
export async function pdfMarkedContentTags(pdf: Uint8Array): Promise<string[]> {
  const document = await open(pdf);
  try {
    const ops = await (await document.getPage(1)).getOperatorList();
    const tags: string[] = [];
    ops.fnArray.forEach((fn, i) => {
      if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
        const tag = (ops.argsArray[i] as unknown[])[0] as string | { name: string };
        tags.push(typeof tag === "string" ? tag : tag.name);
      }
    });
    return tags;
  } finally {
    await document.destroy();
  }
}
