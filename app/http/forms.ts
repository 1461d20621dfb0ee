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

// ---------------------------------------------------------------------------------------------
// The form contract (docs/decisions/0009-form-contract.md). Every refusal an area or an action
// gives back has ONE shape, `{ ok: false, errors: Failure[] }`: a list, because one form can have
// several wrong fields at once; a refusal about the whole form is a Failure without `field`.
// Keys are translation keys, written with their namespace (errors:field.required,
// authoring:form.gone) so that whatever shows them needs no knowledge of where they came from.

/** Why something was refused: a translation key, the field it belongs to (none: the whole form), values the text needs. */
export type Failure = { key: string; field?: string; values?: Record<string, string | number> };
export type Failed = { ok: false; errors: Failure[] };

/** A refusal with one reason. */
export function fail(key: string, options: { field?: string; values?: Record<string, string | number> } = {}): Failed {
  const failure: Failure = { key };
  if (options.field) failure.field = options.field;
  if (options.values) failure.values = options.values;
  return { ok: false, errors: [failure] };
}

/** The failure of one field (`field` undefined: the one about the whole form), if any. */
export function failureOf(errors: readonly Failure[] | undefined, field?: string): Failure | undefined {
  return errors?.find((e) => e.field === field);
}

/**
 * A form's fields as strings, for a schema and to put back in the form after a refusal. A name sent
 * more than once (a group of checkboxes) comes back comma-separated; files are left out.
 */
export function formValues(formData: FormData, fields?: readonly string[]): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const [k, v] of formData) {
    if (typeof v !== "string" || (fields && !fields.includes(k))) continue;
    raw[k] = k in raw ? `${raw[k]},${v}` : v;
  }
  return raw;
}

/**
 * Checks a form against a zod schema whose messages are translation keys: the typed data, or one
 * Failure per wrong field (its first problem). `form` may be the FormData or the values already read.
 */
export function parseForm<S extends z.ZodTypeAny>(
  schema: S,
  form: FormData | Record<string, unknown>,
): { ok: true; data: z.infer<S> } | Failed {
  const raw = form instanceof FormData ? formValues(form) : form;
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const errors: Failure[] = [];
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : undefined;
    if (!errors.some((e) => e.field === field)) errors.push(field ? { key: issue.message, field } : { key: issue.message });
  }
  return { ok: false, errors };
}

/**
 * The one parser of the request: reads the body within its limit (a malformed or oversized one is a
 * thrown 4xx, see readFormData) and checks it against `schema`. `formData` is returned as well, for
 * the fields a schema does not cover (files, repeated names) and to put values back in the form.
 */
export async function readForm<S extends z.ZodTypeAny>(
  request: Request,
  schema: S,
  options: { maxBytes?: number } = {},
): Promise<({ ok: true; data: z.infer<S> } | Failed) & { formData: FormData }> {
  const formData = await readFormData(request, options);
  return { ...parseForm(schema, formData), formData };
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
