// Production HTTP server: Express + Remix. Why not remix-serve: one place to refuse cross-origin
// mutations (CSRF) before any action runs, to pass the client address to the rate limiter, and to
// set security headers and cache policies for static files.
import { createRequestHandler } from "@remix-run/express";
import cluster from "node:cluster";
import compression from "compression";
import express from "express";

const build = await import("./build/index.js");
const { isForeignMutation, jsonAlternate, parseTrustProxy, bodyLimit, payloadTooLargePage, staticSecurityHeaders, BASE_CSP, runInRequestScope } = build.entry.module;
const production = process.env.NODE_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
const publicUrl = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null;

const app = express();
app.disable("x-powered-by");
// Behind a reverse proxy, the client address and protocol come from X-Forwarded-For/-Proto, but only
// as written by the trusted hops (app/http/trust-proxy.ts; docs/deployment.md).
app.set("trust proxy", parseTrustProxy(process.env.TRUST_PROXY));
app.use(compression());

app.use((req, res, next) => {
  // app/http/security-headers.ts; HTML pages get their full policy, with a script nonce, from entry.server.tsx
  const https = req.secure || (publicUrl ?? "").startsWith("https:");
  res.set({ ...staticSecurityHeaders({ production, https }), "Content-Security-Policy": BASE_CSP });
  const expectedOrigin = publicUrl ?? `${req.protocol}://${req.get("host")}`;
  if (
    isForeignMutation({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      expectedOrigin,
    })
  ) {
    res.status(403).type("text/plain").send("Forbidden: cross-origin request refused.");
    return;
  }
  next();
});

// Request bodies over the route's limit are refused before anything reads them (app/http/body-limit.ts).
app.use(bodyLimit(payloadTooLargePage));

// Fingerprinted build assets never change; everything else in public/ may.
app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
// Only paths that name a file (an extension) are looked up in public/: a stat of a missing file on
// every page request costs a system call and an error object (docs/performance.md).
const servePublic = express.static("public", { maxAge: "1h" });
app.use((req, res, next) => (/\.[A-Za-z0-9]+$/.test(req.path) ? servePublic(req, res, next) : next()));

// A page asked for as JSON is answered by its JSON resource (app/http/json-alternate.ts).
app.use((req, res, next) => {
  const alternate = jsonAlternate(req.method, req.url, req.get("accept"));
  if (alternate) {
    req.url = req.originalUrl = alternate; // Remix's adapter reads originalUrl
    res.vary("Accept");
  }
  next();
});

const handleWithRemix = createRequestHandler({
  build,
  mode: process.env.NODE_ENV,
  getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
});
// Each request in a scope of its own: the root's and the page's loaders share one session read
// (app/http/request-scope.server.ts).
app.all("*", (req, res, next) => runInRequestScope(() => handleWithRemix(req, res, next)));

const server = app.listen(port, () => {
  if (cluster.isWorker) {
    console.log(`app process ${cluster.worker.id} (pid ${process.pid}) listening on http://localhost:${port}`);
    return;
  }
  console.log(`Listening on http://localhost:${port}`);
  // due notifications and pending emails, every NOTIFICATIONS_INTERVAL_SECONDS (docs/notifications.md)
  build.entry.module.startNotificationRunner?.();
});
// Under `npm start` with several processes (scripts/serve.mjs), the primary gives the notification
// runner to exactly one worker: a pass in every process would do the same work N times.
if (cluster.isWorker) {
  process.on("message", (message) => {
    if (message?.type !== "start-notification-runner") return;
    console.log(`notification runner in app process ${cluster.worker.id} (pid ${process.pid})`);
    build.entry.module.startNotificationRunner?.();
  });
}
// Stop cleanly on Ctrl+C / container stop / the cluster primary's SIGTERM: stop accepting, finish the
// requests in flight, then exit. A request still running after 25 s is cut (systemd's stop timeout
// in docs/deployment.md is 30 s).
let closing = false;
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 25_000).unref();
  });
}
