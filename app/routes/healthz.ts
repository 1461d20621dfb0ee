import { pingDatabase } from "~/ops/health.server";

// For load balancers and the e2e webServer: 200 when the database answers, 503 when it does not.
export async function loader() {
  try {
    await pingDatabase();
    return Response.json({ status: "ok", database: "ok" }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error("healthz: database check failed", error);
    return Response.json({ status: "error", database: "unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
