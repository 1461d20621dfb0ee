import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";

describe("environment validation", () => {
  it("works with nothing configured (embedded default)", () => {
    const env = parseEnv({});
    expect(env.DATABASE_URL).toBe("file:./platform.db");
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });
  it("stops production without a session secret, with a clear message", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET: is required in production/);
  });
  it("refuses a short secret and an unknown database URL", () => {
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(/SESSION_SECRET: must be at least 32/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
  });
  it("accepts PostgreSQL in production with a secret", () => {
    const env = parseEnv({ NODE_ENV: "production", DATABASE_URL: "postgresql://u@h/db", SESSION_SECRET: "x".repeat(40) });
    expect(env.DATABASE_URL).toMatch(/^postgresql/);
  });
  it("refuses a TRUST_PROXY it cannot apply", () => {
    expect(() => parseEnv({ TRUST_PROXY: "yes please" })).toThrow(/TRUST_PROXY: must be false, true/);
    expect(parseEnv({ TRUST_PROXY: "loopback,10.0.0.0/8" }).TRUST_PROXY).toBe("loopback,10.0.0.0/8");
  });
  it("takes an xAPI endpoint with its credentials, and refuses a malformed one or a username without password", () => {
    expect(parseEnv({}).XAPI_ENDPOINT).toBeUndefined();
    const env = parseEnv({ XAPI_ENDPOINT: "https://lrs.example.org/xapi/", XAPI_USERNAME: "key", XAPI_PASSWORD: "secret" });
    expect(env.XAPI_ENDPOINT).toBe("https://lrs.example.org/xapi/");
    expect(() => parseEnv({ XAPI_ENDPOINT: "lrs.example.org" })).toThrow(/XAPI_ENDPOINT: must be an absolute URL/);
    expect(() => parseEnv({ XAPI_ENDPOINT: "ftp://lrs.example.org/" })).toThrow(/XAPI_ENDPOINT: must be an http/);
    expect(() => parseEnv({ XAPI_ENDPOINT: "https://lrs.example.org/", XAPI_USERNAME: "key" })).toThrow(/XAPI_PASSWORD: is required with XAPI_USERNAME/);
  });
});
