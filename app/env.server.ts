import { z } from "zod";
import { parseTrustProxy } from "./http/trust-proxy";

/** SQLite's page cache per connection in MiB (app/db.server.ts applies it; docs/deployment.md). */
export const sqliteCacheMbSchema = z.coerce.number().int().min(2).max(4096).default(128);

// Validated once at boot. The embedded default (SQLite, no configuration) must work with nothing set,
// while a production deployment must say explicitly what it runs on.
export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string()
      .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgresql:// (PostgreSQL)")
      .default("file:./platform.db"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters long").optional(),
    // encrypts the organizations' OpenID Connect client secrets (docs/sso.md); without it a key is
    // derived from SESSION_SECRET, so changing SESSION_SECRET then means entering the secrets again
    OIDC_SECRET_KEY: z.string().min(32, "must be at least 32 characters long").optional(),
    PUBLIC_URL: z.string().url("must be an absolute URL such as https://learn.example.org").optional(),
    COOKIE_SECURE: z.enum(["true", "false"]).optional(),
    TRUST_PROXY: z
      .string()
      .default("false")
      .superRefine((value, ctx) => {
        try {
          parseTrustProxy(value);
        } catch (error) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message.replace(/^TRUST_PROXY /, "") });
        }
      }),
    // Email (docs/notifications.md). No SMTP_HOST: emails are written as .eml files to MAIL_OUTBOX_DIR.
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    SMTP_SECURE: z.enum(["true", "false"]).optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().min(3).default("Rights Academy <no-reply@localhost>"),
    MAIL_OUTBOX_DIR: z.string().min(1).default(".data/outbox"),
    // seconds between two notification passes in each app process; 0 turns the in-process runner off
    NOTIFICATIONS_INTERVAL_SECONDS: z.coerce.number().int().min(0).default(60),
    SQLITE_CACHE_MB: sqliteCacheMbSchema,
    // xAPI (docs/integrations.md): the Learning Record Store's endpoint (the base that /statements is
    // under) and its Basic credentials. Unset: no statement is queued or sent.
    XAPI_ENDPOINT: z
      .string()
      .url("must be an absolute URL such as https://lrs.example.org/xapi/")
      .refine((v) => /^https?:\/\//.test(v), "must be an http:// or https:// URL")
      .optional(),
    XAPI_USERNAME: z.string().min(1).optional(),
    XAPI_PASSWORD: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "is required in production (npm start generates one in .data/ for the embedded setup)",
      });
    }
    if (env.SMTP_USER && env.SMTP_PASSWORD === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["SMTP_PASSWORD"], message: "is required with SMTP_USER" });
    }
    if (env.XAPI_USERNAME && env.XAPI_PASSWORD === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["XAPI_PASSWORD"], message: "is required with XAPI_USERNAME" });
    }
  });

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string };

const DEV_SECRET = "development-only-secret-not-for-production-use";

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return { ...result.data, SESSION_SECRET: result.data.SESSION_SECRET ?? DEV_SECRET };
}

let cached: Env | undefined;
export function env(): Env {
  return (cached ??= parseEnv(process.env));
}
