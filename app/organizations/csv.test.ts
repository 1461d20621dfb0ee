import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import {
  BOM,
  MAX_IMPORT_ROWS,
  decodeUpload,
  neutralize,
  parseEmailList,
  parseStaffCsv,
  toCsv,
  validateStaffRows,
  type StaffImportContext,
} from "./csv.server";

describe("CSV export", () => {
  it("neutralises cells a spreadsheet would run as formulas", () => {
    expect(neutralize("=HYPERLINK(\"http://evil\")")).toBe("'=HYPERLINK(\"http://evil\")");
    expect(neutralize("+1+1")).toBe("'+1+1");
    expect(neutralize("-2+3")).toBe("'-2+3");
    expect(neutralize("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralize("\t=1")).toBe("'\t=1");
    expect(neutralize("\r=1")).toBe("'\r=1");
    expect(neutralize("Amina Haddad")).toBe("Amina Haddad");
    expect(neutralize("a=b")).toBe("a=b");
    expect(neutralize("")).toBe("");
  });

  it("starts with a UTF-8 BOM, uses CRLF, quotes what needs quoting and keeps non-Latin text", () => {
    const csv = toCsv(["Name", "Course"], [["أمينة حداد", "城市规划, \"人权\""], ["=cmd|' /C calc'!A0", 3], [null, undefined]]);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv).toContain("\r\n");
    const back = parse(csv.slice(1)) as string[][];
    expect(back).toEqual([
      ["Name", "Course"],
      ["أمينة حداد", "城市规划, \"人权\""],
      ["'=cmd|' /C calc'!A0", "3"],
      ["", ""],
    ]);
    expect(Buffer.from(csv, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it("neutralises the header row too", () => {
    expect(toCsv(["=x"], []).slice(1)).toBe("'=x\r\n");
  });
});

describe("CSV import: reading", () => {
  it("reads comma, semicolon and tab separated files, with or without BOM, columns in any order", () => {
    for (const sep of [",", ";", "\t"]) {
      const text = `${BOM}Email${sep}Name${sep}Role${sep}Department\r\nana@example.org${sep}Ana Lima${sep}learner${sep}Housing\r\n`;
      const result = parseStaffCsv(text);
      expect(result).toEqual({
        ok: true,
        rows: [{ line: 2, name: "Ana Lima", email: "ana@example.org", department: "Housing", role: "learner" }],
      });
    }
  });

  it("keeps quoted commas and line numbers; skips blank lines", () => {
    const result = parseStaffCsv('name,email\n"Haddad, Amina",amina@example.org\n\n"Li Wei",li@example.org\n');
    expect(result.ok && result.rows.map((r) => [r.line, r.name])).toEqual([
      [2, "Haddad, Amina"],
      [4, "Li Wei"],
    ]);
  });

  it("says what is wrong with the file itself", () => {
    expect(parseStaffCsv("")).toEqual({ ok: false, errors: [{ key: "organizations:import.errors.empty" }] });
    expect(parseStaffCsv("name,email\n")).toEqual({ ok: false, errors: [{ key: "organizations:import.errors.empty" }] });
    expect(parseStaffCsv("name,mail\nA,a@b.org")).toMatchObject({ ok: false, errors: [{ key: "organizations:import.errors.header" }] });
    expect(parseStaffCsv('name,email\n"unclosed,a@b.org\n')).toMatchObject({ ok: false, errors: [{ key: "organizations:import.errors.malformed" }] });
    const many = "email\n" + Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `p${i}@example.org`).join("\n");
    expect(parseStaffCsv(many)).toEqual({ ok: false, errors: [{ key: "organizations:import.errors.tooMany" }] });
  });

  it("refuses a file that is not UTF-8 (e.g. saved as Windows-1252)", () => {
    expect(decodeUpload(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0xe9]))).toEqual({
      ok: false,
      errors: [{ key: "organizations:import.errors.notUtf8" }],
    });
    expect(decodeUpload(new TextEncoder().encode("name\nأمينة"))).toEqual({ ok: true, text: "name\nأمينة" });
  });

  it("reads a pasted list of addresses, with or without names", () => {
    const result = parseEmailList("ana@example.org\n\n  Li Wei <li@example.org>,\n\"Haddad, Amina\" <amina@example.org>", {
      department: "Housing",
      role: "learner",
    });
    expect(result.ok && result.rows).toEqual([
      { line: 1, name: "", email: "ana@example.org", department: "Housing", role: "learner" },
      { line: 3, name: "Li Wei", email: "li@example.org", department: "Housing", role: "learner" },
      { line: 4, name: "Haddad, Amina", email: "amina@example.org", department: "Housing", role: "learner" },
    ]);
  });
});

describe("CSV import: validation", () => {
  const context: StaffImportContext = {
    departments: [
      { id: "d1", name: "Urban Planning" },
      { id: "d2", name: "Social Services" },
    ],
    members: new Map([
      ["member@example.org", "ACTIVE"],
      ["gone@example.org", "DEACTIVATED"],
    ]),
    pending: new Set(["pending@example.org"]),
    roleAliases: new Map([
      ["learner", "LEARNER"],
      ["manager", "MANAGER"],
      ["apprenant", "LEARNER"],
    ]),
  };
  const row = (over: Partial<{ name: string; email: string; department: string; role: string }>, line = 2) => ({
    line,
    name: "Ana Lima",
    email: "ana@example.org",
    department: "",
    role: "",
    ...over,
  });

  it("accepts a valid row: email lower-cased, department matched by name (any case), role defaulting to learner", () => {
    const [result] = validateStaffRows([row({ email: "Ana@Example.org", department: "urban planning" })], context);
    expect(result.errors).toEqual([]);
    expect(result.value).toEqual({ name: "Ana Lima", email: "ana@example.org", departmentId: "d1", role: "LEARNER" });
  });

  it("accepts role words in the manager's languages", () => {
    expect(validateStaffRows([row({ role: "Manager" })], context)[0].value?.role).toBe("MANAGER");
    expect(validateStaffRows([row({ role: "apprenant" })], context)[0].value?.role).toBe("LEARNER");
  });

  it("reports every problem of a row, as translation keys, and gives no value to write", () => {
    const [result] = validateStaffRows([row({ email: "not-an-email", department: "Finance", role: "boss", name: "x".repeat(121) })], context);
    expect(result.value).toBeNull();
    expect(result.errors).toEqual([
      { field: "name", key: "name.tooLong" },
      { field: "email", key: "email.invalid" },
      { field: "department", key: "organizations:import.errors.unknownDepartment" },
      { field: "role", key: "organizations:import.errors.unknownRole" },
    ]);
  });

  it("refuses members, deactivated members, open invitations and duplicates within the file", () => {
    const results = validateStaffRows(
      [
        row({ email: "member@example.org" }, 2),
        row({ email: "gone@example.org" }, 3),
        row({ email: "pending@example.org" }, 4),
        row({ email: "new@example.org" }, 5),
        row({ email: "NEW@example.org" }, 6),
        row({ email: "" }, 7),
      ],
      context,
    );
    expect(results.map((r) => [r.line, r.errors.map((e) => e.key)])).toEqual([
      [2, ["organizations:import.errors.alreadyMember"]],
      [3, ["organizations:import.errors.deactivatedMember"]],
      [4, ["organizations:import.errors.alreadyInvited"]],
      [5, []],
      [6, ["organizations:import.errors.duplicate"]],
      [7, ["field.required"]],
    ]);
  });

  it("an empty name is allowed (the person gives it when accepting)", () => {
    expect(validateStaffRows([row({ name: "" })], context)[0].value?.name).toBeNull();
  });
});
