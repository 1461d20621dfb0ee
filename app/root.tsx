import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { quizStepKeepsPageData } from "~/learning/quiz-view";
import { orgName } from "~/organizations/names";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useMatches,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import stylesheet from "~/styles/app.css";
import { direction, pageNamespaces, type Locale } from "~/i18n/config";
import { resourcesVersion } from "~/i18n/resources.server";
import { getLocale, localeCookie, readLocaleCookie } from "~/i18n/locale.server";
import { getFixedT } from "~/i18n/i18next.server";
import { getAuth } from "~/auth/session.server";
import { useNonce } from "~/http/nonce";
import { getRequestMemberships } from "~/auth/guards.server";
import { navigationFor } from "~/auth/permissions";
import { SiteHeader } from "~/components/SiteHeader";
import { SiteFooter } from "~/components/SiteFooter";
import { unreadCount } from "~/notifications/inbox.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// The layout's data (user, navigation, unread count) reloads after every form as Remix does, except
// after a quiz's "start" and "answer", which change none of it (learning/quiz-view.ts). The session
// cookie's renewal, which this loader sends, is then sent by the next page the person opens.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  quizStepKeepsPageData(formData) ? false : defaultShouldRevalidate;

export async function loader({ request }: LoaderFunctionArgs) {
  const auth = await getAuth(request);
  const locale = await getLocale(request);
  const headers = new Headers();
  if (auth.setCookie) headers.append("Set-Cookie", auth.setCookie);
  // An explicit ?lng= choice is remembered for the following pages.
  const requested = new URL(request.url).searchParams.get("lng");
  if (requested === locale && (await readLocaleCookie(request)) !== locale) {
    headers.append("Set-Cookie", await localeCookie.serialize(locale));
  }
  const [memberships, unread] = auth.user
    ? await Promise.all([getRequestMemberships(request, auth.user.id), unreadCount(auth.user.id)])
    : [[], 0];
  const t = await getFixedT(locale, "errors");
  // the header's notifications link is the layout's only string of the notifications namespace:
  // translated here, so that no page has to ship that namespace for it (pageNamespaces)
  const tn = await getFixedT(locale, "notifications");
  const nav = navigationFor(memberships);
  return data(
    {
      locale,
      dir: direction(locale),
      // the browser fetches a namespace it lacks at /i18n/<locale>/<namespace>?v=<this> (entry.client.tsx)
      i18nVersion: resourcesVersion(),
      // error pages' <title>, which meta() cannot translate by itself
      errorTitles: {
        notFound: t("notFound.title"),
        forbidden: t("forbidden.title"),
        tooMany: t("tooMany.title"),
        generic: t("generic.title"),
      } as Record<string, string>,
      user: auth.user ? { name: auth.user.name, email: auth.user.email } : null,
      nav: {
        manage: nav.manage.map((m) => ({ slug: m.organizationSlug, name: orgName({ name: m.organizationName, names: m.organizationNames }, locale) })),
        author: nav.author.map((m) => ({ slug: m.organizationSlug, name: orgName({ name: m.organizationName, names: m.organizationNames }, locale) })),
        admin: nav.admin,
        unreadNotifications: unread,
        notificationsLabel: tn("nav.link"),
        unreadLabel: tn("nav.unread", { unread }),
      },
    },
    { headers },
  );
}

/** The errors namespace's key for an HTTP status: one message per kind of failure. */
function errorKey(status: number) {
  if (status === 404) return "notFound";
  if (status === 403) return "forbidden";
  if (status === 429) return "tooMany";
  if (status === 413) return "tooLarge";
  return status >= 400 && status < 500 ? "badRequest" : "generic";
}

// Error pages get a translated title from the strings the root loader already sent.
export const meta: MetaFunction<typeof loader> = ({ error, data }) => {
  if (!error) return [];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorKey(status);
  return [{ title: data?.errorTitles?.[key] ?? "Error" }];
};

export type RootData = Awaited<ReturnType<typeof loader>>["data"];

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  const { i18n, t } = useTranslation();
  const locale = (root?.locale ?? i18n.language ?? "en") as Locale;
  // Pages that read well without JavaScript (lessons) say so with handle.hydrate = false: they ship
  // no bundle at all, which matters on slow connections. Everything on them is links and forms.
  const matches = useMatches();
  // the page's Content-Security-Policy only runs inline scripts that carry its nonce
  const nonce = useNonce();
  const hydrate = root !== undefined && !matches.some((m) => (m.handle as { hydrate?: boolean } | undefined)?.hydrate === false);
  // only the namespaces this page's routes use (handle.i18n): the quiz page's 56 KB were 46 KB of
  // every namespace's strings; others are fetched once, on the client navigation that needs them
  const shipped = pageNamespaces(matches.filter((m) => m.id !== "root").map((m) => m.handle));
  const loaded = (root && i18n.store.data[root.locale]) ?? {};
  useEffect(() => {
    // e2e tests wait for this before interacting (see tests/e2e/helpers.ts)
    document.documentElement.dataset.hydrated = "true";
  }, []);
  useEffect(() => {
    // The browser holds one language's strings. When an action changed the language (saved
    // preference, sign-in, sign-out), load the page again to get the new language's strings.
    if (root && root.locale !== i18n.language) window.location.reload();
  }, [root, i18n.language]);
  return (
    <html lang={locale} dir={direction(locale)} data-hydrated={hydrate ? undefined : "static"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <SiteHeader root={root ?? null} />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <SiteFooter />
        {hydrate && root ? (
          <script
            id="i18n-resources"
            type="application/json"
            // JSON inside <script>: escape "<" so no string can close the tag
            dangerouslySetInnerHTML={{
              // the strings come from the i18next instance (server: all languages loaded;
              // browser: exactly this JSON), not from loader data, so client navigations do not
              // download them again
              __html: JSON.stringify({
                locale: root.locale,
                version: root.i18nVersion,
                resources: Object.fromEntries(shipped.filter((ns) => loaded[ns]).map((ns) => [ns, loaded[ns]])),
              }).replace(/</g, "\\u003c"),
            }}
          />
        ) : null}
        {/* Without root data (the root loader itself failed) the page stays static server HTML too:
            the browser would have no strings to hydrate with. */}
        {hydrate ? <ScrollRestoration nonce={nonce} /> : null}
        {hydrate ? <Scripts nonce={nonce} /> : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("errors");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorKey(status);
  if (status >= 500) console.error(error);
  return (
    <div className="narrow">
      <h1>{t(`${key}.title`)}</h1>
      <p>{t(`${key}.body`)}</p>
      <p>
        <a href="/">{t("backHome")}</a>
      </p>
    </div>
  );
}
