// Demo data for the embedded setup and the tests. Idempotent.
import { databaseUrl, openDb } from "../app/db.server.ts";
import { seedDemo, demoAccounts } from "../app/demo/demo-data.server.ts";

const db = await openDb(databaseUrl());
try {
  await seedDemo(db);
  console.log(`Demo data ready (${demoAccounts.length} demo accounts).`);
} finally {
  await db.$disconnect();
}
