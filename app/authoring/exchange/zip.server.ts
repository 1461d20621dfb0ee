import { Readable } from "node:stream";
import yauzl, { type Entry, type ZipFile as ZipReader } from "yauzl";
import yazl from "yazl";
import { parse } from "yaml";
import { KEY } from "~/courses/schema";

// Course folders in and out of zip files. Writing: yazl (streams, deflate). Reading: yauzl, because it
// exposes what a safe reader must check — the central directory's file modes (symlinks), encryption,
// declared sizes it verifies against the real ones while inflating — and rejects absolute and ".."
// paths itself. Uploads are read from memory and never written to disk.

export type CourseTextFiles = Map<string, string>;

/** The zip of a course folder: one top folder named after the slug, like courses/<slug>/ in git. */
export function filesToZip(slug: string, files: CourseTextFiles, mtime = new Date()): Readable {
  const zip = new yazl.ZipFile();
  for (const [name, text] of [...files.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    zip.addBuffer(Buffer.from(text, "utf8"), `${slug}/${name}`, { mtime, mode: 0o100644 });
  }
  zip.end();
  return zip.outputStream as Readable;
}

export async function streamToBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const ZIP_LIMITS = {
  /** Entries (files) in the zip; the flagship courses have about 80. */
  maxFiles: 1000,
  /** Uncompressed size of one file; the longest lesson is about 20 kB. */
  maxFileBytes: 2 * 1024 * 1024,
  /** Uncompressed size of all files together. */
  maxTotalBytes: 20 * 1024 * 1024,
};
export type ZipLimits = typeof ZIP_LIMITS;

export type ZipProblem =
  | { code: "notZip" }
  | { code: "empty" }
  | { code: "unsafePath"; file: string }
  | { code: "symlink"; file: string }
  | { code: "encrypted"; file: string }
  | { code: "tooManyFiles"; limit: number }
  | { code: "fileTooLarge"; file: string; limit: number }
  | { code: "tooLarge"; limit: number }
  | { code: "notUtf8"; file: string }
  | { code: "noCourseYaml" };

export type ReadZipResult = { ok: true; slug: string; files: CourseTextFiles } | { ok: false; problems: ZipProblem[] };

class Stop extends Error {
  constructor(readonly problem: ZipProblem) {
    super(problem.code);
  }
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

/** Files a desktop zip tool adds that are no part of a course (macOS resource forks, .DS_Store, .git). */
const isJunk = (name: string) => name.split("/").some((segment) => segment.startsWith(".") || segment === "__MACOSX");

function open(buffer: Buffer): Promise<ZipReader> {
  return new Promise((resolve, reject) =>
    // strictFileNames: a "\" stays in the name, so yauzl rejects it rather than guessing it meant "/"
    yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true, strictFileNames: true }, (err, zip) =>
      err || !zip ? reject(new Stop({ code: "notZip" })) : resolve(zip),
    ),
  );
}

function readEntry(zip: ZipReader, entry: Entry, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(new Stop({ code: "notZip" }));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        // yauzl already stops at the declared size; this guards the limit whatever the header says
        if (size > limit) {
          stream.destroy();
          reject(new Stop({ code: "fileTooLarge", file: entry.fileName, limit }));
        } else chunks.push(chunk);
      });
      stream.on("error", () => reject(new Stop({ code: "notZip" })));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** yauzl refuses unsafe names with an error; these are its messages ("absolute path: /etc/x"). */
function unsafeName(message: string): string | null {
  const m = /^(absolute path|invalid relative path|invalid characters in fileName): (.*)$/s.exec(message);
  return m ? m[2] : null;
}

/**
 * The text files of an uploaded course zip, by path relative to the course folder. The zip holds the
 * folder either at its root or inside one top folder (whose name is then the slug). Any unsafe entry
 * stops the reading: nothing of such a zip is used.
 */
export async function readCourseZip(buffer: Buffer, limits: ZipLimits = ZIP_LIMITS): Promise<ReadZipResult> {
  const raw = new Map<string, string>();
  const problems: ZipProblem[] = [];
  let zip: ZipReader | undefined;
  try {
    zip = await open(buffer);
    const reader = zip;
    if (reader.entryCount > limits.maxFiles) throw new Stop({ code: "tooManyFiles", limit: limits.maxFiles });
    let total = 0;
    await new Promise<void>((resolve, reject) => {
      reader.on("error", (err: Error) => {
        const file = unsafeName(err.message);
        reject(err instanceof Stop ? err : new Stop(file !== null ? { code: "unsafePath", file } : { code: "notZip" }));
      });
      reader.on("end", () => resolve());
      reader.on("entry", (entry: Entry) => {
        const handle = async () => {
          const name = entry.fileName;
          if (((entry.externalFileAttributes >>> 16) & S_IFMT) === S_IFLNK) throw new Stop({ code: "symlink", file: name });
          if (name.endsWith("/") || isJunk(name)) return;
          if (entry.isEncrypted()) throw new Stop({ code: "encrypted", file: name });
          if (entry.uncompressedSize > limits.maxFileBytes) throw new Stop({ code: "fileTooLarge", file: name, limit: limits.maxFileBytes });
          total += entry.uncompressedSize;
          if (total > limits.maxTotalBytes) throw new Stop({ code: "tooLarge", limit: limits.maxTotalBytes });
          const bytes = await readEntry(reader, entry, limits.maxFileBytes);
          try {
            raw.set(name, new TextDecoder("utf-8", { fatal: true }).decode(bytes));
          } catch {
            problems.push({ code: "notUtf8", file: name });
          }
        };
        handle().then(() => reader.readEntry(), reject);
      });
      reader.readEntry();
    });
  } catch (err) {
    if (err instanceof Stop) return { ok: false, problems: [err.problem] };
    throw err;
  } finally {
    zip?.close();
  }
  if (problems.length) return { ok: false, problems };
  if (raw.size === 0) return { ok: false, problems: [{ code: "empty" }] };
  return placeFolder(raw);
}

/** Root layout (course.yaml at the top) or one top folder; the slug comes from the folder or course.yaml. */
function placeFolder(raw: Map<string, string>): ReadZipResult {
  const atRoot = raw.get("course.yaml");
  if (atRoot !== undefined) return { ok: true, slug: slugIn(atRoot), files: raw };
  const tops = new Set([...raw.keys()].map((name) => (name.includes("/") ? name.slice(0, name.indexOf("/")) : "")));
  const [top] = [...tops];
  if (tops.size !== 1 || !top || !raw.has(`${top}/course.yaml`)) return { ok: false, problems: [{ code: "noCourseYaml" }] };
  const files: CourseTextFiles = new Map();
  for (const [name, text] of raw) files.set(name.slice(top.length + 1), text);
  return { ok: true, slug: top, files };
}

/** The slug course.yaml declares; when it has none, the compiler reports it against this stand-in. */
function slugIn(courseYaml: string): string {
  try {
    const slug = (parse(courseYaml) as { slug?: unknown } | null)?.slug;
    if (typeof slug === "string" && KEY.test(slug)) return slug;
  } catch {
    // a YAML error is reported by the compiler, with its line
  }
  return "course";
}
