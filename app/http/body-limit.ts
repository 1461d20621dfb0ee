// Request body limits, applied by server.mjs BEFORE Remix (and any action) reads a byte, so that an
// anonymous 100 MB POST costs neither memory nor time (issue 16: it grew the server by 235 MB).
// Declared lengths over the route's limit are refused at once, before the body is read; a body
// without a declared length is refused with 411 (readFormData in forms.ts also counts the bytes it
// reads, for requests that reach the app another way, e.g. `remix dev`).
import type { IncomingMessage } from "node:http";

export const MB = 1024 * 1024;
/** An ordinary form: a few fields, a CSV pasted into a text area. */
export const FORM_MAX_BYTES = 1 * MB;

// Routes that take uploads, with room for the multipart envelope around the file itself.
// Each pattern also matches the route's single-fetch URL (`<path>.data`), which is what a hydrated
// page posts to: without it a file sent from the page got the 1 MB form limit.
const UPLOAD_LIMITS: { pattern: RegExp; maxBytes: number }[] = [
  // a course .zip: author.import.tsx refuses a zip over 10 MB itself, with a message on the page;
  // this bound only has to leave room above that for a somewhat larger upload and the multipart framing
  { pattern: /^\/author\/import(\.data)?\/?$/, maxBytes: 16 * MB },
  // a staff CSV (1 MB, organizations/csv.server.ts) sent as a file and echoed in a text area
  { pattern: /^\/manage\/[^/]+\/invite(\.data)?\/?$/, maxBytes: 3 * MB },
];

export function bodyLimitFor(pathname: string): number {
  return UPLOAD_LIMITS.find((l) => l.pattern.test(pathname))?.maxBytes ?? FORM_MAX_BYTES;
}

type Res = {
  headersSent: boolean;
  status(code: number): Res;
  set(headers: Record<string, string>): Res;
  send(body: string): unknown;
};

/**
 * Express middleware. `page(req)` renders the translated 413 page (entry.server.tsx), so that a
 * person who picked too large a file reads why in their language.
 */
export function bodyLimit(page: (req: IncomingMessage, maxBytes: number) => Promise<string>) {
  return (req: IncomingMessage & { path?: string }, res: Res, next: (error?: unknown) => void) => {
    const method = (req.method ?? "GET").toUpperCase();
    if (method === "GET" || method === "HEAD" || method === "OPTIONS") return next();
    const maxBytes = bodyLimitFor(req.path ?? new URL(req.url ?? "/", "http://x").pathname);
    const refuse = () => {
      if (res.headersSent) return;
      page(req, maxBytes)
        .catch(() => "Payload Too Large")
        .then((html) => {
          if (res.headersSent) return;
          // the rest of the body is not read: close the connection instead of draining it
          res.status(413).set({ "Content-Type": "text/html; charset=utf-8", Connection: "close" }).send(html);
        });
    };
    const declared = req.headers["content-length"];
    if (declared === undefined) {
      // A body without a declared length (chunked) could only be cut off after part of it was read.
      // Browsers always declare the length of a form; only scripts stream, and they can say 411.
      if (req.headers["transfer-encoding"]) {
        res.status(411).set({ "Content-Type": "text/plain; charset=utf-8", Connection: "close" }).send("Length Required");
        return;
      }
    } else if (!/^\d+$/.test(declared) || Number(declared) > maxBytes) {
      return refuse();
    }
    next();
  };
}
