import type { z } from "zod";
import { FORM_MAX_BYTES } from "./body-limit";

/**
 * The one way actions read a form. Whatever arrives — JSON, plain text, no body, a broken multipart
 * envelope, too many bytes — the answer is a 4xx Response (thrown; the error page shows it translated
 * by its status, root.tsx) and the action never runs on it. Reading `request.formData()` directly
 * turned each of those into a 500 (issue 16).
 */
export async function readFormData(request: Request, options: { maxBytes?: number } = {}): Promise<FormData> {
  const maxBytes = options.maxBytes ?? FORM_MAX_BYTES;
  const type = (request.headers.get("Content-Type") ?? "").toLowerCase();
  const multipart = type.startsWith("multipart/form-data");
  if (!multipart && !type.startsWith("application/x-www-form-urlencoded")) throw formProblem(415);
  const declared = request.headers.get("Content-Length");
  if (declared !== null && Number(declared) > maxBytes) throw formProblem(413);
  const body = await readLimited(request, maxBytes);
  if (body === "tooLarge") throw formProblem(413);
  try {
    return await new Response(body, { headers: { "Content-Type": request.headers.get("Content-Type")! } }).formData();
  } catch {
    throw formProblem(400);
  }
}

/** A refused form: the status says why (the error page words it in the person's language). */
export function formProblem(status: 400 | 413 | 415): Response {
  const text = status === 413 ? "Payload Too Large" : status === 415 ? "Unsupported Media Type" : "Bad Request";
  return new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** The body's bytes, stopping (and cancelling the stream) as soon as it exceeds the limit. */
async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | "tooLarge"> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return "tooLarge";
      }
      chunks.push(value);
    }
  } catch {
    // the client went away or sent a broken body
    throw formProblem(400);
  }
  const all = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.byteLength;
  }
  return all;
}

/** Field errors are translation keys (namespace "errors"), translated where they are shown. */
export type FieldErrors = Partial<Record<string, string>>;

export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  formData: FormData,
): { ok: true; data: z.infer<S> } | { ok: false; fieldErrors: FieldErrors } {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string") raw[key] = value;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

/** What the person typed, to put back in the form (never the password). */
export function keepValues(formData: FormData, fields: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const value = formData.get(field);
    if (typeof value === "string") values[field] = value;
  }
  return values;
}

/**
 * A revision counter from a form: a whole number the database's 32-bit column can hold, else null.
 * `Number("1e20")` is an integer to JavaScript but overflows the column (a 500, issue 16).
 */
export function formRevision(value: FormDataEntryValue | null): number | null {
  if (typeof value !== "string" || !/^\d{1,10}$/.test(value.trim())) return null;
  const n = Number(value);
  return n <= 2_147_483_647 ? n : null;
}
