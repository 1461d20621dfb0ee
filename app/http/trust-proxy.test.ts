import { afterAll, describe, expect, it } from "vitest";
import express from "express";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { parseTrustProxy } from "./trust-proxy";

describe("TRUST_PROXY", () => {
  it("parses the documented forms and refuses anything else", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("loopback, 10.0.0.0/8")).toEqual(["loopback", "10.0.0.0/8"]);
    expect(() => parseTrustProxy("yes")).toThrow(/TRUST_PROXY must be/);
  });

  // What server.mjs does with it: the client address the rate limiter gets.
  const servers: Server[] = [];
  async function clientIpSeenWith(setting: string, forwardedFor: string) {
    const app = express();
    app.set("trust proxy", parseTrustProxy(setting));
    app.get("/", (req, res) => void res.send(req.ip));
    const server = app.listen(0);
    servers.push(server);
    await new Promise((r) => server.once("listening", r));
    const { port } = server.address() as AddressInfo;
    return (await fetch(`http://127.0.0.1:${port}/`, { headers: { "X-Forwarded-For": forwardedFor } })).text();
  }
  afterAll(() => servers.forEach((s) => s.close()));

  it("behind one proxy, a client cannot choose its address by sending X-Forwarded-For itself", async () => {
    // nginx's $proxy_add_x_forwarded_for appends the real peer to whatever the client sent
    expect(await clientIpSeenWith("true", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(await clientIpSeenWith("2", "6.6.6.6, 198.51.100.1, 203.0.113.7")).toBe("198.51.100.1");
    expect(await clientIpSeenWith("loopback", "6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    // without a proxy the header is ignored altogether
    expect(await clientIpSeenWith("false", "6.6.6.6")).toMatch(/127\.0\.0\.1$/);
  });
});
