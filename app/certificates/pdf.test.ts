// The certificate PDF as assistive technology and archives see it (docs/certificates.md, "The PDF"):
// read back with PDF.js (pdfjs-dist), not with the library that wrote it.
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/i18n/i18next.server";
import type { Locale } from "~/i18n/config";
import { pdfAccessibility, pdfFonts, pdfMarkedContentTags, structElements } from "../../tests/pdf";
import { renderCertificatePdf, type PdfInput } from "./pdf.server";

const input = (over: Partial<PdfInput> = {}): PdfInput => ({
  id: "abcdefghijklmnopqrstuvwxyz",
  holderName: "Amina Haddad",
  courseTitle: "Human rights in ten minutes",
  courseVersion: 3,
  issuerName: "Demo Academy",
  issuedAt: new Date("2026-11-20T10:00:00Z"),
  expiresAt: new Date("2028-11-20T10:00:00Z"),
  state: "valid",
  verifyUrl: "https://learn.example.org/verify/abcdefghijklmnopqrstuvwxyz",
  platformName: "Rights Academy",
  ...over,
});

async function render(locale: Locale, over: Partial<PdfInput> = {}) {
  const t = await getFixedT(locale, ["certificates", "common"]);
  return renderCertificatePdf(input(over), locale, t);
}

describe("tagged certificate PDF", () => {
  it("is a tagged PDF 1.7 in the certificate's language, Document > H1/P/Figure, with its title shown and XMP metadata (PDF/A-3b)", async () => {
    const pdf = await render("fr");
    expect(pdf.subarray(0, 8).toString("latin1")).toBe("%PDF-1.7");
    const a11y = await pdfAccessibility(pdf);
    expect(a11y.markInfo?.Marked).toBe(true);
    const source = pdf.toString("latin1");
    expect(source).toMatch(/\/Lang \(fr\)/);
    expect(source).toMatch(/\/DisplayDocTitle true/);
    const t = await getFixedT("fr", ["certificates", "common"]);
    expect(a11y.info.Title).toBe(t("certificates:pdf.documentTitle", { course: "Human rights in ten minutes" }));

    const tree = a11y.tree!;
    expect(tree.role).toBe("Root");
    const roles = structElements(tree).map((n) => n.role);
    expect(roles[1]).toBe("Document");
    expect(roles.filter((r) => r === "H1")).toHaveLength(1);
    expect(roles).toContain("Figure");
    expect(roles.filter((r) => r === "P").length).toBeGreaterThanOrEqual(8);
    const elements = structElements(tree);
    const h1 = elements.find((n) => n.role === "H1")!;
    expect(h1.alt).toBe(t("certificates:pdf.title"));
    expect(elements.find((n) => n.role === "Figure")!.alt).toContain("https://learn.example.org/verify/abcdefghijklmnopqrstuvwxyz");
    // every line is there as written, the holder's name included
    expect(elements.map((n) => n.alt)).toContain("Amina Haddad");

    // XMP: the PDF/A identification and the title
    expect(a11y.rawXmp).toMatch(/<pdfaid:part>3<\/pdfaid:part>/);
    expect(a11y.rawXmp).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(a11y.rawXmp).toContain("Human rights in ten minutes");
    // the frame is an artifact, outside the structure; everything else is marked as structure content
    const tags = await pdfMarkedContentTags(pdf);
    expect(tags[0]).toBe("Artifact");
    expect(tags.filter((t) => t === "Artifact")).toHaveLength(1);
    expect(new Set(tags)).toEqual(new Set(["Artifact", "H1", "P", "Figure"]));
  });

  it("copies Arabic lines that mix Arabic with digits and Latin text out in logical order", async () => {
    const courseTitle = "حقوق الإنسان في 10 دقائق (HRBA)";
    const holderName = "أمينة حداد Amina";
    const pdf = await render("ar", { courseTitle, holderName, courseVersion: 12 });
    const a11y = await pdfAccessibility(pdf);
    const lines = structElements(a11y.tree).map((n) => n.alt);
    // the structure's ActualText: each line exactly as written
    expect(lines).toContain(courseTitle);
    expect(lines).toContain(holderName);
    const certificateIdLine = lines.find((l) => l?.includes("abcdefghijklmnopqrstuvwxyz") && !l.includes("https"));
    expect(certificateIdLine).toBeTruthy();
    // the drawn text itself (what a reader ignoring ActualText extracts): pieces in reading order
    const text = a11y.items.join("");
    // (letter by letter, PDF.js's own reading of ligatures and mirrored brackets differs from the text:
    // that is what the ActualText above is for; the order of the pieces is checked here)
    const titleStart = text.indexOf("حقوق");
    expect(titleStart).toBeGreaterThanOrEqual(0);
    expect(text.indexOf("10", titleStart)).toBeGreaterThan(titleStart);
    expect(text.indexOf("HRBA", titleStart)).toBeGreaterThan(text.indexOf("10", titleStart));
    expect(text.indexOf("أمينة")).toBeLessThan(text.indexOf("Amina"));
  });

  it("gives every font subset its own tag: within a file, and between two certificates", async () => {
    const names = (pdf: Buffer) => pdfFonts(pdf).map((f) => f.name).filter((n) => n.includes("+"));
    const one = names(await render("ar", { holderName: "أمينة حداد Amina 李伟" }));
    const other = names(await render("ar", { id: "zyxwvutsrqponmlkjihgfedcba", holderName: "أمينة حداد Amina 李伟" }));
    expect(one.length).toBeGreaterThanOrEqual(3);
    for (const list of [one, other]) {
      const tags = list.map((n) => n.split("+")[0]);
      expect(new Set(tags).size).toBe(tags.length);
      for (const tag of tags) expect(tag).toMatch(/^[A-Z]{6}$/);
    }
    const tagsOf = (list: string[]) => new Set(list.map((n) => n.split("+")[0]));
    const shared = [...tagsOf(one)].filter((tag) => tagsOf(other).has(tag));
    expect(shared).toEqual([]);
    // the same certificate in the same language keeps its names (a reproducible file)
    expect(names(await render("ar", { holderName: "أمينة حداد Amina 李伟" }))).toEqual(one);
  });
});
