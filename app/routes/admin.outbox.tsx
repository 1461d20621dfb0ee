// Platform administrators: the emails written to the outbox folder when no SMTP server is configured
// (the embedded default), a button to run a notification pass now, and the FAILED emails of every
// municipality with "Send again". A message's HTML is shown
// only inside a sandboxed iframe (no scripts, no same-origin access), never in this page itself.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound, requirePlatformAdmin } from "~/auth/guards.server";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { mailConfigFromEnv, outboxDir } from "~/notifications/mailer.server";
import { listOutbox, OUTBOX_LIST_SIZE, readOutboxMessage } from "~/notifications/outbox.server";
import { runPass } from "~/notifications/runner.server";
import { fail, parseForm, readFormData } from "~/http/forms";
import { resendSchema } from "~/notifications/forms";
import { failedEverywhere, resendFailed } from "~/notifications/inbox.server";
import { DeliveryTable } from "~/notifications/DeliveryTable";
import { ResendOutcome } from "~/notifications/ResendOutcome";
import styles from "~/notifications/ui.css";
import { Alert } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "notifications");
  const config = mailConfigFromEnv();
  // with SMTP configured the folder is still read: it holds what was written before
  const dir = outboxDir();
  const open = new URL(request.url).searchParams.get("open");
  const message = open ? await readOutboxMessage(dir, open) : null;
  if (open && !message) throw notFound();
  return {
    title: message ? `${message.subject} — ${t("outbox.title")}` : t("outbox.title"),
    locale,
    smtpHost: config.kind === "smtp" ? config.host : null,
    dir,
    message,
    messages: message ? [] : await listOutbox(dir),
    failed: message ? [] : await failedEverywhere(),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const formData = await readFormData(request);
  if (formData.get("intent") === "resend") {
    const parsed = parseForm(resendSchema, formData);
    if (!parsed.ok) return data({ ran: null, resend: fail("notifications:resend.errors.form") }, { status: 400 });
    const result = await resendFailed({ kind: "platform" }, admin.id, parsed.data.id);
    if (!result) throw notFound();
    return data({ ran: null, resend: result }, { status: result.ok ? 200 : 400 });
  }
  if (formData.get("intent") !== "run") return data({ ran: null, resend: null }, { status: 400 });
  return data({ ran: await runPass(), resend: null });
}

export default function Outbox() {
  const { t } = useTranslation("notifications");
  const { locale, smtpHost, dir, message, messages, failed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const when = (iso: string) => formatDate(iso, locale, { dateStyle: "medium", timeStyle: "short" });
  if (message) {
    return (
      <div className="stack">
        <p>
          <Link to="/admin/outbox">{t("outbox.back")}</Link>
        </p>
        <h1>{message.subject}</h1>
        <dl className="mail-headers">
          <dt>{t("outbox.columns.date")}</dt>
          <dd>{when(message.date)}</dd>
          <dt>{t("outbox.from")}</dt>
          <dd>{message.from}</dd>
          <dt>{t("outbox.columns.to")}</dt>
          <dd>{message.to}</dd>
        </dl>
        <section aria-labelledby="text-heading">
          <h2 id="text-heading">{t("outbox.text")}</h2>
          <pre className="mail-text">{message.text}</pre>
        </section>
        {message.html ? (
          <section aria-labelledby="html-heading">
            <h2 id="html-heading">{t("outbox.html")}</h2>
            {/* sandbox="": no scripts, no forms, no same-origin rights, links do not navigate this page */}
            <iframe className="mail-frame" title={t("outbox.htmlFrame")} sandbox="" srcDoc={message.html} />
          </section>
        ) : null}
      </div>
    );
  }
  return (
    <div className="stack">
      <h1>{t("outbox.heading")}</h1>
      <p className="prose muted">{smtpHost ? t("outbox.introSmtp", { host: smtpHost }) : t("outbox.introOutbox", { dir, limit: OUTBOX_LIST_SIZE })}</p>
      <Form method="post">
        <input type="hidden" name="intent" value="run" />
        <button type="submit" className="button button--secondary" disabled={busy}>
          {t("outbox.runNow")}
        </button>
      </Form>
      {result?.ran ? (
        <Alert tone="success" as="div">
          {t("outbox.ran", result.ran)}
        </Alert>
      ) : null}
      <ResendOutcome outcome={result?.resend ?? undefined} />
      {failed.length > 0 ? (
        <section aria-labelledby="failed-heading" className="stack">
          <h2 id="failed-heading">{t("outbox.failed.heading")}</h2>
          <p className="prose muted">{t("outbox.failed.intro")}</p>
          <DeliveryTable rows={failed} locale={locale} resend />
        </section>
      ) : null}
      <DataTable
        label={t("outbox.heading")}
        rows={messages}
        rowKey={(m) => m.name}
        empty={t("outbox.empty")}
        columns={[
          { key: "date", header: t("outbox.columns.date"), cell: (m) => when(m.date) },
          { key: "to", header: t("outbox.columns.to"), cell: (m) => m.to },
          { key: "subject", header: t("outbox.columns.subject"), cell: (m) => <Link to={`/admin/outbox?open=${encodeURIComponent(m.name)}`}>{m.subject}</Link> },
          { key: "status", header: t("outbox.columns.status"), cell: (m) => (m.status ? t(`status.${m.status}`) : "—") },
        ]}
      />
    </div>
  );
}
