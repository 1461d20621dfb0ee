// The few parts of fontkit (no published types) that the certificate PDF uses.
declare module "fontkit" {
  export interface GlyphRun {
    advanceWidth: number;
    direction: "ltr" | "rtl";
    glyphs: unknown[];
  }
  export interface Font {
    postscriptName: string;
    numGlyphs: number;
    /** the font file's tables by tag ("glyf" for TrueType outlines, "CFF " for PostScript ones) */
    directory: { tables: Record<string, unknown> };
    unitsPerEm: number;
    ascent: number;
    descent: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    layout(text: string, features?: string[] | Record<string, boolean>): GlyphRun;
  }
  export interface FontCollection {
    fonts: Font[];
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font | FontCollection;
}
