// Proves that certificate PDFs need no font from the operating system: renders an Arabic and a Chinese
// certificate with the real PDF code (app/certificates/pdf.server.ts) and checks, with pdfjs-dist,
// that each names its learner and embeds only the fonts npm ci brings.
// Run it with the system's fonts out of sight, as .ci/run does (as root):
//   unshare -m sh -c 'mount -t tmpfs none /usr/share/fonts && npx tsx scripts/check-fonts-isolated.ts'
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { bundledFontFile, fontFile, type Face, type Weight } from "~/certificates/fonts.server";
import { renderCertificatePdf } from "~/certificates/pdf.server";
import { getFixedT } from "~/i18n/i18next.server";
import type { Locale } from "~/i18n/config";
import { pdfFonts, pdfText } from "../tests/pdf";

function fontFilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const file = path.join(dir, entry);
    if (statSync(file).isDirectory()) found.push(...fontFilesUnder(file));
    else if (/\.(ttf|otf|ttc|woff2?)$/i.test(entry)) found.push(file);
  }
  return found;
}

const failures: string[] = [];
const systemFonts = fontFilesUnder("/usr/share/fonts");
if (systemFonts.length) {
  failures.push(
    `/usr/share/fonts holds ${systemFonts.length} font files (e.g. ${systemFonts[0]}): run this check with them hidden, ` +
      `as root: unshare -m sh -c 'mount -t tmpfs none /usr/share/fonts && npx tsx scripts/check-fonts-isolated.ts'`,
  );
}
for (const name of Object.keys(process.env)) if (name === "CERT_FONTS_DIR" || name.startsWith("CERT_FONT_")) delete process.env[name];
for (const face of ["sans", "arabic", "cjk"] as Face[]) {
  for (const weight of ["regular", "bold"] as Weight[]) {
    if (fontFile(face, weight) !== bundledFontFile(face, weight)) failures.push(`${face}-${weight} does not come from node_modules`);
  }
}

const cases: { locale: Locale; learner: string; course: string; expect: string[] }[] = [
  { locale: "ar", learner: "أمينة حداد", course: "التخطيط القائم على حقوق الإنسان للحكومات المحلية", expect: ["شهادة إتمام"] },
  { locale: "zh", learner: "李伟", course: "面向地方政府的基于人权的规划", expect: ["结业证书", "面向地方政府的基于人权的规划"] },
];
for (const { locale, learner, course, expect } of cases) {
  const t = await getFixedT(locale, ["certificates", "common"]);
  const id = "01JD8V7ZQK3M4N5P6R7S8T9VWX";
  const pdf = await renderCertificatePdf(
    {
      id,
      holderName: learner,
      courseTitle: course,
      courseVersion: 1,
      issuerName: "Demo Academy for Local Human Rights",
      issuedAt: new Date(Date.UTC(2026, 11, 6)),
      expiresAt: null,
      state: "valid",
      verifyUrl: `http://localhost/verify/${id}`,
      platformName: t("common:appName"),
    },
    locale,
    t,
  );
  const text = await pdfText(pdf);
  for (const wanted of [learner, id, ...expect]) {
    if (!text.includes(wanted)) failures.push(`${locale}: the PDF's text does not contain "${wanted}"`);
  }
  const fonts = pdfFonts(pdf);
  for (const font of fonts) if (!font.embedded) failures.push(`${locale}: font ${font.name} is not embedded`);
  console.log(`${locale}: ${pdf.length} bytes, names ${learner}, fonts ${fonts.map((f) => f.name).join(", ")}`);
}

if (failures.length) {
  console.error(failures.map((f) => `FAILED: ${f}`).join("\n"));
  process.exit(1);
}
console.log("Certificate PDFs in Arabic and Chinese are issued with the fonts from npm alone (no system font).");
