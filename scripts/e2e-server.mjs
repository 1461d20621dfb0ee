// Starts the production server on a fresh throwaway database for the end-to-end tests.
import { prepareDatabase } from "./e2e-prepare.mjs";

await prepareDatabase(process.env.DATABASE_URL);
await import("../server.mjs");
