// Reading uploaded zips safely: zip-slip names, symlinks, size and count limits, text encoding, layout.
import yazl from "yazl";
import { describe, expect, it } from "vitest";
import { readCourseZip, streamToBuffer, ZIP_LIMITS, type ZipLimits } from "./zip.server";

type Entry = { name: string; data: string | Buffer; mode?: number; compress?: boolean };

async function makeZip(entries: Entry[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const e of entries) {
    zip.addBuffer(typeof e.data === "string" ? Buffer.from(e.data, "utf8") : e.data, e.name, { mode: e.mode, compress: e.compress ?? true });
  }
  zip.end();
  return streamToBuffer(zip.outputStream as never);
}

/** yazl refuses to write unsafe names: write a harmless name of the same length, then swap the bytes. */
function rename(zip: Buffer, from: string, to: string): Buffer {
  expect(Buffer.byteLength(from)).toBe(Buffer.byteLength(to));
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  let at = out.indexOf(needle);
  expect(at).toBeGreaterThanOrEqual(0);
  while (at >= 0) {
    Buffer.from(to).copy(out, at);
    at = out.indexOf(needle, at + 1);
  }
  return out;
}

const COURSE = "slug: tiny\n";

describe("readCourseZip", () => {
  it("reads a course in one top folder, named after the slug", async () => {
    const zip = await makeZip([
      { name: "tiny/course.yaml", data: COURSE },
      { name: "tiny/modules/a/module.yaml", data: "key: a\n" },
    ]);
    const read = await readCourseZip(zip);
    expect(read).toEqual({ ok: true, slug: "tiny", files: new Map([["course.yaml", COURSE], ["modules/a/module.yaml", "key: a\n"]]) });
  });

  it("reads a course at the root of the zip, taking the slug from course.yaml", async () => {
    const read = await readCourseZip(await makeZip([{ name: "course.yaml", data: COURSE }, { name: "modules/a/module.yaml", data: "key: a\n" }]));
    expect(read.ok && read.slug).toBe("tiny");
  });

  it("skips what desktop zip tools add (__MACOSX, .DS_Store, .git)", async () => {
    const read = await readCourseZip(
      await makeZip([
        { name: "tiny/course.yaml", data: COURSE },
        { name: "__MACOSX/tiny/._course.yaml", data: Buffer.from([0, 5, 22, 7, 0xff, 0xfe]) },
        { name: "tiny/.DS_Store", data: Buffer.from([0xff, 0xfe, 0]) },
      ]),
    );
    expect(read.ok && [...read.files.keys()]).toEqual(["course.yaml"]);
  });

  it("refuses a zip without course.yaml, or with several top folders", async () => {
    expect(await readCourseZip(await makeZip([{ name: "tiny/readme.md", data: "x" }]))).toEqual({ ok: false, problems: [{ code: "noCourseYaml" }] });
    expect(
      await readCourseZip(await makeZip([{ name: "a/course.yaml", data: COURSE }, { name: "b/course.yaml", data: COURSE }])),
    ).toEqual({ ok: false, problems: [{ code: "noCourseYaml" }] });
  });

  it("refuses what is not a zip, and an empty zip", async () => {
    expect(await readCourseZip(Buffer.from("PK but not really a zip file"))).toEqual({ ok: false, problems: [{ code: "notZip" }] });
    expect(await readCourseZip(await makeZip([]))).toEqual({ ok: false, problems: [{ code: "empty" }] });
  });

  describe("zip slip", () => {
    it("refuses a path that climbs out of the folder with ..", async () => {
      const zip = rename(await makeZip([{ name: "tiny/course.yaml", data: COURSE }, { name: "aa/evil.txt", data: "x" }]), "aa/evil.txt", "../evil.txt");
      expect(await readCourseZip(zip)).toEqual({ ok: false, problems: [{ code: "unsafePath", file: "../evil.txt" }] });
    });
    it("refuses .. in the middle of a path", async () => {
      const zip = rename(await makeZip([{ name: "tiny/xx/evil.txt", data: "x" }]), "tiny/xx/evil", "tiny/../evil");
      expect(await readCourseZip(zip)).toEqual({ ok: false, problems: [{ code: "unsafePath", file: "tiny/../evil.txt" }] });
    });
    it("refuses absolute paths (Unix and Windows drive letters)", async () => {
      const unix = rename(await makeZip([{ name: "xetc/passwd", data: "x" }]), "xetc/passwd", "/etc/passwd");
      expect(await readCourseZip(unix)).toEqual({ ok: false, problems: [{ code: "unsafePath", file: "/etc/passwd" }] });
      const windows = rename(await makeZip([{ name: "cc/windows.txt", data: "x" }]), "cc/windows.txt", "C:/windows.txt");
      expect(await readCourseZip(windows)).toEqual({ ok: false, problems: [{ code: "unsafePath", file: "C:/windows.txt" }] });
    });
    it("refuses backslashes rather than guessing they separate folders", async () => {
      const zip = rename(await makeZip([{ name: "tiny/aa/evil.txt", data: "x" }]), "tiny/aa/evil", "tiny\\..\\evil");
      const read = await readCourseZip(zip);
      expect(read).toEqual({ ok: false, problems: [{ code: "unsafePath", file: "tiny\\..\\evil.txt" }] });
    });
    it("refuses symbolic links", async () => {
      const zip = await makeZip([{ name: "tiny/course.yaml", data: COURSE }, { name: "tiny/link.md", data: "/etc/passwd", mode: 0o120777 }]);
      expect(await readCourseZip(zip)).toEqual({ ok: false, problems: [{ code: "symlink", file: "tiny/link.md" }] });
    });
  });

  describe("limits", () => {
    const small: ZipLimits = { maxFiles: 3, maxFileBytes: 1000, maxTotalBytes: 2500 };
    it("refuses more files than the limit", async () => {
      const entries = [0, 1, 2, 3].map((i) => ({ name: `tiny/f${i}.md`, data: "x" }));
      expect(await readCourseZip(await makeZip(entries), small)).toEqual({ ok: false, problems: [{ code: "tooManyFiles", limit: 3 }] });
    });
    it("refuses a file over the per-file limit", async () => {
      const zip = await makeZip([{ name: "tiny/big.md", data: "a".repeat(1001) }]);
      expect(await readCourseZip(zip, small)).toEqual({ ok: false, problems: [{ code: "fileTooLarge", file: "tiny/big.md", limit: 1000 }] });
    });
    it("refuses files that together exceed the total limit", async () => {
      const entries = [0, 1, 2].map((i) => ({ name: `tiny/f${i}.md`, data: "a".repeat(900) }));
      expect(await readCourseZip(await makeZip(entries), small)).toEqual({ ok: false, problems: [{ code: "tooLarge", limit: 2500 }] });
    });
    it("does not trust the sizes a zip declares (a zip bomb that lies is cut off)", async () => {
      // 50 MB of zeros deflate to about 50 kB; the header is then rewritten to claim 10 bytes
      const zip = await makeZip([{ name: "tiny/bomb.md", data: Buffer.alloc(50 * 1024 * 1024) }]);
      const lying = Buffer.from(zip);
      const declared = 50 * 1024 * 1024;
      let rewritten = 0;
      for (let at = lying.indexOf(Buffer.from([0x50, 0x4b])); at >= 0; at = lying.indexOf(Buffer.from([0x50, 0x4b]), at + 1)) {
        const signature = lying.readUInt32LE(at);
        if (signature === 0x04034b50 && lying.readUInt32LE(at + 22) === declared) (lying.writeUInt32LE(10, at + 22), rewritten++);
        if (signature === 0x02014b50 && lying.readUInt32LE(at + 24) === declared) (lying.writeUInt32LE(10, at + 24), rewritten++);
      }
      expect(rewritten).toBe(2);
      const read = await readCourseZip(lying);
      expect(read.ok).toBe(false);
      expect(!read.ok && read.problems[0].code).toMatch(/^(notZip|fileTooLarge)$/);
    });
    it("has the documented defaults", () => {
      expect(ZIP_LIMITS).toEqual({ maxFiles: 1000, maxFileBytes: 2 * 1024 * 1024, maxTotalBytes: 20 * 1024 * 1024 });
    });
  });

  it("refuses text that is not UTF-8, naming every such file", async () => {
    const latin1 = Buffer.from("title: Caf\xe9\n", "latin1");
    const zip = await makeZip([
      { name: "tiny/course.yaml", data: COURSE },
      { name: "tiny/a.fr.md", data: latin1 },
      { name: "tiny/b.fr.md", data: latin1 },
    ]);
    expect(await readCourseZip(zip)).toEqual({
      ok: false,
      problems: [
        { code: "notUtf8", file: "tiny/a.fr.md" },
        { code: "notUtf8", file: "tiny/b.fr.md" },
      ],
    });
  });
});
