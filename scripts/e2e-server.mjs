// Starts the production server on a fresh throwaway database for the end-to-end tests.
import { rmSync } from "node:fs";
import { prepareDatabase } from "./e2e-prepare.mjs";

// emails of this run go to their own outbox folder (read on /admin/outbox), emptied at each start
process.env.MAIL_OUTBOX_DIR ??= `.data/e2e-outbox-${process.env.PORT ?? 3000}`;
rmSync(process.env.MAIL_OUTBOX_DIR, { recursive: true, force: true });
await prepareDatabase(process.env.DATABASE_URL);
await import("../server.mjs");
