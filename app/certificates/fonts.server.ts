// Fonts for certificate PDFs. Noto covers all six languages: Noto Sans (Latin, Cyrillic), Noto Naskh
// Arabic, Noto Sans SC (Simplified Chinese, with Japanese kana). They come with `npm ci` as TrueType
// files under the SIL Open Font Licence (its text in each package), so a fresh machine issues PDFs
// without any system font: Noto Sans and Noto Sans SC are Google Fonts' static files in
// @expo-google-fonts; Noto Naskh Arabic is the 1.x design in @embedpdf/fonts-arabic, whose letters
// are whole glyphs. (Google Fonts' current Arabic Noto fonts build dotted letters from a shared
// dotless skeleton plus dot glyphs; a PDF maps each glyph to one text, so the certificate's Arabic
// text, the learner's name included, would copy and search as the wrong letters.)
// CERT_FONT_* (one file each) or CERT_FONTS_DIR (a folder with the files under their usual names,
// e.g. Debian's /usr/share/fonts/truetype/noto) override them, file by file.
// Fonts are parsed once per process and shared by every PDF; pdfkit embeds only a subset of each.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type * as Fontkit from "fontkit";
import { onFirstUse, requirePackage } from "~/lazy.server";
import { desubroutinizeSubset } from "./cff-subset.server";
import { fastTrueTypeSubset } from "./ttf-subset.server";

export type Face = "sans" | "arabic" | "cjk";
export type Weight = "regular" | "bold";

type FontSpec = {
  env: string;
  /** the names this file has in font folders (CERT_FONTS_DIR), first match wins */
  names: string[];
  /** the face to take from a collection (.ttc), e.g. Debian's NotoSansCJK-Regular.ttc */
  postscriptName?: string;
  /** the npm package and the file inside it */
  bundled: { package: string; file: string };
};

const CJK: FontSpec = {
  env: "CERT_FONT_CJK",
  names: ["NotoSansSC-Regular.ttf", "NotoSansSC-Regular.otf", "NotoSansCJKsc-Regular.otf", "NotoSansCJK-Regular.ttc"],
  postscriptName: "NotoSansCJKsc-Regular",
  bundled: { package: "@expo-google-fonts/noto-sans-sc", file: "400Regular/NotoSansSC_400Regular.ttf" },
};

const SPECS: Record<Face, Record<Weight, FontSpec>> = {
  sans: {
    regular: { env: "CERT_FONT_SANS", names: ["NotoSans-Regular.ttf"], bundled: { package: "@expo-google-fonts/noto-sans", file: "400Regular/NotoSans_400Regular.ttf" } },
    bold: { env: "CERT_FONT_SANS_BOLD", names: ["NotoSans-Bold.ttf"], bundled: { package: "@expo-google-fonts/noto-sans", file: "700Bold/NotoSans_700Bold.ttf" } },
  },
  arabic: {
    regular: {
      env: "CERT_FONT_ARABIC",
      names: ["NotoNaskhArabic-Regular.ttf"],
      bundled: { package: "@embedpdf/fonts-arabic", file: "fonts/NotoNaskhArabic-Regular.ttf" },
    },
    bold: {
      env: "CERT_FONT_ARABIC_BOLD",
      names: ["NotoNaskhArabic-Bold.ttf"],
      bundled: { package: "@embedpdf/fonts-arabic", file: "fonts/NotoNaskhArabic-Bold.ttf" },
    },
  },
  // No separate bold: a CJK font is large (10 MB parsed per face) and its subset is the largest part
  // of a Chinese PDF, so bold CJK is drawn with the regular face, filled and stroked (pdf.server.ts),
  // and one CJK subset is embedded.
  cjk: { regular: CJK, bold: CJK },
};

export class MissingFontError extends Error {}

const fontkit = onFirstUse(() => requirePackage("fontkit") as typeof Fontkit); // at the first certificate

function bundledPath(spec: FontSpec): string | null {
  // the package folder as Node.js would find it (package "exports" may hide the font files from
  // require.resolve, so the folders are searched instead)
  for (const modules of requirePackage.resolve.paths(spec.bundled.package) ?? []) {
    const file = path.join(modules, spec.bundled.package, spec.bundled.file);
    if (existsSync(file)) return file;
  }
  return null;
}

