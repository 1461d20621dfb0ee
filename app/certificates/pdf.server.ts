// The certificate as a PDF (A4 landscape), in any of the six languages, drawn from the stored record.
// The PDF is a convenience copy: the QR code and the printed URL lead to the verification page,
// which is the truth (a PDF is easy to edit).
import PDFDocument from "pdfkit";
import QRCode from "qrcode";
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

type Doc = InstanceType<typeof PDFDocument>;

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

/** Draws one line with its baseline at y; "start"/"end" follow the text direction. */
function drawLine(doc: Doc, text: string, y: number, style: TextStyle & { color: string; align: Align; left: number; right: number }) {
  const line = layoutLine(text, style);
  const span = style.right - style.left;
  const physical = style.align === "center" ? "center" : (style.align === "start") === (style.direction === "ltr") ? "left" : "right";
  let x = physical === "left" ? style.left : physical === "right" ? style.right - line.width : style.left + (span - line.width) / 2;
  doc.fillColor(style.color);
  for (const chunk of line.chunks) {
    const fauxBold = chunk.face === "cjk" && style.weight === "bold";
    if (fauxBold) doc.lineWidth(style.size * 0.035).strokeColor(style.color);
    doc
      .font(`${chunk.face}-${style.weight}`)
      .fontSize(style.size)
      // features: [] makes pdfkit lay the chunk out as one run (its default splits at spaces and would
      // put Arabic words in left-to-right order)
      .text(chunk.text, x, y, { lineBreak: false, baseline: "alphabetic", features: [] as never, fill: true, stroke: fauxBold });
    x += chunk.width;
  }
  return line.width;
}

/** The largest size (down to min) at which the text fits on one line. */
function fitSize(text: string, style: TextStyle, maxWidth: number, min: number): number {
  let size = style.size;
  while (size > min && layoutLine(text, { ...style, size }).width > maxWidth) size -= 1;
  return size;
}

function drawQr(doc: Doc, text: string, x: number, y: number, size: number) {
  const qr = QRCode.create(text, { errorCorrectionLevel: "M" });
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
  const dir = direction(locale);
  const doc = new PDFDocument({
    size: "A4",
    layout: "landscape",
    margin: 0,
    lang: locale,
    displayTitle: true,
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

  const { width: W, height: H } = PAGE;
  doc.lineWidth(3).strokeColor(BRAND).rect(22, 22, W - 44, H - 44).stroke();
  doc.lineWidth(0.8).rect(30, 30, W - 60, H - 60).stroke();

  const left = 70;
  const right = W - 70;
  const base = { direction: dir, left, right, align: "center" as Align };
  const fmt = (d: Date) => formatDate(d, locale);

  drawLine(doc, input.platformName, 78, { ...base, size: 12, weight: "regular", color: MUTED });
  drawLine(doc, t("certificates:pdf.title"), 128, { ...base, size: 30, weight: "bold", color: BRAND });
  if (input.state !== "valid") {
    drawLine(doc, t(`certificates:state.${input.state}`), 158, { ...base, size: 16, weight: "bold", color: BAD });
  }
  drawLine(doc, t("certificates:pdf.certifies"), 190, { ...base, size: 13, weight: "regular", color: INK });
  const nameStyle = { ...base, size: 28, weight: "bold" as Weight, color: INK };
  drawLine(doc, input.holderName, 232, { ...nameStyle, size: fitSize(input.holderName, nameStyle, right - left, 14) });
  drawLine(doc, t("certificates:pdf.completed"), 266, { ...base, size: 13, weight: "regular", color: INK });
  const titleStyle = { ...base, size: 19, weight: "bold" as Weight, color: BRAND };
  const titleLines = wrap(input.courseTitle, titleStyle, right - left).slice(0, 3);
  let y = 298;
  for (const line of titleLines) {
    drawLine(doc, line, y, titleStyle);
    y += 25;
  }
  drawLine(doc, t("certificates:pdf.offeredBy", { academy: input.issuerName, version: input.courseVersion }), y + 2, {
    ...base,
    size: 12,
    weight: "regular",
    color: MUTED,
  });

  // details at the bottom, on the reading side; the QR code on the other side
  const qrSize = 112;
  const qrX = dir === "ltr" ? W - 60 - qrSize : 60;
  const qrY = H - 60 - qrSize;
  drawQr(doc, input.verifyUrl, qrX, qrY, qrSize);
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
    drawLine(doc, line, dy, { direction: dir, left: detailLeft, right: detailRight, align: "start", size: 11, weight: "regular", color: INK });
    dy += 18;
  }
  drawLine(doc, t("certificates:pdf.note"), H - 44, {
    direction: dir,
    left: detailLeft,
    right: detailRight,
    align: "start",
    size: 8.5,
    weight: "regular",
    color: MUTED,
  });
  doc.end();
  return done;
}
