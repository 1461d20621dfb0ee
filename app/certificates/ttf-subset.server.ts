// Faster TrueType subsets (Noto Sans, Noto Naskh Arabic) for the certificate PDF.
//
// fontkit's TTFSubset re-parses each glyph and re-encodes the unchanged hinting tables (cvt, fpgm,
// prep) number by number for every document: about 2 ms per font per PDF, a third of the whole
// cost of a certificate. This writes the same subset font (same tables, same glyph order, composite
// glyphs' component ids remapped) from raw bytes: glyph records and tables are read once per process
// and copied. Output: head, hhea, maxp, loca (long offsets), glyf, hmtx, and the font's cvt, fpgm,
// prep — what PDF needs for an embedded TrueType font (FontFile2).

type TableEntry = { offset: number; length: number };
type FontkitTtf = {
  directory: { tables: Record<string, TableEntry | undefined> };
  loca: { offsets: number[] };
  _getTableStream(tag: string): { readBuffer(length: number): Uint8Array };
  getGlyph(gid: number): {
    advanceWidth: number;
    _decode(): { numberOfContours: number; components?: { glyphID: number; pos: number }[] } | null;
    _getMetrics(): { leftBearing: number };
  };
};
type TtfSubset = { font: FontkitTtf; glyphs: number[]; includeGlyph(gid: number): number; encode(): Uint8Array };

type RawGlyph = { bytes: Uint8Array; components: { glyphID: number; pos: number }[] | null; advance: number; lsb: number };
type FontData = { tables: Map<string, Uint8Array>; glyphs: Map<number, RawGlyph> };

const perFont = new WeakMap<object, FontData>();

function data(font: FontkitTtf): FontData {
  let entry = perFont.get(font);
  if (!entry) {
    const tables = new Map<string, Uint8Array>();
    for (const tag of ["head", "hhea", "maxp", "cvt ", "fpgm", "prep"]) {
      const record = font.directory.tables[tag];
      if (record) tables.set(tag, Uint8Array.from(font._getTableStream(tag).readBuffer(record.length)));
    }
    entry = { tables, glyphs: new Map() };
    perFont.set(font, entry);
  }
  return entry;
}

function rawGlyph(font: FontkitTtf, cache: Map<number, RawGlyph>, gid: number): RawGlyph {
  let raw = cache.get(gid);
  if (!raw) {
    const glyph = font.getGlyph(gid);
    const decoded = glyph._decode();
    const start = font.loca.offsets[gid];
    const end = font.loca.offsets[gid + 1];
    raw = {
      bytes: end > start ? readGlyf(font, start, end - start) : new Uint8Array(0), // empty: e.g. space
      components: decoded && decoded.numberOfContours < 0 ? (decoded.components ?? []).map((c) => ({ glyphID: c.glyphID, pos: c.pos })) : null,
      advance: glyph.advanceWidth,
      lsb: glyph._getMetrics().leftBearing,
    };
    cache.set(gid, raw);
  }
  return raw;
}

function readGlyf(font: FontkitTtf, offset: number, length: number): Uint8Array {
  const stream = font._getTableStream("glyf") as unknown as { pos: number; readBuffer(length: number): Uint8Array };
  stream.pos += offset;
  return Uint8Array.from(stream.readBuffer(length));
}

function checksum(bytes: Uint8Array): number {
  const padded = bytes.length % 4 ? Uint8Array.from([...bytes, ...new Uint8Array(4 - (bytes.length % 4))]) : bytes;
  const view = new DataView(padded.buffer, padded.byteOffset, padded.byteLength);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + view.getUint32(i)) >>> 0;
  return sum;
}

function sfnt(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const count = tags.length;
  const headerSize = 12 + 16 * count;
  let total = headerSize;
  for (const tag of tags) total += (tables.get(tag)!.length + 3) & ~3;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  const power = 2 ** Math.floor(Math.log2(count));
  view.setUint32(0, 0x00010000);
  view.setUint16(4, count);
  view.setUint16(6, power * 16);
  view.setUint16(8, Math.log2(power));
  view.setUint16(10, count * 16 - power * 16);
  let offset = headerSize;
  tags.forEach((tag, i) => {
    const bytes = tables.get(tag)!;
    const record = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[record + k] = tag.charCodeAt(k);
    view.setUint32(record + 4, checksum(bytes));
    view.setUint32(record + 8, offset);
    view.setUint32(record + 12, bytes.length);
    out.set(bytes, offset);
    offset += (bytes.length + 3) & ~3;
  });
  return out;
}

export function fastTrueTypeSubset(subset: TtfSubset): void {
  const font = subset.font;
  if (!font.directory.tables.glyf || !font.directory.tables.loca) return;
  subset.encode = function (this: TtfSubset) {
    const { tables: source, glyphs: cache } = data(font);
    const glyf: Uint8Array[] = [];
    const metrics: [number, number][] = [];
    // composite glyphs add their components to this.glyphs as they go: no cached length
    for (let i = 0; i < this.glyphs.length; i++) {
      const raw = rawGlyph(font, cache, this.glyphs[i]);
      let bytes = raw.bytes;
      if (raw.components) {
        bytes = Uint8Array.from(raw.bytes);
        const view = new DataView(bytes.buffer);
        for (const component of raw.components) view.setUint16(component.pos, this.includeGlyph(component.glyphID));
      }
      glyf.push(bytes);
      metrics.push([raw.advance, raw.lsb]);
    }
    const n = glyf.length;
    const glyfBytes = new Uint8Array(glyf.reduce((sum, g) => sum + g.length, 0));
    const loca = new Uint8Array(4 * (n + 1));
    const locaView = new DataView(loca.buffer);
    let at = 0;
    glyf.forEach((g, i) => {
      locaView.setUint32(4 * i, at);
      glyfBytes.set(g, at);
      at += g.length;
    });
    locaView.setUint32(4 * n, at);
    const hmtx = new Uint8Array(4 * n);
    const hmtxView = new DataView(hmtx.buffer);
    metrics.forEach(([advance, lsb], i) => {
      hmtxView.setUint16(4 * i, advance);
      hmtxView.setInt16(4 * i + 2, lsb);
    });
    const head = Uint8Array.from(source.get("head")!);
    new DataView(head.buffer).setUint32(8, 0); // checkSumAdjustment: not needed inside a PDF
    new DataView(head.buffer).setInt16(50, 1); // indexToLocFormat: long offsets
    const hhea = Uint8Array.from(source.get("hhea")!);
    new DataView(hhea.buffer).setUint16(34, n); // numberOfHMetrics
    const maxp = Uint8Array.from(source.get("maxp")!);
    new DataView(maxp.buffer).setUint16(4, n); // numGlyphs
    const tables = new Map<string, Uint8Array>([
      ["head", head],
      ["hhea", hhea],
      ["maxp", maxp],
      ["loca", loca],
      ["glyf", glyfBytes],
      ["hmtx", hmtx],
    ]);
    for (const tag of ["cvt ", "fpgm", "prep"]) if (source.has(tag)) tables.set(tag, source.get(tag)!);
    return sfnt(tables);
  };
}
