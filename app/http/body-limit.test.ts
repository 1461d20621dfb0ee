// Body limits before anything reads the body (issue 16: a 100 MB anonymous POST grew the server by
// 235 MB), and the shared form reader's answers to malformed bodies.
import { afterAll, describe, expect, it } from "vitest";
import express from "express";
import http from "node:http";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { bodyLimit, bodyLimitFor, FORM_MAX_BYTES, MB } from "./body-limit";
import { readFormData } from "./forms";

const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** The Express stack of server.mjs in miniature: the limit, then a handler that reads the whole body. */
async function server() {
  const app = express();
  let bytesRead = 0;
  app.use(bodyLimit(async (_req, maxBytes) => `<p>too large: ${maxBytes}</p>`));
  app.post("*", (req, res) => {
    req.on("data", (c: Buffer) => (bytesRead += c.length));
    req.on("end", () => res.send("read"));
  });
  const s = app.listen(0);
  servers.push(s);
  await new Promise((r) => s.once("listening", r));
  return { port: (s.address() as AddressInfo).port, read: () => bytesRead };
}

/** POSTs `total` bytes from one reused 64 KB buffer (nothing big is allocated here), stopping at the answer. */
function streamPost(port: number, path: string, total: number, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string; sent: number; ms: number }>((resolve, reject) => {
    const started = Date.now();
    const chunk = Buffer.alloc(64 * 1024, 97);
    let sent = 0;
    let answered = false;
    const req = http.request({ port, path, method: "POST", headers }, (res) => {
      answered = true;
      let body = "";
      res.on("data", (c) => (body += c));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, body, sent, ms: Date.now() - started });
        req.destroy();
      });
    });
    req.on("error", (error) => (answered ? undefined : reject(error)));
    const write = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      if (!answered) req.end();
    };
    write();
  });
}

describe("body limits", () => {
  it("knows each route's limit", () => {
    expect(bodyLimitFor("/login")).toBe(FORM_MAX_BYTES);
    expect(bodyLimitFor("/author/import")).toBe(16 * MB);
    expect(bodyLimitFor("/author/import.data")).toBe(16 * MB);
    expect(bodyLimitFor("/manage/riverside/invite.data")).toBe(3 * MB);
    expect(bodyLimitFor("/manage/riverside/invite")).toBe(3 * MB);
    expect(bodyLimitFor("/manage/riverside/invite/x")).toBe(FORM_MAX_BYTES);
  });

  it("a 100 MB POST is refused with 413 at once, unread, and memory stays flat", async () => {
    const { port, read } = await server();
    const before = process.memoryUsage().rss;
    const result = await streamPost(port, "/login", 100 * MB, {
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(100 * MB),
    });
    expect(result.status).toBe(413);
    expect(result.body).toContain(`too large: ${FORM_MAX_BYTES}`);
    expect(result.ms).toBeLessThan(5_000);
    expect(result.sent).toBeLessThan(100 * MB);
    expect(read()).toBe(0);
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * MB);
  });

  it("an upload route accepts up to its own limit", async () => {
    const { port, read } = await server();
    const ok = await streamPost(port, "/author/import", 5 * MB, { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(5 * MB) });
    expect(ok.status).toBe(200);
    expect(read()).toBe(5 * MB);
    const tooBig = await streamPost(port, "/author/import", 17 * MB, { "Content-Type": "multipart/form-data; boundary=x", "Content-Length": String(17 * MB) });
    expect(tooBig.status).toBe(413);
  });

  it("a body without a declared length is refused (411) before it is read", async () => {
    const { port, read } = await server();
    const result = await streamPost(port, "/login", 20 * MB, { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked" });
    expect(result.status).toBe(411);
    expect(read()).toBe(0);
  });
});

describe("readFormData", () => {
  const post = (body: BodyInit | null, type?: string, headers: Record<string, string> = {}) =>
    new Request("http://localhost/x", { method: "POST", body, headers: { ...(type ? { "Content-Type": type } : {}), ...headers } });
  const status = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof Response ? e.status : 500));

  it("reads a normal form", async () => {
    const form = await readFormData(post("a=1&b=two", "application/x-www-form-urlencoded"));
    expect(form.get("b")).toBe("two");
  });
  it("JSON, text or no body: 415, not 500", async () => {
    expect(await status(readFormData(post('{"a":1}', "application/json")))).toBe(415);
    expect(await status(readFormData(post("hello", "text/plain")))).toBe(415);
    expect(await status(readFormData(post(null)))).toBe(415);
  });
  it("an empty form body is an empty form (the schema then says what is missing)", async () => {
    expect([...(await readFormData(post("", "application/x-www-form-urlencoded")))]).toEqual([]);
  });
  it("a broken multipart envelope: 400", async () => {
    expect(await status(readFormData(post("--nope\r\ngarbage", "multipart/form-data; boundary=x")))).toBe(400);
    expect(await status(readFormData(post("x", "multipart/form-data")))).toBe(400);
  });
  it("too many bytes, declared or streamed: 413, reading stops at the limit", async () => {
    expect(await status(readFormData(post("a=1", "application/x-www-form-urlencoded", { "Content-Length": String(2 * MB) })))).toBe(413);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const request = new Request("http://localhost/x", { method: "POST", body: endless, headers: { "Content-Type": "application/x-www-form-urlencoded" }, duplex: "half" } as RequestInit);
    expect(await status(readFormData(request))).toBe(413);
    expect(pulled).toBeLessThan(FORM_MAX_BYTES + 256 * 1024);
  });
});
