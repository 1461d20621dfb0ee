// Standalone Vitest config (the Remix classic compiler does not use Vite; this file is only for tests).
import { defineConfig } from "vitest/config";
import { fileURLToPath } from "node:url";

export default defineConfig({
  resolve: { alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) } },
  test: {
    include: ["app/**/*.test.{ts,tsx}", "tests/unit/**/*.test.ts"],
    environment: "node",
    // unit tests that touch the database each create their own throwaway SQLite file
    testTimeout: 20_000,
  },
});
