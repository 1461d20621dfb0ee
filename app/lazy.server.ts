// Packages that only some requests need (PDF fonts and shaping, mail, the password block list) are
// loaded at their first use rather than when the server starts: each app process of `npm start`
// would otherwise carry them from its first page on (docs/performance.md, "Memory after a load run").
import { createRequire } from "node:module";

/** Node's `require`, for loading a CommonJS package synchronously at its first use. */
export const requirePackage = createRequire(import.meta.url);

/** A value computed at its first use and kept for the life of the process. */
export function onFirstUse<T>(create: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: create() }).value;
}
