import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);

// `npx playwright install` cannot download browsers here: we drive Debian's chromium.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox", // CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

// A throwaway database for each run: SQLite file by default, or E2E_DATABASE_URL (PostgreSQL).
const databaseUrl = process.env.E2E_DATABASE_URL ?? "file:./e2e.db"; // never your real database: it is dropped

export default defineConfig({
  testDir: "tests/e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: chromiumLaunchOptions,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions: chromiumLaunchOptions } }],
  webServer: {
    // expects `remix build` to have run (npm run test:e2e does it). One app process (e2e-server.mjs
    // imports server.mjs, not the cluster of scripts/serve.mjs): quicker to start on a busy CI machine,
    // and the specs share one process's state; tests/e2e/cluster.spec.ts starts `npm run serve`'s
    // cluster with WEB_CONCURRENCY=2 itself.
    command: "node scripts/e2e-server.mjs",
    url: `http://localhost:${PORT}/healthz`,
    env: {
      PORT: String(PORT),
      DATABASE_URL: databaseUrl,
      NODE_ENV: "production",
      SESSION_SECRET: "e2e-session-secret-at-least-32-characters-long",
    },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
