// Production app processes started by a spec itself (beside Playwright's own webServer), for the
// tests that need several processes on one database or that kill and restart a server.
import { spawn, type ChildProcess } from "node:child_process";
import { prepareDatabase } from "../../scripts/e2e-prepare.mjs";

export { prepareDatabase };

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
/** The ports these specs use, next to Playwright's server (E2E_PORT): crash test +1, two processes +2/+3, proxy +4, cluster +5. */
export const ports = { crash: E2E_PORT + 1, first: E2E_PORT + 2, second: E2E_PORT + 3, proxy: E2E_PORT + 4, cluster: E2E_PORT + 5 };

export const isPostgresRun = () => /^postgres(ql)?:\/\//.test(process.env.E2E_DATABASE_URL ?? "");

/** A throwaway database of this spec's own, beside the e2e one: SQLite file or PostgreSQL database. */
export function ownDatabaseUrl(suffix: string): string {
  const base = process.env.E2E_DATABASE_URL;
  if (base && isPostgresRun()) {
    const url = new URL(base);
    url.pathname = `${url.pathname}_${suffix}`;
    return url.toString();
  }
  return `file:./e2e-${suffix}.db`;
}

export type AppProcess = { child: ChildProcess; origin: string; output: () => string; kill: (signal?: NodeJS.Signals) => Promise<void> };

/**
 * `node server.mjs` (the production build) on a port, resolved once /healthz answers; `script`
 * "scripts/serve.mjs" starts it as `npm run serve` does (several processes with WEB_CONCURRENCY).
 */
export async function startApp(port: number, databaseUrl: string, env: Record<string, string> = {}, script = "server.mjs"): Promise<AppProcess> {
  const childEnv: Record<string, string | undefined> = {
    ...process.env,
    PUBLIC_URL: undefined, // set per process below or through env: another spec may have set ours
    NODE_ENV: "production",
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: "e2e-session-secret-at-least-32-characters-long",
    ...env,
  };
  const child = spawn(process.execPath, [script], { env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const origin = `http://localhost:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`app on port ${port} exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${origin}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 1200) throw new Error(`app on port ${port} did not come up in 2 minutes:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    origin,
    output: () => log,
    kill: async (signal = "SIGTERM") => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Signs in through the login form as a browser would (Origin header set); returns the Cookie header. */
export async function signInOverHttp(origin: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${origin}/login`, {
    method: "POST",
    headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  // the sign-in also sets the browser's device cookie (docs/security.md): keep the session's
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).find((c) => c.startsWith("session=")) ?? "";
  if (response.status !== 302 || !cookie) throw new Error(`sign-in of ${email} failed: HTTP ${response.status}`);
  return cookie;
}

/** A form POST with the session cookie, as Remix's fetchers send it. */
export function postForm(origin: string, path: string, cookie: string, form: Record<string, string>) {
  return fetch(`${origin}${path}`, {
    method: "POST",
    headers: { Origin: origin, Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
    redirect: "manual",
  });
}

/** The short fixture course's right answers (tests/fixtures/courses/short-course). */
export const rightAnswers: Record<string, string[]> = {
  "who-holds-rights": ["everyone"],
  duties: ["respect", "protect", "fulfil"],
  "local-role": ["true"],
  steps: ["analyse", "plan", "budget", "monitor"],
};
