// Fonts for certificate PDFs. Noto covers all six languages: Noto Sans (Latin, Cyrillic), Noto Naskh
// Arabic, Noto Sans CJK SC. They are taken from the operating system (Debian/Ubuntu packages
// fonts-noto-core and fonts-noto-cjk; .ci/run installs them) rather than shipped in the repository
// (the CJK font alone is 19 MB). CERT_FONTS_DIR, or one variable per file, points elsewhere.
// Fonts are parsed once per process and shared by every PDF; pdfkit embeds only a subset of each.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import * as fontkit from "fontkit";
import { desubroutinizeSubset } from "./cff-subset.server";
import { fastTrueTypeSubset } from "./ttf-subset.server";

export type Face = "sans" | "arabic" | "cjk";
export type Weight = "regular" | "bold";

type FontSpec = { env: string; file: string; postscriptName?: string; dirs: string[] };

const NOTO_TTF = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/noto", "/usr/share/fonts/google-noto"];
const NOTO_CJK = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/share/fonts/google-noto-cjk"];

const SPECS: Record<Face, Record<Weight, FontSpec>> = {
  sans: {
    regular: { env: "CERT_FONT_SANS", file: "NotoSans-Regular.ttf", dirs: NOTO_TTF },
    bold: { env: "CERT_FONT_SANS_BOLD", file: "NotoSans-Bold.ttf", dirs: NOTO_TTF },
  },
  arabic: {
    regular: { env: "CERT_FONT_ARABIC", file: "NotoNaskhArabic-Regular.ttf", dirs: NOTO_TTF },
    bold: { env: "CERT_FONT_ARABIC_BOLD", file: "NotoNaskhArabic-Bold.ttf", dirs: NOTO_TTF },
  },
  cjk: {
    // a TrueType collection: one face of it, Simplified Chinese
    regular: { env: "CERT_FONT_CJK", file: "NotoSansCJK-Regular.ttc", postscriptName: "NotoSansCJKsc-Regular", dirs: NOTO_CJK },
    // No separate bold: embedding a CJK (CFF) subset is the costliest step of a PDF, so bold CJK is
    // drawn with the regular face, filled and stroked (pdf.server.ts), and one CJK subset is embedded.
    bold: { env: "CERT_FONT_CJK", file: "NotoSansCJK-Regular.ttc", postscriptName: "NotoSansCJKsc-Regular", dirs: NOTO_CJK },
  },
};

export class MissingFontError extends Error {}

function locate(spec: FontSpec): string {
  const explicit = process.env[spec.env];
  const candidates = [
    ...(explicit ? [explicit] : []),
    ...(process.env.CERT_FONTS_DIR ? [path.join(process.env.CERT_FONTS_DIR, spec.file)] : []),
    ...spec.dirs.map((dir) => path.join(dir, spec.file)),
  ];
  const found = candidates.find((file) => existsSync(file));
  if (!found) {
    throw new MissingFontError(
      `Certificate PDFs need the font ${spec.file}. Install it (Debian/Ubuntu: apt-get install fonts-noto-core fonts-noto-cjk) ` +
        `or set CERT_FONTS_DIR (a folder with it) or ${spec.env} (its path). Looked in: ${candidates.join(", ")}`,
    );
  }
  return found;
}

function open(spec: FontSpec): fontkit.Font {
  const file = locate(spec);
  const opened = fontkit.create(readFileSync(file), spec.postscriptName);
  if ("fonts" in opened) {
    // a collection without the wanted face: take its first one rather than fail
    return opened.fonts[0];
  }
  return opened;
}

type Run = { glyphs: { advanceWidth: number }[]; positions: Record<string, number>[]; direction: "ltr" | "rtl" };

/**
 * The same labels, dates and names are laid out again and again (once to measure, once by pdfkit to
 * draw, in every certificate): shaping is the largest cost of a PDF, so results are memoized per
 * font. pdfkit scales a run's positions in place, so every caller gets its own copy of them.
 */
function withLayoutCache(font: fontkit.Font, limit = 5000): fontkit.Font {
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

const loaded = new Map<string, fontkit.Font>();

export function getFont(face: Face, weight: Weight): fontkit.Font {
  const key = face === "cjk" ? "cjk-regular" : `${face}-${weight}`; // see SPECS.cjk.bold
  let font = loaded.get(key);
  if (!font) {
    font = withLayoutCache(open(SPECS[face][weight]));
    loaded.set(key, font);
  }
  return font;
}

/** Throws MissingFontError early (e.g. at the first PDF request) with the list of what is missing. */
export function checkFonts(): void {
  const missing: string[] = [];
  for (const face of Object.keys(SPECS) as Face[]) {
    for (const weight of ["regular", "bold"] as Weight[]) {
      try {
        getFont(face, weight);
      } catch (error) {
        if (error instanceof MissingFontError) missing.push(error.message);
        else throw error;
      }
    }
  }
  if (missing.length) throw new MissingFontError(missing.join("\n"));
}
