// CSV in and out. Exports are opened by people in spreadsheets, so every cell is neutralised against
// formula injection and the file starts with a UTF-8 BOM (without it Excel reads Arabic and Chinese
// names as mojibake). Imports accept what spreadsheets save: UTF-8 with or without BOM, comma,
// semicolon (French, Russian, Spanish Excel) or tab separated.
import { parse, CsvError } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import { fail, type Failed, type Failure } from "~/http/forms";

export const BOM = "\uFEFF";

/**
 * A cell that a spreadsheet would run as a formula (= + - @, and tab / carriage return which some
 * spreadsheets strip before looking) is prefixed with an apostrophe, as OWASP recommends: it is then
 * shown as text. Numbers are written as numbers and need nothing.
 */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export type Cell = string | number | null | undefined;

/** CSV text (RFC 4180, CRLF, quoted where needed) with a BOM, every text cell neutralised. */
export function toCsv(header: string[], rows: Cell[][]): string {
  const clean = (cell: Cell) => (cell === null || cell === undefined ? "" : typeof cell === "number" ? String(cell) : neutralize(cell));
  return BOM + stringify([header.map(clean), ...rows.map((r) => r.map(clean))], { record_delimiter: "\r\n" });
}

// ---------------------------------------------------------------------------------------------
// Import of staff lists: name, email, department, role.

export const MAX_IMPORT_ROWS = 500;
export const MAX_IMPORT_BYTES = 1_000_000;

export type RawStaffRow = { line: number; name: string; email: string; department: string; role: string };

/** Bytes of an upload as text; anything but UTF-8 is refused rather than silently garbled. */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | Failed {
  if (bytes.byteLength > MAX_IMPORT_BYTES) return fail("organizations:import.errors.tooLarge");
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return fail("organizations:import.errors.notUtf8");
  }
}

const COLUMNS = ["name", "email", "department", "role"] as const;

function guessDelimiter(firstLine: string): string {
  const counts = [",", ";", "\t"].map((d) => [d, firstLine.split(d).length - 1] as const);
  return counts.sort((a, b) => b[1] - a[1])[0][0];
}

/** Rows of a staff CSV with their line numbers. The first line names the columns (any order, any case). */
export function parseStaffCsv(input: string): { ok: true; rows: RawStaffRow[] } | Failed {
  const text = input.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  if (!firstLine) return fail("organizations:import.errors.empty");
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const line = error instanceof CsvError && typeof error.lines === "number" ? error.lines : undefined;
    return fail("organizations:import.errors.malformed", line === undefined ? {} : { values: { line } });
  }
  const [head, ...body] = records;
  const header = head.record.map((h) => h.trim().toLowerCase());
  const index = Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<(typeof COLUMNS)[number], number>;
  if (index.email < 0) return fail("organizations:import.errors.header", { values: { line: head.info.lines } });
  if (body.length === 0) return fail("organizations:import.errors.empty");
  if (body.length > MAX_IMPORT_ROWS) return fail("organizations:import.errors.tooMany");
  const cell = (record: string[], column: (typeof COLUMNS)[number]) => (index[column] >= 0 ? (record[index[column]] ?? "").trim() : "");
  return {
    ok: true,
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      name: cell(record, "name"),
      email: cell(record, "email"),
      department: cell(record, "department"),
      role: cell(record, "role"),
    })),
  };
}

/** A pasted list, one person per line: `email` or `Name <email>`; department and role chosen once for all. */
export function parseEmailList(
  text: string,
  defaults: { department: string; role: string },
): { ok: true; rows: RawStaffRow[] } | Failed {
  const rows: RawStaffRow[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim().replace(/[,;]$/, "");
    if (!line) return;
    const named = /^(.*?)\s*<([^>]*)>$/.exec(line);
    rows.push({
      line: i + 1,
      name: named ? named[1].replace(/^"|"$/g, "").trim() : "",
      email: named ? named[2].trim() : line,
      department: defaults.department,
      role: defaults.role,
    });
  });
  if (rows.length === 0) return fail("organizations:import.errors.empty");
  if (rows.length > MAX_IMPORT_ROWS) return fail("organizations:import.errors.tooMany");
  return { ok: true, rows };
}

export type InviteRole = "LEARNER" | "MANAGER";

export type StaffImportContext = {
  departments: { id: string; name: string }[];
  /** lower-cased email → membership status, for people already in the organization */
  members: Map<string, "ACTIVE" | "DEACTIVATED">;
  /** lower-cased emails with an invitation still open */
  pending: Set<string>;
  /** role words accepted in the role column (lower-cased): English keywords and each language's labels */
  roleAliases: Map<string, InviteRole>;
};

export type ValidatedStaffRow = {
  line: number;
  input: Omit<RawStaffRow, "line">;
  /** what is wrong with the row, one Failure per problem (`field`: the column) */
  errors: (Failure & { field: "name" | "email" | "department" | "role" })[];
  value: { name: string | null; email: string; departmentId: string | null; role: InviteRole } | null;
};

const email = z.string().trim().toLowerCase().min(1, "field.required").max(254, "email.invalid").email("email.invalid");
const name = z.string().trim().max(120, "name.tooLong");

/** Checks every row (nothing is written here): field errors are translation keys, per row. */
export function validateStaffRows(rows: RawStaffRow[], context: StaffImportContext): ValidatedStaffRow[] {
  const seen = new Set<string>();
  const departmentsByName = new Map(context.departments.map((d) => [d.name.trim().toLowerCase(), d.id]));
  return rows.map((row) => {
    const errors: ValidatedStaffRow["errors"] = [];
    const parsedEmail = email.safeParse(row.email);
    const parsedName = name.safeParse(row.name);
    if (!parsedName.success) errors.push({ field: "name", key: parsedName.error.issues[0].message });
    let normalizedEmail = "";
    if (!parsedEmail.success) errors.push({ field: "email", key: parsedEmail.error.issues[0].message });
    else {
      normalizedEmail = parsedEmail.data;
      const status = context.members.get(normalizedEmail);
      if (seen.has(normalizedEmail)) errors.push({ field: "email", key: "organizations:import.errors.duplicate" });
      else if (status === "ACTIVE") errors.push({ field: "email", key: "organizations:import.errors.alreadyMember" });
      else if (status === "DEACTIVATED") errors.push({ field: "email", key: "organizations:import.errors.deactivatedMember" });
      else if (context.pending.has(normalizedEmail)) errors.push({ field: "email", key: "organizations:import.errors.alreadyInvited" });
      seen.add(normalizedEmail);
    }
    let departmentId: string | null = null;
    if (row.department.trim()) {
      departmentId = departmentsByName.get(row.department.trim().toLowerCase()) ?? null;
      if (!departmentId) errors.push({ field: "department", key: "organizations:import.errors.unknownDepartment" });
    }
    const role = row.role.trim() ? context.roleAliases.get(row.role.trim().toLowerCase()) : "LEARNER";
    if (!role) errors.push({ field: "role", key: "organizations:import.errors.unknownRole" });
    const { line, ...input } = row;
    return {
      line,
      input,
      errors,
      value:
        errors.length === 0
          ? { name: parsedName.success && parsedName.data ? parsedName.data : null, email: normalizedEmail, departmentId, role: role! }
          : null,
    };
  });
}
