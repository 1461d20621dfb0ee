// The signed-in person's notifications: newest first, mark one or all read, links to the thing.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requireUser } from "~/auth/guards.server";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { parseForm, readFormData } from "~/http/forms";
import { inboxActionSchema } from "~/notifications/forms";
import { listForUser, markAllRead, markRead } from "~/notifications/inbox.server";
import styles from "~/notifications/ui.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t, locale } = await translatorFor(request, ["notifications", "organizations"]);
  const items = await listForUser(user.id, locale, t);
  return { title: t("notifications:page.title"), locale, items };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = parseForm(inboxActionSchema, await readFormData(request));
  if (!parsed.ok) return data({ ok: false }, { status: 400 });
  if (parsed.data.intent === "readAll") await markAllRead(user.id);
  else if (!(await markRead(user.id, parsed.data.id))) throw notFound();
  return data({ ok: true });
}

export default function Notifications() {
  const { t } = useTranslation("notifications");
  const { locale, items } = useLoaderData<typeof loader>();
  const busy = useNavigation().state !== "idle";
  const unread = items.filter((i) => !i.read).length;
  return (
    <div className="stack">
      <h1>{t("page.heading")}</h1>
      <div className="toolbar">
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("page.markAllRead")}
            </button>
          </Form>
        ) : null}
        <Link to="/account/notifications">{t("page.preferencesLink")}</Link>
      </div>
      {items.length === 0 ? (
        <p>{t("page.empty")}</p>
      ) : (
        <ul className="notice-list" aria-label={t("page.listLabel")}>
          {items.map((n) => (
            <li key={n.id} className={n.read ? "notice" : "notice notice--unread"}>
              <h2>
                {n.read ? null : <span className="badge badge--warn">{t("page.unread")}</span>} {n.title}
              </h2>
              <p>{n.body}</p>
              {n.lines.length ? (
                <ul>
                  {n.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              ) : null}
              <div className="notice__actions">
                <span className="muted">{formatDate(n.createdAt, locale, { dateStyle: "medium", timeStyle: "short" })}</span>
                {n.path ? <Link to={n.path}>{n.action}</Link> : null}
                {n.read ? null : (
                  <Form method="post">
                    <input type="hidden" name="intent" value="read" />
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" className="link-button" disabled={busy}>
                      {t("page.markRead")}
                      <span className="visually-hidden">: {n.title}</span>
                    </button>
                  </Form>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

// the namespaces this page's browser code uses (app/i18n/config.ts, pageNamespaces)
export const handle = { i18n: ["notifications"] };
