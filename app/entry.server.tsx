import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { createInstance } from "i18next";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { defaultLocale, isLocale, namespaces, supportedLocales } from "./i18n/config";
import { loadAllResources } from "./i18n/resources.server";
import { getLocale } from "./i18n/locale.server";
import { env } from "./env.server";

// Fail at boot, with a clear message, when the environment is wrong.
env();

// Used by server.mjs (the Express server) before any route runs.
export { isForeignMutation } from "./http/origin";

const ABORT_DELAY = 5_000;

// Rendering never changes an instance's language, so one instance per language serves every
// request in production (creating one per request was the largest cost of a page).
const instances = new Map<string, ReturnType<typeof createI18n>>();
function createI18n(locale: string) {
  const i18n = createInstance();
  return i18n
    .use(initReactI18next)
    .init({
      lng: locale,
      fallbackLng: defaultLocale,
      supportedLngs: [...supportedLocales],
      ns: [...namespaces],
      defaultNS: "common",
      resources: loadAllResources(),
      interpolation: { escapeValue: false },
    })
    .then(() => i18n);
}
function i18nFor(locale: string) {
  if (process.env.NODE_ENV !== "production") return createI18n(locale);
  let instance = instances.get(locale);
  if (!instance) instances.set(locale, (instance = createI18n(locale)));
  return instance;
}

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

  const i18n = await i18nFor(locale);

  const callback = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";

  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <I18nextProvider i18n={i18n}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
      </I18nextProvider>,
      {
        [callback]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}
