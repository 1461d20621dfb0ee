// A hydrated page ships only the namespaces its routes declare in `handle.i18n` (app/root.tsx). This
// test reads every route that declares them, with the components it imports (not server modules:
// their strings are translated on the server), and fails when the page's browser code uses a
// namespace that is neither declared nor one of the layout's — which would cost a fetch on hydration.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { layoutNamespaces, namespaces, pageNamespaces } from "./config";

const appDir = path.resolve(__dirname, "..");

function resolveImport(from: string, specifier: string): string | null {
  const base = specifier.startsWith("~/") ? path.join(appDir, specifier.slice(2)) : specifier.startsWith(".") ? path.resolve(path.dirname(from), specifier) : null;
  if (!base || /\.server(\.tsx?)?$/.test(base)) return null;
  for (const candidate of [base, `${base}.tsx`, `${base}.ts`, path.join(base, "index.tsx"), path.join(base, "index.ts")]) {
    if (/\.tsx?$/.test(candidate) && existsSync(candidate)) return candidate;
  }
  return null;
}

/** Namespaces the browser code of `file` and of the modules it imports uses. */
function usedNamespaces(file: string, seen = new Set<string>()): Set<string> {
  const used = new Set<string>();
  if (seen.has(file)) return used;
  seen.add(file);
  const source = readFileSync(file, "utf8");
  for (const m of source.matchAll(/useTranslation\(\s*(\[[^\]]*\]|"[^"]*")?/g)) {
    if (!m[1]) used.add("common");
    else for (const ns of m[1].matchAll(/"([^"]+)"/g)) used.add(ns[1]);
  }
  for (const ns of namespaces) if (new RegExp(`["'\`]${ns}:[A-Za-z]`).test(source) || new RegExp(`ns:\\s*\\[?\\s*"${ns}"`).test(source)) used.add(ns);
  for (const m of source.matchAll(/^import\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gm)) {
    const target = resolveImport(file, m[1]);
    if (target) for (const ns of usedNamespaces(target, seen)) used.add(ns);
  }
  return used;
}

const routesDir = path.join(appDir, "routes");
const declaring = readdirSync(routesDir)
  .filter((f) => /\.tsx$/.test(f) && !f.includes(".test."))
  .map((f) => ({ file: f, declared: /\bi18n:\s*\[([^\]]*)\]/.exec(readFileSync(path.join(routesDir, f), "utf8")) }))
  .filter((r) => r.declared);

describe("namespaces shipped with a hydrated page", () => {
  it("the layout (app/root.tsx and its components) uses only the namespaces every page ships", () => {
    const used = [...usedNamespaces(path.join(appDir, "root.tsx"))];
    expect(used.filter((ns) => !layoutNamespaces.includes(ns as never))).toEqual([]);
  });

  it("the learner's hydrated pages declare theirs", () => {
    expect(declaring.map((r) => r.file)).toEqual(expect.arrayContaining(["courses._index.tsx", "courses.$slug._index.tsx", "courses.$slug.$moduleKey.quiz.tsx", "learning._index.tsx"]));
  });

  for (const route of declaring) {
    it(`${route.file} declares every namespace its page uses`, () => {
      const declared = [...route.declared![1].matchAll(/"([^"]+)"/g)].map((m) => m[1]);
      for (const ns of declared) expect(namespaces).toContain(ns);
      const missing = [...usedNamespaces(path.join(routesDir, route.file))].filter((ns) => !declared.includes(ns) && !layoutNamespaces.includes(ns as never));
      expect(missing).toEqual([]);
    });
  }

  it("a page whose routes all declare ships the layout's and theirs; one route without a declaration ships all", () => {
    expect(pageNamespaces([{ i18n: ["learning"] }])).toEqual(["common", "errors", "learning"]);
    expect(pageNamespaces([{ i18n: ["learning"] }, { hydrate: true }])).toEqual(namespaces);
    expect(pageNamespaces([undefined])).toEqual(namespaces);
  });
});
