// The certificate as a PDF (A4 landscape), in any of the six languages, drawn from the stored record.
// The PDF is a convenience copy: the QR code and the printed URL lead to the verification page,
// which is the truth (a PDF is easy to edit).
//
// Accessible and archivable (docs/certificates.md, "The PDF"): a tagged PDF 1.7 (structure tree
// Document > H1 / P / Figure, the frame marked as an artifact, the QR code a figure with its
// alternative text), the document language and title, XMP metadata, PDF/A-3b. Each line's structure
// element carries the line as written (ActualText), and its pieces are drawn in reading order, so an
// Arabic line holding digits or Latin text copies out in logical order although it is laid out in
// visual order. Font subsets get tags (the "ABCDEF+" of "ABCDEF+NotoSans-Regular") derived from the
// certificate, the language and the font, so two different subsets never share a name.
import { createHash } from "node:crypto";
import type PDFDocumentClass from "pdfkit";
import type { QRCode as QrSymbol } from "qrcode";
import type { TFunction } from "i18next";
import { direction, type Locale } from "~/i18n/config";
import { getFont, type Face, type Weight } from "./fonts.server";
import { layoutLine, wrap, type TextStyle } from "./text-layout.server";
import type { CertificateState } from "./status";

export type PdfInput = {
  id: string;
  holderName: string;
  courseTitle: string;
  courseVersion: number;
  issuerName: string;
  issuedAt: Date;
  expiresAt: Date | null;
  state: CertificateState;
  verifyUrl: string;
  platformName: string;
};

const PAGE = { width: 841.89, height: 595.28 }; // A4 landscape, points
const BRAND = "#0b5394";
const INK = "#1b1f24";
const MUTED = "#4a5562";
const BAD = "#a4161a";

type Doc = InstanceType<typeof PDFDocumentClass>;
type Struct = ReturnType<Doc["struct"]>;

/** What pdfkit's embedded fonts expose to us (its EmbeddedFont; not in @types/pdfkit). */
type EmbeddedFont = { id: string; name?: string; embed(): void };

/**
 * pdfkit derives a subset's tag from the font's resource name ("F1" → "BAAAAA"), so every PDF it makes
 * names different subsets alike. The tag here is six letters from a hash of `seed` and the font: the
 * same subset of the same certificate keeps its name, two different ones (in one file or two) differ.
 */
function uniqueSubsetTags(doc: Doc, seed: string) {
  const fonts = new Set(Object.values((doc as unknown as { _fontFamilies: Record<string, EmbeddedFont> })._fontFamilies));
  const used = new Set<string>();
  for (const font of fonts) {
    let tag = "";
    for (let salt = 0; !tag || used.has(tag); salt++) {
      const digest = createHash("sha256").update(`${seed}:${font.id}:${font.name ?? ""}:${salt}`).digest();
      tag = Array.from(digest.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join("");
    }
    used.add(tag);
    const embed = font.embed;
    font.embed = function (this: EmbeddedFont) {
      // pdfkit computes the tag from characters 1–6 of the id (each plus 17): give it an id that spells
      // our tag while it embeds, and the real one back (the pages already refer to it)
      const id = this.id;
      this.id = `F${Array.from(tag, (c) => String.fromCharCode(c.charCodeAt(0) - 17)).join("")}`;
      try {
        embed.call(this);
      } finally {
        this.id = id;
      }
    };
  }
}

function registerFonts(doc: Doc) {
  // fontkit objects parsed once per process (fonts.server.ts); pdfkit keeps a subset per document
  for (const face of ["sans", "arabic", "cjk"] as Face[]) {
    for (const weight of ["regular", "bold"] as Weight[]) {
      doc.registerFont(`${face}-${weight}`, getFont(face, weight) as unknown as string);
    }
  }
}

// Dates as on the web pages (app/i18n/format.ts: long style, UTC); formatters are costly to create.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatDate(date: Date, locale: Locale) {
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { timeZone: "UTC", dateStyle: "long" })));
  return format.format(date);
}

type Align = "start" | "center" | "end";

type LineStyle = TextStyle & { color: string; align: Align; left: number; right: number; role?: "H1" | "P" };

/**
 * Draws one line with its baseline at y, as one structure element (H1 or P) of `parent`, whose
 * ActualText is the line as written; "start"/"end" follow the text direction.
 */
function drawLine(doc: Doc, parent: Struct, text: string, y: number, style: LineStyle) {
  const line = layoutLine(text, style);
  const span = style.right - style.left;
  const physical = style.align === "center" ? "center" : (style.align === "start") === (style.direction === "ltr") ? "left" : "right";
  let x = physical === "left" ? style.left : physical === "right" ? style.right - line.width : style.left + (span - line.width) / 2;
  // positions from the visual order; drawing in the reading order (see the top of the file)
  const placed = line.chunks.map((chunk) => {
    const at = x;
    x += chunk.width;
    return { chunk, x: at };
  });
  placed.sort((a, b) => a.chunk.start - b.chunk.start);
  parent.add(
    doc.struct(style.role ?? "P", { actual: text }, () => {
      doc.fillColor(style.color);
      for (const { chunk, x: at } of placed) {
        const fauxBold = chunk.face === "cjk" && style.weight === "bold";
        if (fauxBold) doc.lineWidth(style.size * 0.035).strokeColor(style.color);
        doc
          .font(`${chunk.face}-${style.weight}`)
          .fontSize(style.size)
          // features: [] makes pdfkit lay the chunk out as one run (its default splits at spaces and would
          // put Arabic words in left-to-right order)
          .text(chunk.text, at, y, { lineBreak: false, baseline: "alphabetic", features: [] as never, fill: true, stroke: fauxBold });
      }
    }),
  );
  return line.width;
}

