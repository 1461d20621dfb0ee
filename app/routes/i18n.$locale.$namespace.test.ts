import { describe, expect, it } from "vitest";
import { resourcesVersion } from "~/i18n/resources.server";
import { loader } from "./i18n.$locale.$namespace";

const call = (locale: string, namespace: string, v = "") =>
  loader({ params: { locale, namespace }, request: new Request(`http://localhost/i18n/${locale}/${namespace}?v=${v}`), context: { clientIp: "127.0.0.1" } }) as Promise<Response>;

describe("/i18n/<locale>/<namespace>", () => {
  it("answers one namespace of one language, cacheable for a year at the current fingerprint", async () => {
    const response = await call("ar", "learning", resourcesVersion());
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
    const strings = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(strings).length).toBeGreaterThan(0);
  });

  it("an old or missing fingerprint gets today's strings, not to be kept", async () => {
    expect((await call("en", "learning", "0ld")).headers.get("Cache-Control")).toBe("no-cache");
    expect((await call("en", "learning")).headers.get("Cache-Control")).toBe("no-cache");
  });

  it("an unknown language or namespace is 404", async () => {
    expect((await call("xx", "learning")).status).toBe(404);
    expect((await call("en", "no-such-namespace")).status).toBe(404);
    expect((await call("en", "__proto__")).status).toBe(404);
  });
});
