// Starts the production server: one app process (server.mjs) per core, with node:cluster.
// - WEB_CONCURRENCY sets the number of processes (default: the cores available; 1 = a single process,
//   no cluster). The workers share the port: the primary accepts connections and hands them round.
// - The notification runner runs in exactly one worker: the primary gives the role to one worker once
//   it listens, and to a replacement only after the previous holder has exited (docs/deployment.md).
// - A worker that dies is replaced. SIGTERM / SIGINT: every worker stops accepting, finishes its
//   in-flight requests and exits, then the primary exits. SIGHUP: rolling restart (a new worker per
//   old one, the old one stopped once the new one listens), e.g. after a new build.
// For the embedded setup (`npm start` with nothing configured) it creates a random session secret
// once, in .data/session-secret, so that production mode's "SESSION_SECRET is required" rule holds
// without asking anything of the person trying the platform; the workers inherit it.
import cluster from "node:cluster";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";

if (cluster.isWorker) {
  await import("../server.mjs");
} else {
  process.env.NODE_ENV ??= "production";
  if (!process.env.SESSION_SECRET && !process.env.DATABASE_URL?.startsWith("postgres")) {
    const file = ".data/session-secret";
    if (!existsSync(file)) {
      mkdirSync(".data", { recursive: true });
      writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
    }
    process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
  }
  const count = workerCount(process.env.WEB_CONCURRENCY);
  if (count === 1) await import("../server.mjs");
  else runPrimary(count);
}

function workerCount(setting) {
  if (setting === undefined || setting === "") return availableParallelism();
  const n = Number(setting);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`WEB_CONCURRENCY must be a whole number ≥ 1 (got "${setting}")`);
    process.exit(1);
  }
  return n;
}

function runPrimary(count) {
  let stopping = false;
  /** The worker that runs the notification runner, or null while nobody does. */
  let runnerHolder = null;
  const listening = new Set();

  const fork = () => {
    const worker = cluster.fork();
    const forkedAt = Date.now();
    worker.on("listening", () => {
      listening.add(worker);
      giveRunnerRole();
    });
    worker.on("exit", (code, signal) => {
      const wasListening = listening.delete(worker);
      if (runnerHolder === worker) runnerHolder = null;
      if (stopping || worker.replaced) {
        giveRunnerRole();
        if (stopping && Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
        return;
      }
      console.error(`worker ${worker.process.pid} exited (${signal ?? code})`);
      if (!wasListening) {
        // it never came up (bad configuration, database unreachable…): starting it again would loop
        if (Object.keys(cluster.workers ?? {}).length === 0) {
          console.error("no worker could start; stopping");
          process.exit(1);
        }
        return;
      }
      // a worker that dies right after starting is replaced after a pause, not in a tight loop
      setTimeout(fork, Date.now() - forkedAt < 5000 ? 1000 : 0);
      giveRunnerRole();
    });
    return worker;
  };

  // One runner at a time: the role goes to a listening worker only when no live worker holds it.
  function giveRunnerRole() {
    if (stopping || runnerHolder) return;
    const candidate = [...listening].find((w) => !w.replaced && w.isConnected());
    if (!candidate) return;
    runnerHolder = candidate;
    candidate.send({ type: "start-notification-runner" }, (error) => {
      // Its channel closed as the role was handed over: the worker is stopping (Ctrl+C, or a service
      // manager, signals every process at once). Without this callback the failed send is an
      // unhandled "error" that kills the primary; its "exit" hands the role on instead.
      if (error && runnerHolder === candidate) runnerHolder = null;
    });
  }

  const stop = () => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {});
    if (workers.length === 0) process.exit(0);
    // each worker closes its server and exits once its in-flight requests are answered (server.mjs)
    for (const worker of workers) worker.process.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  process.on("SIGHUP", async () => {
    if (stopping) return;
    console.log("rolling restart");
    for (const old of Object.values(cluster.workers ?? {})) {
      if (!old || old.replaced) continue;
      const fresh = fork();
      await new Promise((resolve) => {
        fresh.once("listening", resolve);
        fresh.once("exit", resolve);
      });
      if (fresh.isDead()) {
        console.error("rolling restart: the new worker did not start; the old ones keep running");
        return;
      }
      // the runner role moves to a new worker once the old holder has exited (its "exit" handler)
      old.replaced = true;
      old.process.kill("SIGTERM");
    }
  });

  console.log(`${count} app processes (WEB_CONCURRENCY)`);
  for (let i = 0; i < count; i++) fork();
}
