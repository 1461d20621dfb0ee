import cluster from "node:cluster";
import { pingDatabase } from "~/ops/health.server";

// For load balancers and the e2e webServer: 200 when the database answers, 503 when it does not.
// Under `npm start` with several app processes (scripts/serve.mjs), `worker` is the answering
// process's cluster worker number (1, 2, … counting restarts; null for a single process): it tells
// an operator or a test that every process answers, and reveals nothing else.
export async function loader() {
  try {
    await pingDatabase();
    return Response.json({ status: "ok", database: "ok", worker: cluster.worker?.id ?? null }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
