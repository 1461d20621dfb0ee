import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import * as fontkit from "fontkit";
import { desubroutinizeSubset } from "./cff-subset.server";
import { bundledFontFile, getFont } from "./fonts.server";
import { fastTrueTypeSubset } from "./ttf-subset.server";

type Outline = { path: { toSVG(): string }; advanceWidth: number };
type Subset = { includeGlyph(id: number): number; encode(): Uint8Array };
type Subsettable = fontkit.Font & { createSubset(): Subset; getGlyph(id: number): Outline };

// Our subset writers (cff-subset.server.ts, ttf-subset.server.ts) must draw exactly the glyphs of the
// original fonts. The shipped fonts come with npm ci (fonts.server.ts), so these tests always run; a
// missing font fails them with fonts.server's message naming the package.
describe("TrueType subsets written from raw glyph records", () => {
  const samples = {
    sans: "Certificate Été Ñandú Ольга Петрова ǅ ﬁ 0123456789 «»—",
    arabic: "شهادة إتمام أمينة حداد لله ٠١٢٣ ﴾﴿",
    // Noto Sans SC is a glyf (TrueType) font, so it takes this path too
    cjk: "面向地方政府的基于人权的规划市政规划中基于人权的方法李伟证书完成课程，。「」（）あいうアイウ",
  } as const;
  for (const face of ["sans", "arabic", "cjk"] as const) {
    it(`${face} (the shipped ${bundledFontFile(face, "regular").split("/").pop()}): same outlines and advance widths, composite glyphs included`, () => {
      const font = fontkit.create(readFileSync(bundledFontFile(face, "regular"))) as Subsettable;
      expect(font.directory.tables, "a glyf font").toHaveProperty("glyf");
      const ids = [...new Set((font.layout(samples[face], []).glyphs as unknown as { id: number }[]).map((g) => g.id))];
      expect(ids).not.toContain(0); // every sample character is in the font
      // plus a spread of glyph ids across the whole font
      const step = Math.max(37, Math.floor(font.numGlyphs / 80));
      for (let gid = 1; gid < font.numGlyphs; gid += step) ids.push(gid);
      const subset = font.createSubset();
      fastTrueTypeSubset(subset as unknown as Parameters<typeof fastTrueTypeSubset>[0]);
      const mapping = ids.map((id) => [id, subset.includeGlyph(id)] as const);
      const bytes = subset.encode();
      if (face === "cjk") expect(bytes.length).toBeLessThan(200_000); // the 10 MB font is really subset
      const reread = fontkit.create(Buffer.from(bytes)) as unknown as Subsettable;
      for (const [from, to] of mapping) {
        expect(reread.getGlyph(to).path.toSVG(), `glyph ${from}`).toBe(font.getGlyph(from).path.toSVG());
        expect(reread.getGlyph(to).advanceWidth, `advance of ${from}`).toBe(font.getGlyph(from).advanceWidth);
      }
    });
  }
});

// The shipped fonts are all TrueType; the CFF subsetter serves fonts given with CERT_FONT_* (e.g.
// Debian's Noto Sans CJK, CFF with ~45,000 subroutines). It is checked on a subroutinized CFF font
// that npm ci brings (Source Code Pro, a devDependency), and also on CERT_FONT_CJK when that is a CFF font.
describe("CFF subsets without subroutines", () => {
  const sourceCodePro = createRequire(import.meta.url).resolve("source-code-pro/OTF/SourceCodePro-Regular.otf");

  function checkCff(font: Subsettable, text: string, maxBytes: number) {
    expect(font.directory.tables, "a CFF font").toHaveProperty("CFF ");
    const cff = (font as unknown as { "CFF ": { globalSubrIndex?: unknown[]; topDict: { Private?: { Subrs?: unknown[] } } } })["CFF "];
    const subroutines = (cff.globalSubrIndex?.length ?? 0) + (cff.topDict.Private?.Subrs?.length ?? 0);
    expect(subroutines, "the font uses subroutines (what the flattener removes)").toBeGreaterThan(0);
    const glyphs = font.layout(text, []).glyphs as unknown as { id: number }[];
    const ids = [...new Set(glyphs.map((g) => g.id))];
    expect(ids).not.toContain(0);
    const step = Math.max(37, Math.floor(font.numGlyphs / 65));
    for (let gid = 1; gid < font.numGlyphs; gid += step) ids.push(gid);
    const subset = font.createSubset() as Subset & Parameters<typeof desubroutinizeSubset>[0];
    desubroutinizeSubset(subset);
    const mapping = ids.map((id) => [id, subset.includeGlyph(id)] as const);
    const bytes = subset.encode();
    expect(bytes.length).toBeLessThan(maxBytes);
    // an OpenType wrapper around the bare CFF table, so that fontkit can read it back
    const reread = fontkit.create(wrapCff(Buffer.from(bytes))) as unknown as Subsettable;
    for (const [from, to] of mapping) {
      expect(reread.getGlyph(to).path.toSVG(), `glyph ${from}`).toBe(font.getGlyph(from).path.toSVG());
    }
    // no subroutines were written: the charstrings were flattened
    expect((subset as unknown as { gsubrs: unknown[] }).gsubrs).toEqual([]);
  }

  it("Source Code Pro (subroutinized CFF): every subset glyph has the original outline", () => {
    const font = fontkit.create(readFileSync(sourceCodePro)) as Subsettable;
    checkCff(font, "Certificate Été Ñandú Ольга Петрова 0123456789 «»—{}[]", 60_000);
  });

  const cjkOverride = process.env.CERT_FONT_CJK;
  it.skipIf(!cjkOverride || !("CFF " in getFont("cjk", "regular").directory.tables))(
    "CERT_FONT_CJK, when it names a CFF CJK font (optional override, e.g. Debian's Noto Sans CJK): same outlines, small subset",
    () => {
      checkCff(getFont("cjk", "regular") as Subsettable, "面向地方政府的基于人权的规划李伟證書完成課程，。「」（）あいうアイウ한국어", 60_000);
    },
  );
});

/** A minimal OTTO font file holding one CFF table (enough for fontkit to parse charstrings). */
function wrapCff(cff: Buffer): Buffer {
  const tables: [string, Buffer][] = [["CFF ", cff]];
  const header = Buffer.alloc(12 + 16 * tables.length);
  header.write("OTTO", 0, "latin1");
  header.writeUInt16BE(tables.length, 4);
  let offset = header.length;
  const bodies: Buffer[] = [];
  tables.forEach(([tag, data], i) => {
    const entry = 12 + 16 * i;
    header.write(tag, entry, "latin1");
    header.writeUInt32BE(offset, entry + 8);
    header.writeUInt32BE(data.length, entry + 12);
    const padded = Buffer.concat([data, Buffer.alloc((4 - (data.length % 4)) % 4)]);
    bodies.push(padded);
    offset += padded.length;
  });
  return Buffer.concat([header, ...bodies]);
}