function missingPackage(spec: FontSpec): MissingFontError {
  return new MissingFontError(
    `Certificate PDFs need the font ${spec.names[0]}, which comes with the npm package ${spec.bundled.package}: run npm ci` +
      ` (or set ${spec.env} to a font file, or CERT_FONTS_DIR to a folder with ${spec.names.join(" or ")}).`,
  );
}

/** The font file that npm ci brings for a face (what is used unless CERT_FONT_* / CERT_FONTS_DIR say otherwise). */
export function bundledFontFile(face: Face, weight: Weight): string {
  const spec = SPECS[face][weight];
  const found = bundledPath(spec);
  if (!found) throw missingPackage(spec);
  return found;
}

/** Where a face's font file comes from: CERT_FONT_*, then CERT_FONTS_DIR, then the npm package. */
export function fontFile(face: Face, weight: Weight): string {
  const spec = SPECS[face][weight];
  const explicit = process.env[spec.env];
  if (explicit) {
    // a variable that names a missing file is a mistake to report, not to paper over
    if (!existsSync(explicit)) throw new MissingFontError(`${spec.env} names ${explicit}, which does not exist.`);
    return explicit;
  }
  const dir = process.env.CERT_FONTS_DIR;
  const inDir = dir ? spec.names.map((name) => path.join(dir, name)).find((file) => existsSync(file)) : undefined;
  if (inDir) return inDir;
  return bundledFontFile(face, weight);
}

function open(face: Face, weight: Weight): Fontkit.Font {
  const opened = fontkit().create(readFileSync(fontFile(face, weight)));
  if ("fonts" in opened) {
    // a collection (.ttc): the wanted face, or its first one rather than fail
    const wanted = SPECS[face][weight].postscriptName;
    return opened.fonts.find((font) => font.postscriptName === wanted) ?? opened.fonts[0];
  }
  return opened;
}

type Run = { glyphs: { advanceWidth: number }[]; positions: Record<string, number>[]; direction: "ltr" | "rtl" };

/**
 * The same labels, dates and names are laid out again and again (once to measure, once by pdfkit to
 * draw, in every certificate): shaping is the largest cost of a PDF, so results are memoized per
 * font. pdfkit scales a run's positions in place, so every caller gets its own copy of them.
 */
function withLayoutCache(font: Fontkit.Font, limit = 5000): Fontkit.Font {
  const cache = new Map<string, Run>();
  const layout = (text: string, features?: string[] | Record<string, boolean>) => {
    const key = `${JSON.stringify(features ?? null)}\u0000${text}`;
    let run = cache.get(key);
    if (!run) {
      run = font.layout(text, features) as unknown as Run;
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(key, run);
    } else {
      cache.delete(key); // keep recently used entries last (a small LRU)
      cache.set(key, run);
    }
    const positions = run.positions.map((p) => ({ ...p }));
    return {
      glyphs: run.glyphs.slice(),
      positions,
      direction: run.direction,
      get advanceWidth() {
        let width = 0;
        for (const p of positions) width += p.xAdvance;
        return width;
      },
    };
  };
  const createSubset = () => {
    const subset = (font as unknown as { createSubset(): Parameters<typeof desubroutinizeSubset>[0] }).createSubset();
    if ("cff" in subset) desubroutinizeSubset(subset);
    else fastTrueTypeSubset(subset as unknown as Parameters<typeof fastTrueTypeSubset>[0]);
    return subset;
  };
  // Everything else (tables) goes to the real font object.
  return new Proxy(font, {
    get(target, property) {
      if (property === "layout") return layout;
      if (property === "createSubset") return createSubset;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

const loaded = new Map<string, Fontkit.Font>();

export function getFont(face: Face, weight: Weight): Fontkit.Font {
  const key = face === "cjk" ? "cjk-regular" : `${face}-${weight}`; // see SPECS.cjk.bold
  let font = loaded.get(key);
  if (!font) {
    font = withLayoutCache(open(face, weight));
    loaded.set(key, font);
  }
  return font;
}
