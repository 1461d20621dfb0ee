// Starts the production server. For the embedded setup (`npm start` with nothing configured) it
// creates a random session secret once, in .data/session-secret, so that production mode's
// "SESSION_SECRET is required" rule holds without asking anything of the person trying the platform.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";

process.env.NODE_ENV ??= "production";
if (!process.env.SESSION_SECRET && !process.env.DATABASE_URL?.startsWith("postgres")) {
  const file = ".data/session-secret";
  if (!existsSync(file)) {
    mkdirSync(".data", { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  process.env.SESSION_SECRET = readFileSync(file, "utf8").trim();
}
await import("../server.mjs");
