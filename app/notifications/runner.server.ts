// The job runner: one pass = compute the scheduled notices, then send the pending emails.
// All its state is in the database, so any number of app processes (and `npm run jobs:run`) can run
// passes at the same time:
// - a process claims a batch with one conditional UPDATE (… WHERE lockedUntil is past), so two
//   processes never hold the same notice;
// - it marks an email SENT only after the SMTP server accepted it;
// - a process that dies mid-send leaves a lock that expires: the notice is claimed again later and
//   never lost. The price: if it died after the SMTP server accepted the message but before the
//   database recorded it, the email goes out twice, with the same Message-ID (docs/notifications.md).
// - an SMTP error is retried with exponential back-off, up to MAX_ATTEMPTS; then the notice is FAILED,
//   with its last error shown to managers.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { getDb, type Db } from "~/db.server";
import { env } from "~/env.server";
import { publicOrigin } from "~/http/public-origin.server";
import { defaultMailer, type Mailer } from "./mailer.server";
import { backoffMs, MAX_ATTEMPTS } from "./schedule";
import { scheduleAll, scheduleDue } from "./scheduler.server";
import { openSecret } from "./secret.server";
import { renderEmail, type NotificationParams } from "./templates.server";
import type { NotificationKind } from "./kinds";
import { deliverXapi, type XapiPassResult } from "~/xapi/deliver.server";

export type RunOptions = {
  db?: Db;
  mailer?: Mailer;
  now?: () => Date;
  /** how long a claim holds before another process may take the notice over */
  lockMs?: number;
  batchSize?: number;
  backoffBaseMs?: number;
  origin?: string;
  /** schedule with a full scan instead of from the watermark (`npm run jobs:run -- --full`) */
  full?: boolean;
};

export type PassResult = { created: number; sent: number; failed: number; retrying: number; xapi?: XapiPassResult };

const PROCESS_ID = `${hostname()}:${process.pid}`;

function describeError(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const parts = [e.responseCode ? String(e.responseCode) : null, e.code ?? null, e.message ?? String(error)].filter(Boolean);
  return parts.join(" ").slice(0, 500);
}

const ASSIGNMENT_KINDS = new Set<string>(["ASSIGNED", "DUE_7_DAYS", "DUE_1_DAY", "OVERDUE"]);

/**
 * Whether the email still makes sense when its turn comes: a cancelled assignment or a revoked,
 * accepted or expired invitation is not announced any more (the notice stays in the app).
 */
async function stillRelevant(db: Db, n: { kind: string; subjectId: string }, now: Date): Promise<boolean> {
  if (ASSIGNMENT_KINDS.has(n.kind)) return (await db.assignment.count({ where: { id: n.subjectId } })) > 0;
  if (n.kind === "INVITATION") {
    return (await db.invitation.count({ where: { id: n.subjectId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } })) > 0;
  }
  return true;
}

/** Sends the emails that are due, batch by batch, until none is left or `maxBatches` is reached. */
export async function deliverDue(options: RunOptions = {}, maxBatches = 20): Promise<Omit<PassResult, "created">> {
  const db = options.db ?? (await getDb());
  const mailer = options.mailer ?? defaultMailer();
  const clock = options.now ?? (() => new Date());
  const lockMs = options.lockMs ?? 5 * 60_000;
  const origin = options.origin ?? publicOrigin();
  const result = { sent: 0, failed: 0, retrying: 0 };
  for (let batch = 0; batch < maxBatches; batch++) {
    const now = clock();
    const claimable = { emailStatus: "PENDING" as const, nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] };
    const candidates = await db.notification.findMany({
      where: claimable,
      select: { id: true },
      orderBy: { nextAttemptAt: "asc" },
      take: options.batchSize ?? 25,
    });
    if (candidates.length === 0) break;
    const lock = `${PROCESS_ID}:${randomUUID()}`;
    // the claim: only rows still claimable at this instant are taken; a concurrent claimer's rows are not
    await db.notification.updateMany({
      where: { id: { in: candidates.map((c) => c.id) }, ...claimable },
      data: { lockedBy: lock, lockedUntil: new Date(now.getTime() + lockMs) },
    });
    const claimed = await db.notification.findMany({
      where: { lockedBy: lock },
      select: { id: true, kind: true, subjectId: true, email: true, locale: true, params: true, secret: true, attempts: true, user: { select: { name: true } } },
    });
    for (const n of claimed) {
      if (!(await stillRelevant(db, n, now))) {
        await db.notification.updateMany({ where: { id: n.id, lockedBy: lock }, data: { emailStatus: "SKIPPED", secret: null, lockedBy: null, lockedUntil: null } });
        continue;
      }
      try {
        const token = n.secret ? openSecret(n.secret) : null;
        if (n.kind === "INVITATION" && !token) throw new Error("The invitation link cannot be read (SESSION_SECRET changed?): renew the invitation.");
        const email = await renderEmail({
          kind: n.kind as NotificationKind,
          params: n.params as NotificationParams,
          locale: n.locale,
          recipientName: n.user?.name ?? null,
          origin,
          invitationToken: token,
        });
        const { messageId } = await mailer.send({ notificationId: n.id, to: n.email, locale: n.locale, ...email });
        await db.notification.updateMany({
          where: { id: n.id, lockedBy: lock },
          data: { emailStatus: "SENT", sentAt: clock(), messageId, secret: null, attempts: n.attempts + 1, lastError: null, lockedBy: null, lockedUntil: null },
        });
        result.sent++;
      } catch (error) {
        const attempts = n.attempts + 1;
        const givenUp = attempts >= MAX_ATTEMPTS;
        await db.notification.updateMany({
          where: { id: n.id, lockedBy: lock },
          data: {
            attempts,
            lastError: describeError(error),
            nextAttemptAt: new Date(clock().getTime() + backoffMs(attempts, options.backoffBaseMs)),
            emailStatus: givenUp ? "FAILED" : "PENDING",
            // a link that will never be sent is erased too
            ...(givenUp ? { secret: null } : {}),
            lockedBy: null,
            lockedUntil: null,
          },
        });
        if (givenUp) result.failed++;
        else result.retrying++;
      }
    }
  }
  return result;
}

/** One full pass: schedule, then deliver the emails, then the xAPI statements (when an LRS is set). */
export async function runPass(options: RunOptions = {}): Promise<PassResult> {
  const db = options.db ?? (await getDb());
  const now = (options.now ?? (() => new Date()))();
  const created = await (options.full ? scheduleAll(db, now) : scheduleDue(db, now));
  const emails = await deliverDue({ ...options, db });
  const xapi = await deliverXapi({ db, now: options.now, lockMs: options.lockMs, backoffBaseMs: options.backoffBaseMs });
  return { created, ...emails, ...(xapi.sent || xapi.failed || xapi.retrying ? { xapi } : {}) };
}

let started = false;

/**
 * Runs a pass every NOTIFICATIONS_INTERVAL_SECONDS in this process (0: never). The timer does not keep
 * the process alive, and a pass never overlaps the previous one in the same process.
 */
export function startNotificationRunner(): void {
  const seconds = env().NOTIFICATIONS_INTERVAL_SECONDS;
  if (started || seconds === 0) return;
  started = true;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const r = await runPass();
      if (r.created || r.sent || r.failed || r.retrying || r.xapi) console.log(`notifications: ${JSON.stringify(r)}`);
    } catch (error) {
      console.error("notifications: pass failed", error);
    } finally {
      running = false;
    }
  };
  setTimeout(tick, Math.min(seconds, 5) * 1000).unref();
  setInterval(tick, seconds * 1000).unref();
}
