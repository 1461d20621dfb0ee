import { PrismaAdapter } from "@lucia-auth/adapter-prisma";
import { sqltag as sql } from "@prisma/client/runtime/client";
import type { DatabaseSession, DatabaseUser } from "lucia";
import { readRows, type Db } from "~/db.server";

/**
 * lucia's Prisma adapter, with the one read that every signed-in request makes — the session and its
 * user — as a single SQL join. Prisma runs `findUnique({ include: { user } })` as two statements,
 * each planned by its query compiler (~1.2 ms of CPU together, against ~0.2 ms for this statement;
 * docs/performance.md). Only the user columns the app reads are fetched (not the password hash).
 * Writes (create, extend, delete sessions) stay with the upstream adapter: they are rare.
 */
export class SessionAdapter extends PrismaAdapter<Db> {
  constructor(private readonly db: Db) {
    super(db.session, db.user);
  }

  override async getSessionAndUser(sessionId: string): Promise<[session: DatabaseSession | null, user: DatabaseUser | null]> {
    const rows = await readRows<{ userId: string; expiresAt: Date; email: string; name: string; locale: string }>(this.db, sql`
      SELECT s."userId", s."expiresAt", u."email", u."name", u."locale"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
      WHERE s."id" = ${sessionId}`);
    const row = rows[0];
    if (!row) return [null, null];
    return [
      { id: sessionId, userId: row.userId, expiresAt: row.expiresAt, attributes: {} },
      { id: row.userId, attributes: { email: row.email, name: row.name, locale: row.locale } },
    ];
  }
}
