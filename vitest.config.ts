// Standalone Vitest config (the Remix classic compiler does not use Vite; this file is only for tests).
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts"],
    environment: "node",
    // unit tests that touch the database each create their own throwaway SQLite file (or PostgreSQL
    // database) and apply every migration in a hook: on a machine whose cores are busy with a build or
    // a browser that takes well over vitest's default 10 s. These limits only catch hangs; speed is
    // measured by the benchmarks, never by a test's time limit.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
