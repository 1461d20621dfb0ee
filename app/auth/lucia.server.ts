// lucia v3 is deprecated upstream; it stays behind this one module so it can be replaced by the
// upstream "sessions" guide's own code without touching routes.
import { Lucia, TimeSpan } from "lucia";
import { getDb } from "~/db.server";
import { env } from "~/env.server";
import { SessionAdapter } from "./lucia-adapter.server";

async function createLucia() {
  const db = await getDb();
  const config = env();
  const secure = config.COOKIE_SECURE ? config.COOKIE_SECURE === "true" : config.NODE_ENV === "production";
  return new Lucia(new SessionAdapter(db), {
    sessionExpiresIn: new TimeSpan(30, "d"),
    sessionCookie: {
      name: "session",
      // HttpOnly and Path=/ are lucia's defaults; SameSite=Lax blocks cross-site POSTs from carrying it.
      attributes: { secure, sameSite: "lax" },
    },
    getUserAttributes: (attributes) => ({
      email: attributes.email,
      name: attributes.name,
      locale: attributes.locale,
    }),
  });
}

const g = globalThis as unknown as { __lucia?: ReturnType<typeof createLucia> };
export function getLucia() {
  return (g.__lucia ??= createLucia());
}

declare module "lucia" {
  interface Register {
    Lucia: Awaited<ReturnType<typeof createLucia>>;
    DatabaseUserAttributes: { email: string; name: string; locale: string };
  }
}
