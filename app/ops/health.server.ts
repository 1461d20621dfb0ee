import { getDb } from "~/db.server";

/** Throws when the database does not answer a trivial query (the health check of /healthz). */
export async function pingDatabase(): Promise<void> {
  const db = await getDb();
  await db.$queryRawUnsafe("SELECT 1");
}
