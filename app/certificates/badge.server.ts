// The course's badge image (achievement.image) and the holder's baked badge.
//
// The image is drawn here, not designed per course: a rosette in a colour derived from the course's
// slug, 256 × 256 RGBA, encoded as PNG by hand (IHDR, IDAT through node:zlib, IEND; chunk checksums
// with node:zlib's crc32), so no image library is needed.
//
// Baking, as Open Badges 3.0 §5.3 ("Baked badges", PNG) says: an iTXt chunk with the keyword
// "openbadgecredential", no compression, empty language tag and translated keyword, whose text is
// the compact JWS of the credential, placed before IEND. There is at most one such chunk.
import { createHash } from "node:crypto";
import { getDb, type Db } from "~/db.server";
import { crc32, deflateSync, inflateSync } from "node:zlib";

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
export const BAKED_KEYWORD = "openbadgecredential";
export const PNG_MEDIA_TYPE = "image/png";
const SIZE = 256;

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4, 8))) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

type Chunk = { type: string; data: Buffer };

export function readChunks(png: Buffer): Chunk[] {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error("not a PNG file");
  const chunks: Chunk[] = [];
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString("latin1", at + 4, at + 8);
    chunks.push({ type, data: png.subarray(at + 8, at + 8 + length) });
    at += 12 + length;
    if (type === "IEND") break;
  }
  return chunks;
}

function hsl(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function inPolygon(x: number, y: number, points: Array<[number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function nearSegment(x: number, y: number, [ax, ay]: [number, number], [bx, by]: [number, number], radius: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) <= radius;
}

const LEFT_RIBBON: Array<[number, number]> = [[98, 150], [126, 166], [104, 242], [88, 224], [68, 232]];
const RIGHT_RIBBON: Array<[number, number]> = [[158, 150], [130, 166], [152, 242], [168, 224], [188, 232]];
const CHECK: Array<[number, number]> = [[96, 112], [118, 134], [160, 90]];

/** The colour of one point of the rosette, or null where it is transparent. */
function paint(x: number, y: number, palette: { ribbon: number[]; rim: number[]; disc: number[] }): number[] | null {
  const [cx, cy] = [128, 108];
  const r = Math.hypot(x - cx, y - cy);
  const angle = Math.atan2(y - cy, x - cx);
  if (r <= 86 + 6 * Math.cos(18 * angle)) {
    if (r > 66 && r <= 71) return [255, 255, 255];
    if (r > 66) return palette.rim;
    if (nearSegment(x, y, CHECK[0], CHECK[1], 7) || nearSegment(x, y, CHECK[1], CHECK[2], 7)) return [255, 255, 255];
    return palette.disc;
  }
  if (inPolygon(x, y, LEFT_RIBBON) || inPolygon(x, y, RIGHT_RIBBON)) return palette.ribbon;
  return null;
}

const imageCache = new Map<string, Buffer>();

/** The badge image of a course (the same bytes every time for the same slug). */
export function badgePng(courseSlug: string): Buffer {
  const cached = imageCache.get(courseSlug);
  if (cached) return cached;
  const hue = createHash("sha256").update(courseSlug).digest().readUInt16BE(0) % 360;
  const palette = { ribbon: hsl(hue, 0.55, 0.3), rim: hsl(hue, 0.6, 0.38), disc: hsl(hue, 0.55, 0.46) };
  const samples = 4; // 4 × 4 samples per pixel: smooth edges
  const rows = Buffer.alloc(SIZE * (1 + SIZE * 4));
  for (let y = 0; y < SIZE; y++) {
    const row = y * (1 + SIZE * 4); // filter byte 0 (None) then RGBA
    for (let x = 0; x < SIZE; x++) {
      let [r, g, b, covered] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples, palette);
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered++;
        }
      }
      const at = row + 1 + x * 4;
      if (covered > 0) {
        rows[at] = Math.round(r / covered);
        rows[at + 1] = Math.round(g / covered);
        rows[at + 2] = Math.round(b / covered);
        rows[at + 3] = Math.round((255 * covered) / (samples * samples));
      }
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, adaptive filtering, no interlace
  const png = Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflateSync(rows, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
  imageCache.set(courseSlug, png);
  return png;
}

/** The image with the credential baked in (replacing any earlier openbadgecredential chunk). */
export function bakePng(png: Buffer, jws: string): Buffer {
  const text = Buffer.concat([
    Buffer.from(BAKED_KEYWORD, "latin1"),
    Buffer.from([0, 0, 0]), // keyword terminator, compression flag 0 (none), compression method 0
    Buffer.from([0, 0]), // empty language tag, empty translated keyword
    Buffer.from(jws, "utf8"),
  ]);
  const kept = readChunks(png).filter((c) => !(c.type === "iTXt" && bakedText(c.data) !== null) && c.type !== "IEND");
  return Buffer.concat([SIGNATURE, ...kept.map((c) => chunk(c.type, c.data)), chunk("iTXt", text), chunk("IEND", Buffer.alloc(0))]);
}

function bakedText(data: Buffer): string | null {
  const end = data.indexOf(0);
  if (data.toString("latin1", 0, end) !== BAKED_KEYWORD) return null;
  const compressed = data[end + 1] === 1;
  let at = end + 3;
  at = data.indexOf(0, at) + 1; // language tag
  at = data.indexOf(0, at) + 1; // translated keyword
  const body = data.subarray(at);
  return (compressed ? inflateSync(body) : body).toString("utf8");
}

/** The credential baked into a PNG, or null. */
export function unbakePng(png: Buffer): string | null {
  for (const c of readChunks(png)) if (c.type === "iTXt") {
    const text = bakedText(c.data);
    if (text !== null) return text;
  }
  return null;
}

/** The badge image of a course, or null for an unknown course (the route answers 404). */
export async function courseBadgePng(slug: string, db?: Db): Promise<Buffer | null> {
  db ??= await getDb();
  const course = slug ? await db.course.findUnique({ where: { slug }, select: { slug: true } }) : null;
  return course && badgePng(course.slug);
}
