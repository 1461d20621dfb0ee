// `npm start` runs one app process per core (scripts/serve.mjs, node:cluster). With WEB_CONCURRENCY=2:
// both workers answer, the notification runner runs in exactly one of them, a worker that dies is
// replaced while the other keeps answering (and the runner moves, never running twice), and SIGTERM
// stops everything cleanly. Runs on SQLite, and on PostgreSQL in CI's second pass.
import { request as httpRequest } from "node:http";
import { expect, test } from "@playwright/test";
import { ownDatabaseUrl, ports, prepareDatabase, startApp, type AppProcess } from "./processes";

const databaseUrl = ownDatabaseUrl("cluster");

test.describe.configure({ mode: "serial" });
test.setTimeout(600_000); // generous: preparing its database alone took over 4 minutes on a busy machine

let app: AppProcess | undefined;

test.afterAll(async () => {
  await app?.kill("SIGKILL");
});

/** One GET on a connection of its own (no keep-alive), so that the cluster hands each to a worker afresh. */
function get(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "localhost", port: ports.cluster, path, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

async function healthWorker(): Promise<number> {
  const { status, body } = await get("/healthz");
  expect(status).toBe(200);
  const health = JSON.parse(body) as { status: string; worker: number | null };
  expect(health.status).toBe("ok");
  expect(typeof health.worker).toBe("number");
  return health.worker!;
}

/** "notification runner in app process <id> (pid <pid>)" lines of the log, in order. */
const runnerLines = (log: string) => [...log.matchAll(/notification runner in app process (\d+) \(pid (\d+)\)/g)].map((m) => ({ worker: Number(m[1]), pid: Number(m[2]) }));
const listeningPids = (log: string) => new Map([...log.matchAll(/app process (\d+) \(pid (\d+)\) listening/g)].map((m) => [Number(m[1]), Number(m[2])]));
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

test("two app processes answer; a killed one is replaced, the runner runs once; SIGTERM stops all", async () => {
  await prepareDatabase(databaseUrl);
  app = await startApp(ports.cluster, databaseUrl, { WEB_CONCURRENCY: "2", NOTIFICATIONS_INTERVAL_SECONDS: "3600" }, "scripts/serve.mjs");

  // both workers answer (connections are handed round: a few requests reach both)
  const seen = new Set<number>();
  for (let i = 0; i < 40 && seen.size < 2; i++) seen.add(await healthWorker());
  expect([...seen].sort()).toEqual([1, 2]);

  // the runner role went to exactly one of them
  await expect.poll(() => runnerLines(app!.output()).length, { timeout: 60_000 }).toBe(1);
  const [holder] = runnerLines(app.output());
  const pids = listeningPids(app.output());
  expect(pids.get(holder.worker)).toBe(holder.pid);
  const other = [...pids.entries()].find(([worker]) => worker !== holder.worker)!;

  // kill the runner's process outright; once the primary has seen it go, every request still succeeds
  process.kill(holder.pid, "SIGKILL");
  await expect.poll(() => app!.output().includes(`worker ${holder.pid} exited (SIGKILL)`), { timeout: 60_000 }).toBe(true);
  for (let i = 0; i < 10; i++) {
    expect((await get("/")).status).toBe(200);
    await healthWorker();
  }

  // the runner moved to a live worker, once: never two at a time, never back to the dead one
  await expect.poll(() => runnerLines(app!.output()).length, { timeout: 60_000 }).toBe(2);
  const moved = runnerLines(app.output())[1];
  expect(moved.worker).not.toBe(holder.worker);
  expect(isAlive(moved.pid)).toBe(true);

  // a replacement worker (number 3) comes up and answers too
  await expect.poll(() => listeningPids(app!.output()).has(3), { timeout: 120_000 }).toBe(true);
  const answering = new Set<number>();
  for (let i = 0; i < 40 && !answering.has(3); i++) answering.add(await healthWorker());
  expect(answering.has(3)).toBe(true);
  expect(runnerLines(app.output())).toHaveLength(2);

  // SIGTERM to the primary: the workers close and exit, then the primary, with status 0
  const workerPids = [other[1], listeningPids(app.output()).get(3)!];
  await app.kill("SIGTERM");
  expect(app.child.exitCode).toBe(0);
  await expect.poll(() => workerPids.filter(isAlive), { timeout: 30_000 }).toEqual([]);
});
