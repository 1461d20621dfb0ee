// Faster, smaller CFF (PostScript-outline) subsets for the CJK font.
//
// fontkit subsets a CFF font by keeping every subroutine slot (unused ones become a one-byte
// "return") so that the subroutine numbers inside the charstrings stay right. Noto Sans CJK has
// ~45,000 subroutines: every PDF with a Chinese word then carried ~90 KB of empty slots and spent
// ~35 ms writing them. Here the charstrings of the glyphs used are *desubroutinized* instead (each
// subroutine call replaced by the subroutine's body, as fontTools' --desubroutinize does), and the
// subset has no subroutines at all: a few KB and a few ms.
//
// Type 2 charstrings are a postfix byte code. Flattening needs only: the operand count (to know how
// many stem hints there are, which says how many mask bytes follow hintmask/cntrmask), the value of
// the operand just before callsubr/callgsubr (the biased subroutine number), and the end operators.
// Arithmetic operators (12 x), which could compute a subroutine number, are not used by Noto fonts;
// if a charstring has one, the original fontkit subsetting is used for the whole font.

type Entry = { offset: number; length: number };
type CffTable = {
  isCIDFont: boolean;
  version: number;
  stream: { pos: number; readBuffer(length: number): Uint8Array };
  globalSubrIndex?: Entry[];
  topDict: { CharStrings: Entry[] };
  privateDictForGlyph(gid: number): { Subrs?: Entry[] } | null;
};
type CffSubset = {
  cff: CffTable;
  glyphs: number[];
  charstrings: Uint8Array[];
  gsubrs: Uint8Array[];
  subsetCharstrings(): void;
  subsetSubrs(subrs: Entry[], used: Record<number, boolean>): Uint8Array[];
};

class Unsupported extends Error {}

const bias = (subrs: Entry[]) => (subrs.length < 1240 ? 107 : subrs.length < 33900 ? 1131 : 32768);

function read(cff: CffTable, entry: Entry): Uint8Array {
  cff.stream.pos = entry.offset;
  return cff.stream.readBuffer(entry.length);
}

/** The charstring of `gid` with every subroutine call inlined. */
export function flattenCharstring(cff: CffTable, gid: number): Uint8Array {
  const gsubrs = cff.globalSubrIndex ?? [];
  const subrs = cff.privateDictForGlyph(gid)?.Subrs ?? [];
  const out: number[] = [];
  let values: number[] = []; // operand values since the last operator
  let starts: number[] = []; // where each of those operands starts in `out`
  let stems = 0;
  let depth = 0;

  const clear = () => {
    values = [];
    starts = [];
  };

  // returns true when the glyph ended (endchar)
  const run = (code: Uint8Array): boolean => {
    if (++depth > 10) throw new Unsupported("subroutines nested too deep");
    let i = 0;
    while (i < code.length) {
      const b = code[i];
      if (b === 28 || b >= 32) {
        let value: number;
        let size: number;
        if (b === 28) [value, size] = [((code[i + 1] << 24) >> 16) | code[i + 2], 3];
        else if (b <= 246) [value, size] = [b - 139, 1];
        else if (b <= 250) [value, size] = [(b - 247) * 256 + code[i + 1] + 108, 2];
        else if (b <= 254) [value, size] = [-(b - 251) * 256 - code[i + 1] - 108, 2];
        else [value, size] = [((code[i + 1] << 24) | (code[i + 2] << 16) | (code[i + 3] << 8) | code[i + 4]) / 65536, 5];
        starts.push(out.length);
        values.push(value);
        for (let k = 0; k < size; k++) out.push(code[i + k]);
        i += size;
        continue;
      }
      if (b === 10 || b === 29) {
        const list = b === 10 ? subrs : gsubrs;
        const index = values.pop()! + bias(list);
        out.length = starts.pop()!; // the subroutine number is not an operand of what follows
        const entry = list[index];
        if (!entry) throw new Unsupported(`no subroutine ${index}`);
        if (run(read(cff, entry))) return true;
        i += 1;
        continue;
      }
      if (b === 11) {
        depth--;
        return false; // return: back to the caller, operands stay on the stack
      }
      if (b === 12) {
        const op = code[i + 1];
        if (op < 34 || op > 37) throw new Unsupported(`operator 12 ${op}`); // only the flex family
        out.push(12, op);
        clear();
        i += 2;
        continue;
      }
      if (b === 14) {
        out.push(14);
        return true; // endchar
      }
      if (b === 1 || b === 3 || b === 18 || b === 23) {
        stems += values.length >> 1;
        out.push(b);
        clear();
        i += 1;
        continue;
      }
      if (b === 19 || b === 20) {
        stems += values.length >> 1; // operands before a hintmask are an implicit vstem
        const bytes = (stems + 7) >> 3;
        out.push(b);
        for (let k = 1; k <= bytes; k++) out.push(code[i + k]);
        clear();
        i += 1 + bytes;
        continue;
      }
      if (b === 15 || b === 16) throw new Unsupported("CFF2 operators");
      out.push(b);
      clear();
      i += 1;
    }
    depth--;
    return false;
  };
  run(read(cff, cff.topDict.CharStrings[gid]));
  return Uint8Array.from(out);
}

/**
 * Makes a fontkit CFF subset write desubroutinized charstrings and no subroutines. Falls back to
 * fontkit's own method if any charstring uses something this flattener does not handle.
 */
export function desubroutinizeSubset(subset: CffSubset): void {
  const cff = subset.cff;
  if (!cff || cff.version >= 2) return;
  const original = { subsetCharstrings: subset.subsetCharstrings, subsetSubrs: subset.subsetSubrs };
  subset.subsetCharstrings = function (this: CffSubset) {
    try {
      this.charstrings = this.glyphs.map((gid) => flattenCharstring(cff, gid));
      this.gsubrs = [];
      this.subsetSubrs = () => [];
    } catch (error) {
      if (!(error instanceof Unsupported)) throw error;
      this.subsetSubrs = original.subsetSubrs;
      original.subsetCharstrings.call(this);
    }
  };
}
