// Lines of mixed-script, mixed-direction text for the PDF.
//
// pdfkit draws a string left to right in one font and shapes it with fontkit, which joins Arabic
// letters and reverses a run it detects as Arabic. That is not enough for a certificate: an Arabic
// sentence holds Latin names, ids, URLs and digits, and a French certificate may carry a Chinese
// name. So each line is
//   1. resolved with the Unicode Bidirectional Algorithm (bidi-js): an embedding level per character,
//      visual order of the characters, mirrored brackets in right-to-left runs;
//   2. cut into chunks that share a level and a font (Naskh for Arabic script, CJK for Han/kana/
//      Hangul, Noto Sans for the rest; spaces and punctuation follow their neighbours);
//   3. each chunk is handed to pdfkit in LOGICAL order, so that fontkit shapes Arabic correctly, and
//      drawn at its visual position. When fontkit would lay a chunk out in the wrong direction (it
//      guesses from the script: Arabic-Indic digits read as "Arabic", a run of punctuation as "left
//      to right") the chunk's characters are given reversed, which is safe because such chunks hold
//      no joining letters.
import type bidiFactory from "bidi-js";
import { onFirstUse, requirePackage } from "~/lazy.server";
import type { Font } from "fontkit";
import { getFont, type Face, type Weight } from "./fonts.server";

const bidi = onFirstUse(() => (requirePackage("bidi-js") as typeof bidiFactory)()); // at the first certificate

const ARABIC = /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}]/u;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\u3000-\u303f\uff00-\uffef]/u;
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

function faceOf(ch: string): Face | null {
  if (CJK.test(ch)) return "cjk"; // before NEUTRAL: CJK punctuation is "Common" but needs the CJK font
  // Arabic letters and marks; Arabic-Indic digits and punctuation are neutral (they follow neighbours)
  if (ARABIC.test(ch)) return /\p{L}|\p{M}/u.test(ch) ? "arabic" : null;
  if (NEUTRAL.test(ch)) return null;
  return "sans";
}

/** `start`: where the chunk begins in the line's logical (reading) order, to draw chunks in that order. */
export type Chunk = { text: string; face: Face; width: number; start: number };
export type LaidOutLine = { chunks: Chunk[]; width: number };

export type TextStyle = { size: number; weight: Weight; direction: "ltr" | "rtl" };

const FALLBACK: Face[] = ["sans", "arabic", "cjk"];

/** Which face draws each UTF-16 unit: script first, neighbours for neutrals, then what has the glyph. */
function assignFaces(text: string, preferred: Face, weight: Weight): Face[] {
  const units = text.length;
  const faces: (Face | null)[] = new Array(units).fill(null);
  const chars: { index: number; ch: string }[] = [];
  for (let i = 0; i < units; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    chars.push({ index: i, ch });
    i += ch.length;
  }
  const own = chars.map(({ ch }) => faceOf(ch));
  let previous: Face | null = null;
  const resolved = own.map((face) => (face ? (previous = face) : previous));
  let next: Face | null = null;
  for (let k = chars.length - 1; k >= 0; k--) {
    if (own[k]) next = own[k];
    else if (!resolved[k]) resolved[k] = next;
  }
  chars.forEach(({ index, ch }, k) => {
    let face: Face = resolved[k] ?? preferred;
    const cp = ch.codePointAt(0)!;
    if (!getFont(face, weight).hasGlyphForCodePoint(cp)) {
      face = FALLBACK.find((f) => getFont(f, weight).hasGlyphForCodePoint(cp)) ?? face;
    }
    for (let u = 0; u < ch.length; u++) faces[index + u] = face;
  });
  return faces as Face[];
}

function reverseCodePoints(text: string): string {
  return Array.from(text).reverse().join("");
}

/** Lays out one line (no wrapping): chunks in visual order, left to right, with their widths. */
export function layoutLine(text: string, style: TextStyle): LaidOutLine {
  if (!text) return { chunks: [], width: 0 };
  const preferred: Face = style.direction === "rtl" ? "arabic" : "sans";
  const embedding = bidi().getEmbeddingLevels(text, style.direction);
  const { levels } = embedding;
  const order = Array.from({ length: text.length }, (_, i) => i);
  for (const [start, end] of bidi().getReorderSegments(text, embedding)) {
    const slice = order.slice(start, end + 1).reverse();
    order.splice(start, slice.length, ...slice);
  }
  const mirrored = bidi().getMirroredCharactersMap(text, embedding.levels);
  const faces = assignFaces(text, preferred, style.weight);

  // consecutive visual positions that are logically adjacent, at one level, in one face
  const groups: { from: number; to: number; level: number; face: Face }[] = [];
  for (const index of order) {
    const last = groups[groups.length - 1];
    const level = levels[index];
    const step = level % 2 === 1 ? -1 : 1;
    if (last && last.level === level && last.face === faces[index] && index === (step === 1 ? last.to + 1 : last.from - 1)) {
      if (step === 1) last.to = index;
      else last.from = index;
    } else {
      groups.push({ from: index, to: index, level, face: faces[index] });
    }
  }

  const chunks: Chunk[] = [];
  let width = 0;
  for (const group of groups) {
    const wanted = group.level % 2 === 1 ? "rtl" : "ltr";
    const font = getFont(group.face, style.weight);
    let logical = text.slice(group.from, group.to + 1);
    let run = font.layout(logical, []);
    if (run.direction !== wanted) {
      // fontkit mirrors brackets itself (OpenType rtlm) only in runs it lays out right to left;
      // in a run we reverse for it, the Unicode mirror characters stand in
      let source = "";
      for (let i = group.from; i <= group.to; i++) source += wanted === "rtl" ? (mirrored.get(i) ?? text[i]) : text[i];
      logical = reverseCodePoints(source);
      run = font.layout(logical, []);
    }
    const chunkWidth = (run.advanceWidth * style.size) / font.unitsPerEm;
    chunks.push({ text: logical, face: group.face, width: chunkWidth, start: group.from });
    width += chunkWidth;
  }
  return { chunks, width };
}

/** Breaks a paragraph into lines no wider than maxWidth (at spaces, and between CJK characters). */
export function wrap(text: string, style: TextStyle, maxWidth: number): string[] {
  const tokens: string[] = [];
  for (const part of text.split(/(\s+)/)) {
    if (!part) continue;
    // a CJK character may end a line anywhere
    const pieces = part.match(new RegExp(`${CJK.source}|[^${CJK.source.slice(1, -1)}]+`, "gu")) ?? [part];
    tokens.push(...pieces);
  }
  const lines: string[] = [];
  let current = "";
  for (const token of tokens) {
    const candidate = current + token;
    if (current && !/^\s+$/.test(token) && layoutLine(candidate.trim(), style).width > maxWidth) {
      lines.push(current.trim());
      current = token.trimStart();
    } else {
      current = candidate;
    }
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

export type { Font };
