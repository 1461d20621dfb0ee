import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { isLocale } from "./i18n/config";
import { getI18nInstance } from "./i18n/i18next.server";
import { getLocale } from "./i18n/locale.server";
import { env } from "./env.server";

// Fail at boot, with a clear message, when the environment is wrong.
env();

// Used by server.mjs (the Express server) before any route runs.
export { isForeignMutation } from "./http/origin";
// Started by server.mjs in each app process: the notification runner (app/notifications/runner.server.ts).
export { startNotificationRunner } from "./notifications/runner.server";
export { parseTrustProxy } from "./http/trust-proxy";

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
  const app = (
    <I18nextProvider i18n={i18n}>
      <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
    </I18nextProvider>
  );

  // Pages served without the bundle (handle.hydrate = false, see root.tsx: lessons) have nothing to
  // stream after the shell — no deferred data, no scripts. Rendered to one string they cost less
  // CPU than a stream (no chunking through a PassThrough and a web stream; one compressed write of
  // a known length instead of several; docs/performance.md).
  if (servedWithoutBundle(remixContext)) {
    const html = "<!DOCTYPE html>" + renderToString(app);
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Content-Length", String(Buffer.byteLength(html)));
    return new Response(html, { headers: responseHeaders, status: responseStatusCode });
  }

  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(app, {
      [callback]() {
        shellRendered = true;
        const body = new PassThrough();
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
        pipe(body);
      },
      onShellError(error: unknown) {
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    });
    setTimeout(abort, ABORT_DELAY);
  });
}

/** The rule of root.tsx's Layout: some matched route says handle.hydrate = false. */
function servedWithoutBundle(remixContext: EntryContext): boolean {
  return remixContext.staticHandlerContext.matches.some(
    (m) => (remixContext.routeModules[m.route.id]?.handle as { hydrate?: boolean } | undefined)?.hydrate === false,
  );
}
