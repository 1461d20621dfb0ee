// Prisma 6.19 CLI config (no native engines: works with only the npm registry reachable).
// Provider is chosen from DATABASE_URL:
//   file:./platform.db                       -> SQLite   (prisma/schema.prisma,          prisma/migrations)
//   postgresql://user:pw@host:5432/db   -> Postgres (prisma/postgres/schema.prisma, prisma/postgres/migrations)
// engine "js" + adapter => the CLI runs the WASM schema engine through the driver adapter, and the schema's
// generator has engineType = "client" (WASM query compiler) => no native engine is downloaded.
import { defineConfig } from "prisma/config";
import { randomUUID } from "node:crypto";

// Offline guard: some CLI paths (e.g. `prisma generate --schema <file>`, or a generator without
// engineType = "client") still try to download native engines at start-up. Point them at a dummy.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/bin/true";
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= "/bin/true";

const url = process.env.DATABASE_URL ?? "file:./platform.db";
process.env.DATABASE_URL = url; // schema.prisma's env("DATABASE_URL") must resolve (the value itself is unused)
const isPg = /^postgres(ql)?:\/\//.test(url);

type Q = { sql: string; args: unknown[] };

// SQLite, Prisma 6.19 bug: the WASM schema engine replays each migration into the SHADOW database with ONE
// executeRaw() holding the whole multi-statement script. better-sqlite3 throws ("more than one statement"),
// libsql silently runs only the first statement => `migrate dev` / `migrate diff --from-migrations` break.
// Route multi-statement, parameterless SQL on the shadow connection to executeScript().
function sqliteShadowFix<F extends object>(factory: F): F {
  const f = factory as any;
  const connectToShadowDb = f.connectToShadowDb.bind(f);
  f.connectToShadowDb = async () => {
    const adapter = await connectToShadowDb();
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (q: Q) => {
      const code = q.sql.replace(/--.*$/gm, "").trim().replace(/;$/, "");
      if (q.args.length === 0 && code.includes(";")) {
        await adapter.executeScript(q.sql);
        return 0;
      }
      return executeRaw(q);
    };
    return adapter;
  };
  return factory;
}

// Postgres, two @prisma/adapter-pg 6.19.3 bugs (both fixed in 7.x):
// 1. It rejects the catalog types `name` (OID 19) / `"char"` (OID 18) that the WASM schema engine's
//    introspection returns ("Column type 'name' could not be deserialized") => even `migrate deploy` fails.
//    Report them as TEXT (OID 25). Only this CLI process is patched.
// 2. Its shadow DB is `new Pool({ ...config, database })`, but node-pg lets `connectionString` win over
//    `database`, so the "shadow" is the MAIN database; and it drops the shadow DB before closing its pool
//    ("is being accessed by other users"). Replace connectToShadowDb.
async function patchPgCatalogTypes() {
  const { default: pg } = await import("pg");
  const R = pg.Result.prototype as any;
  if (R.__nameAsText) return;
  const addFields = R.addFields;
  R.addFields = function (fields: { dataTypeID: number }[]) {
    addFields.call(this, fields); // value parsers are chosen from the real OIDs first (both are plain text)
    for (const f of fields) if (f.dataTypeID === 19 || f.dataTypeID === 18) f.dataTypeID = 25;
  };
  R.__nameAsText = true;
}

async function pgAdapter() {
  await patchPgCatalogTypes();
  const { PrismaPg } = await import("@prisma/adapter-pg");
  const factory = new PrismaPg({ connectionString: url });
  (factory as any).connectToShadowDb = async () => {
    const main = await factory.connect();
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await main.executeScript(`CREATE DATABASE "${name}"`); // needs CREATEDB
    const shadowUrl = new URL(url);
    shadowUrl.pathname = `/${name}`;
    const shadow = await new PrismaPg({ connectionString: shadowUrl.toString() }).connect();
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow(); // close the shadow pool first
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: isPg ? "prisma/postgres/schema.prisma" : "prisma/schema.prisma",
  migrations: { path: isPg ? "prisma/postgres/migrations" : "prisma/migrations" },
  async adapter() {
    if (isPg) return pgAdapter();
    const { PrismaBetterSQLite3 } = await import("@prisma/adapter-better-sqlite3");
    return sqliteShadowFix(new PrismaBetterSQLite3({ url }));
  },
});