/** Decoration that is not content (the frame): marked as an artifact, outside the structure tree. */
function artifact(doc: Doc, draw: () => void) {
  doc.markContent("Artifact", { type: "Layout" } as never);
  draw();
  doc.endMarkedContent();
}

/** The largest size (down to min) at which the text fits on one line. */
function fitSize(text: string, style: TextStyle, maxWidth: number, min: number): number {
  let size = style.size;
  while (size > min && layoutLine(text, { ...style, size }).width > maxWidth) size -= 1;
  return size;
}

function drawQr(doc: Doc, qr: QrSymbol, x: number, y: number, size: number) {
  const count = qr.modules.size;
  const quiet = 2;
  const cell = size / (count + quiet * 2);
  doc.rect(x, y, size, size).fill("#ffffff");
  // one path of row runs: far fewer operators than a square per module
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      doc.rect(x + (quiet + start) * cell, y + (quiet + row) * cell, (col - start) * cell + 0.01, cell + 0.01);
    }
  }
  doc.fill("#000000");
}

export async function renderCertificatePdf(input: PdfInput, locale: Locale, t: TFunction): Promise<Buffer> {
  // Loaded at the first certificate, not when the server starts: the PDF libraries weigh ~13 MB of a
  // process's memory that no page needs (docs/performance.md, "Memory").
  const [{ default: PDFDocument }, { default: QRCode }] = await Promise.all([import("pdfkit"), import("qrcode")]);
  const dir = direction(locale);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: locale,
    displayTitle: true,
    tagged: true,
    pdfVersion: "1.7",
    subset: "PDF/A-3b",
    info: {
      Title: t("certificates:pdf.documentTitle", { course: input.courseTitle }),
      Author: input.issuerName,
      Subject: t("certificates:pdf.subject", { name: input.holderName, course: input.courseTitle }),
      Keywords: input.id,
      Creator: input.platformName,
      CreationDate: input.issuedAt,
    },
    autoFirstPage: true,
    // no default font: pdfkit would load Helvetica's metrics for every document, and we never use it
    font: "" as never,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  registerFonts(doc);
  const root = doc.struct("Document");
  doc.addStructure(root);

  const { width: W, height: H } = PAGE;
  artifact(doc, () => {
    doc.lineWidth(3).strokeColor(BRAND).rect(22, 22, W - 44, H - 44).stroke();
    doc.lineWidth(0.8).rect(30, 30, W - 60, H - 60).stroke();
  });

  const left = 70;
  const right = W - 70;
  const base = { direction: dir, left, right, align: "center" as Align };
  const fmt = (d: Date) => formatDate(d, locale);

  drawLine(doc, root, input.platformName, 78, { ...base, size: 12, weight: "regular", color: MUTED });
  drawLine(doc, root, t("certificates:pdf.title"), 128, { ...base, size: 30, weight: "bold", color: BRAND, role: "H1" });
  if (input.state !== "valid") {
    drawLine(doc, root, t(`certificates:state.${input.state}`), 158, { ...base, size: 16, weight: "bold", color: BAD });
  }
  drawLine(doc, root, t("certificates:pdf.certifies"), 190, { ...base, size: 13, weight: "regular", color: INK });
  const nameStyle = { ...base, size: 28, weight: "bold" as Weight, color: INK };
  drawLine(doc, root, input.holderName, 232, { ...nameStyle, size: fitSize(input.holderName, nameStyle, right - left, 14) });
  drawLine(doc, root, t("certificates:pdf.completed"), 266, { ...base, size: 13, weight: "regular", color: INK });
  const titleStyle = { ...base, size: 19, weight: "bold" as Weight, color: BRAND };
  const titleLines = wrap(input.courseTitle, titleStyle, right - left).slice(0, 3);
  let y = 298;
  for (const line of titleLines) {
    drawLine(doc, root, line, y, titleStyle);
    y += 25;
  }
  drawLine(doc, root, t("certificates:pdf.offeredBy", { academy: input.issuerName, version: input.courseVersion }), y + 2, {
    ...base,
    size: 12,
    weight: "regular",
    color: MUTED,
  });

  // details at the bottom, on the reading side; the QR code on the other side
  const qrSize = 112;
  const qrX = dir === "ltr" ? W - 60 - qrSize : 60;
  const qrY = H - 60 - qrSize;
  root.add(doc.struct("Figure", { alt: t("certificates:pdf.qrAlt", { url: input.verifyUrl }) }, () => drawQr(doc, QRCode.create(input.verifyUrl, { errorCorrectionLevel: "M" }), qrX, qrY, qrSize)));
  const details = [
    t("certificates:fields.completedOn", { date: fmt(input.issuedAt) }),
    ...(input.expiresAt ? [t("certificates:fields.validUntil", { date: fmt(input.expiresAt) })] : []),
    t("certificates:fields.certificateId", { id: input.id }),
    t("certificates:pdf.verifyAt", { url: input.verifyUrl }),
  ];
  const detailLeft = dir === "ltr" ? 60 : 60 + qrSize + 24;
  const detailRight = dir === "ltr" ? W - 60 - qrSize - 24 : W - 60;
  let dy = H - 62 - (details.length - 1) * 18 - 16;
  for (const line of details) {
    drawLine(doc, root, line, dy, { direction: dir, left: detailLeft, right: detailRight, align: "start", size: 11, weight: "regular", color: INK });
    dy += 18;
  }
  drawLine(doc, root, t("certificates:pdf.note"), H - 44, {
    direction: dir,
    left: detailLeft,
    right: detailRight,
    align: "start",
    size: 8.5,
    weight: "regular",
    color: MUTED,
  });
  root.end();
  uniqueSubsetTags(doc, `${input.id}:${locale}`);
  doc.end();
  return done;
}
