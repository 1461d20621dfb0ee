// Sends the queued xAPI statements to the Learning Record Store (docs/integrations.md), from the job
// runner, with the notification runner's guarantees:
// - a batch is claimed with one conditional UPDATE (…WHERE lockedUntil is past), so two processes never
//   send the same statement at once;
// - a statement is marked SENT only after the LRS accepted it; a process that dies in between leaves
//   a lock that expires, and the statement is sent again later — with the same id, which the LRS
//   recognises (xAPI 1.0.3: statements are identified by id; PUT of an id it already has is
//   answered 204 or 409), so it never counts twice and is never lost;
// - the LRS down (network error, 5xx, 429, a wrong address or credentials): retried with exponential
//   back-off, without end, until it is accepted; only a statement the LRS refuses as such (400, 413)
//   is marked FAILED, with the LRS's answer, as sending it again would not change the answer.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getDb, type Db } from "~/db.server";
import { backoffMs } from "~/notifications/schedule";
import { xapiConfig, type XapiConfig } from "./config.server";
import { XAPI_VERSION } from "./statements";

export type XapiRunOptions = {
  db?: Db;
  config?: XapiConfig | null;
  now?: () => Date;
  lockMs?: number;
  batchSize?: number;
  backoffBaseMs?: number;
  /** for tests: the HTTP client */
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export type XapiPassResult = { sent: number; failed: number; retrying: number };

const PROCESS_ID = `${hostname()}:${process.pid}`;

/** Answers that mean "this statement will never be accepted as it is". */
const REFUSED = new Set([400, 413]);

function statementsUrl(endpoint: string, id: string): string {
  const base = endpoint.endsWith("/") ? endpoint : `${endpoint}/`;
  const url = new URL("statements", base);
  url.searchParams.set("statementId", id);
  return url.toString();
}

function authorization(config: XapiConfig): Record<string, string> {
  if (config.username === null) return {};
  return { Authorization: `Basic ${Buffer.from(`${config.username}:${config.password ?? ""}`).toString("base64")}` };
}

type Outcome = { ok: true } | { ok: false; refused: boolean; error: string };

async function send(config: XapiConfig, id: string, statement: unknown, options: XapiRunOptions): Promise<Outcome> {
  const http = options.fetch ?? fetch;
  try {
    // PUT with the id: the idempotent form of the Statement Resource (xAPI 1.0.3 communication §2.1.1)
    const response = await http(statementsUrl(config.endpoint, id), {
      method: "PUT",
      headers: { "Content-Type": "application/json", "X-Experience-API-Version": XAPI_VERSION, ...authorization(config) },
      body: JSON.stringify(statement),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
    const text = (await response.text().catch(() => "")).slice(0, 300);
    // 204: stored; 200: some LRSs answer so; 409: it already holds a statement with this id — ours,
    // since a queued statement never changes
    if (response.status === 204 || response.status === 200 || response.status === 409) return { ok: true };
    return { ok: false, refused: REFUSED.has(response.status), error: `${response.status} ${text}`.trim() };
  } catch (error) {
    const e = error as { name?: string; message?: string; cause?: { code?: string } };
    return { ok: false, refused: false, error: [e.name, e.cause?.code, e.message].filter(Boolean).join(" ").slice(0, 300) };
  }
}

export async function deliverXapi(options: XapiRunOptions = {}, maxBatches = 20): Promise<XapiPassResult> {
  const config = options.config === undefined ? xapiConfig() : options.config;
  const result = { sent: 0, failed: 0, retrying: 0 };
  if (!config) return result;
  const db = options.db ?? (await getDb());
  const clock = options.now ?? (() => new Date());
  const lockMs = options.lockMs ?? 5 * 60_000;
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = clock();
    const claimable = { status: "PENDING" as const, nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
    const candidates = await db.xapiStatement.findMany({ where: claimable, select: { id: true }, orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }], take: options.batchSize ?? 50 });
    if (candidates.length === 0) break;
    const lock = `${PROCESS_ID}:${randomUUID()}`;
    await db.xapiStatement.updateMany({ where: { id: { in: candidates.map((c) => c.id) }, ...claimable }, data: { lockedBy: lock, lockedUntil: new Date(now.getTime() + lockMs) } });
    // oldest first, so an LRS sees a person's events in the order they happened
    const claimed = await db.xapiStatement.findMany({ where: { lockedBy: lock }, select: { id: true, statement: true, attempts: true }, orderBy: { createdAt: "asc" } });
    let unreachable = false;
    for (const s of claimed) {
      // once the LRS is unreachable, the rest of the batch waits for the next pass rather than
      // each timing out in turn
      const outcome: Outcome = unreachable ? { ok: false, refused: false, error: "not tried: the LRS did not answer the previous statement" } : await send(config, s.id, s.statement, options);
      const attempts = unreachable ? s.attempts : s.attempts + 1;
      if (outcome.ok) {
        await db.xapiStatement.updateMany({ where: { id: s.id, lockedBy: lock }, data: { status: "SENT", sentAt: clock(), attempts, lastError: null, lockedBy: null, lockedUntil: null } });
        result.sent++;
        continue;
      }
      if (!outcome.refused) unreachable = true;
      await db.xapiStatement.updateMany({
        where: { id: s.id, lockedBy: lock },
        data: {
          attempts,
          lastError: outcome.error,
          status: outcome.refused ? "FAILED" : "PENDING",
          nextAttemptAt: new Date(clock().getTime() + backoffMs(Math.max(1, attempts), options.backoffBaseMs)),
          lockedBy: null,
          lockedUntil: null,
        },
      });
      if (outcome.refused) result.failed++;
      else result.retrying++;
    }
    if (unreachable) break;
  }
  return result;
}
