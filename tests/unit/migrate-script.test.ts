// `npm run db:deploy` (scripts/migrate.mjs), the step of `npm start` that issue 18 found confusing:
// Prisma's "datasource url … Driver Adapter" warning is not shown, a second start beside a running
// server with nothing to migrate just goes on, and a database held by another process while migrations
// are pending is said in one plain sentence (not "WASM_ERROR: unknown variant `SocketTimeout`").
import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

function deploy(file: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: `file:${file}` } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    );
  });
}

describe("db:deploy on SQLite", () => {
  it("migrates a new database without Prisma's adapter warning; a second run beside an open writer says it is up to date", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrate-script-"));
    const file = path.join(dir, "platform.db");
    try {
      const first = await deploy(file);
      expect(first.code, first.out).toBe(0);
      expect(first.out).not.toMatch(/WARNING|datasource properties|remove those properties/i);
      // a running server holds the write lock: nothing to migrate, so the start goes on
      const server = new Database(file);
      server.exec("BEGIN IMMEDIATE");
      try {
        const second = await deploy(file);
        expect(second.code, second.out).toBe(0);
        expect(second.out).toContain("up to date");
      } finally {
        server.exec("ROLLBACK");
        server.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("pending migrations while another process holds the database: one plain sentence, exit 1", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "migrate-script-"));
    const file = path.join(dir, "platform.db");
    const server = new Database(file);
    try {
      server.exec("CREATE TABLE something_else (a INTEGER)");
      server.exec("BEGIN IMMEDIATE");
      const result = await deploy(file);
      expect(result.code).toBe(1);
      expect(result.out.trim().split("\n")).toHaveLength(1);
      expect(result.out).toContain("is in use by another process");
      expect(result.out).not.toMatch(/WASM|SocketTimeout/);
    } finally {
      server.exec("ROLLBACK");
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
