import { describe, expect, it } from "vitest";
import * as fontkit from "fontkit";
import { getFont } from "./fonts.server";

type Outline = { path: { toSVG(): string }; advanceWidth: number };
type Subsettable = { createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array }; getGlyph(id: number): Outline };

// Our subset writers (cff-subset.server.ts, ttf-subset.server.ts) must draw exactly the glyphs of the
// original fonts.
describe("TrueType subsets written from raw glyph records", () => {
  for (const face of ["sans", "arabic"] as const) {
    it(`${face}: same outlines and advance widths, composite glyphs included`, () => {
      let font: Subsettable & fontkit.Font;
      try {
        font = getFont(face, "regular") as Subsettable & fontkit.Font;
      } catch {
        return;
      }
      const text = face === "sans" ? "Certificate Été Ñandú Ольга Петрова ǅ ﬁ 0123456789 «»—" : "شهادة إتمام أمينة حداد لله ﷲ ٠١٢٣";
      const ids = [...new Set((font.layout(text, []).glyphs as unknown as { id: number }[]).map((g) => g.id))];
      for (let gid = 1; gid < 3000; gid += 37) ids.push(gid);
      const subset = font.createSubset();
      const mapping = ids.map((id) => [id, subset.includeGlyph(id)] as const);
      const reread = fontkit.create(Buffer.from(subset.encode())) as unknown as Subsettable;
      for (const [from, to] of mapping) {
        expect(reread.getGlyph(to).path.toSVG(), `glyph ${from}`).toBe(font.getGlyph(from).path.toSVG());
        expect(reread.getGlyph(to).advanceWidth, `advance of ${from}`).toBe(font.getGlyph(from).advanceWidth);
      }
    });
  }
});

describe("CJK font subsets without subroutines", () => {
  it("every subset glyph has the original outline, and the subset is small", () => {
    let font: fontkit.Font;
    try {
      font = getFont("cjk", "regular");
    } catch {
      return; // no CJK font on this machine (the PDF tests say so loudly)
    }
    const text = "面向地方政府的基于人权的规划市政规划中基于人权的方法李伟證書完成課程，。「」（）あいうアイウ한국어";
    const glyphs = font.layout(text, []).glyphs as unknown as { id: number }[];
    const ids = [...new Set(glyphs.map((g) => g.id))];
    // plus a spread of glyph ids across the whole font
    for (let gid = 1; gid < 65000; gid += 997) ids.push(gid);
    const subset = (font as unknown as { createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array } }).createSubset();
    const mapping = ids.map((id) => [id, subset.includeGlyph(id)] as const);
    const bytes = subset.encode();
    expect(bytes.length).toBeLessThan(60_000);
    // an OpenType wrapper around the bare CFF table, so that fontkit can read it back
    const cff = Buffer.from(bytes);
    const reread = fontkit.create(wrapCff(cff)) as fontkit.Font & { getGlyph(id: number): { path: { toSVG(): string } } };
    const original = font as unknown as { getGlyph(id: number): { path: { toSVG(): string } } };
    for (const [from, to] of mapping) {
      expect(reread.getGlyph(to).path.toSVG(), `glyph ${from}`).toBe(original.getGlyph(from).path.toSVG());
    }
  });
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
