import { z } from "zod";
import { parseTrustProxy } from "./http/trust-proxy";

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
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["SESSION_SECRET"],
        message: "is required in production (npm start generates one in .data/ for the embedded setup)",
      });
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
