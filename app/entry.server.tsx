import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { direction, isLocale } from "./i18n/config";
import { getFixedT, getI18nInstance } from "./i18n/i18next.server";
import { getLocale, localeCookie } from "./i18n/locale.server";
import { negotiateLocale } from "./i18n/negotiate";
import { NonceProvider } from "./http/nonce";
import { documentCsp, newNonce } from "./http/security-headers";
import stylesheet from "./styles/app.css";
import { env } from "./env.server";

// Fail at boot, with a clear message, when the environment is wrong.
env();

// Used by server.mjs (the Express server) before any route runs.
export { isForeignMutation } from "./http/origin";
// Started by server.mjs in each app process: the notification runner (app/notifications/runner.server.ts).
export { startNotificationRunner } from "./notifications/runner.server";
export { parseTrustProxy } from "./http/trust-proxy";
export { jsonAlternate } from "./http/json-alternate";
export { bodyLimit } from "./http/body-limit";
export { BASE_CSP, staticSecurityHeaders } from "./http/security-headers";
// server.mjs runs each request in its scope: the session and memberships are read once per request.
export { runInRequestScope } from "./http/request-scope.server";

/** The translated page server.mjs answers a too-large request body with (413). */
export async function payloadTooLargePage(req: { headers: Record<string, string | string[] | undefined> }, maxBytes: number): Promise<string> {
  const header = (name: string) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(", ") : (value ?? null);
  };
  const cookie = await localeCookie.parse(header("cookie"));
  const locale = negotiateLocale({ cookie: isLocale(cookie) ? cookie : null, acceptLanguage: header("accept-language") });
  const t = await getFixedT(locale, "errors");
  const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const title = escape(t("tooLarge.title"));
  return `<!DOCTYPE html><html lang="${locale}" dir="${direction(locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><link rel="stylesheet" href="${stylesheet}"></head><body><main id="main" class="narrow"><h1>${title}</h1><p>${escape(t("tooLarge.limit", { size: Math.floor(maxBytes / (1024 * 1024)) }))}</p><p><a href="/">${escape(t("backHome"))}</a></p></main></body></html>`;
}

const ABORT_DELAY = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  // The root loader has negotiated the language already; reuse its answer.
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : await getLocale(request);

  const i18n = await getI18nInstance(locale);
  // A fresh nonce per page: only the inline scripts rendered with it run (docs/security.md).
  const nonce = newNonce();
  responseHeaders.set("Content-Security-Policy", documentCsp(nonce));
  const app = (
    <NonceProvider value={nonce}>
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </I18nextProvider>
    </NonceProvider>
  );

  // Every document is sent whole, with a Content-Length: no route defers data, so nothing is gained by
  // streaming, and each streamed chunk cost a web stream's, the compressor's and a socket write's work
  // (~2.4 ms of a course page's 18; docs/performance.md).
  // Pages served without the bundle (handle.hydrate = false, see root.tsx: lessons) are one string.
  // Hydrated pages need React's stream renderer: single fetch hands the loaders' data to the browser
  // inside a Suspense boundary (Remix's StreamTransfer), which renderToString cannot wait for.
  const rendered = servedWithoutBundle(remixContext) ? { html: "<!DOCTYPE html>" + renderToString(app), failed: false } : await renderWhole(app, nonce);
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  responseHeaders.set("Content-Length", String(Buffer.byteLength(rendered.html)));
  return new Response(rendered.html, { headers: responseHeaders, status: rendered.failed ? 500 : responseStatusCode });
}

/**
 * The document rendered by React's stream renderer and collected once all of it is ready; `failed`
 * when an error was reported after the shell (the shell's own error rejects, and Remix logs it).
 */
function renderWhole(app: JSX.Element, nonce: string): Promise<{ html: Buffer<ArrayBuffer>; failed: boolean }> {
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    let failed = false;
    const chunks: Buffer[] = [];
    const collector = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        resolve({ html: Buffer.concat(chunks), failed });
        done();
      },
    });
    // set after the call, so that a callback made during it would find no timer rather than fail
    let timer: ReturnType<typeof setTimeout> | undefined;
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onShellReady() {
        shellRendered = true;
      },
      onAllReady() {
        clearTimeout(timer);
        pipe(collector);
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        failed = true;
        if (shellRendered) console.error(error);
      },
    });
    timer = setTimeout(abort, ABORT_DELAY);
  });
}

/** The rule of root.tsx's Layout: some matched route says handle.hydrate = false. */
function servedWithoutBundle(remixContext: EntryContext): boolean {
  return remixContext.staticHandlerContext.matches.some(
    (m) => (remixContext.routeModules[m.route.id]?.handle as { hydrate?: boolean } | undefined)?.hydrate === false,
  );
}
