// The one place that sends email. With SMTP_HOST set, a real SMTP server; without it (the embedded
// default), each message is written as an .eml file to MAIL_OUTBOX_DIR, which platform
// administrators read on /admin/outbox, so a demo works without any mail server.
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type NodemailerModule from "nodemailer";
import { onFirstUse, requirePackage } from "~/lazy.server";
import { env } from "~/env.server";

export type MailConfig =
  | { kind: "smtp"; host: string; port: number; secure: boolean; user?: string; password?: string; from: string; ignoreTLS?: boolean }
  | { kind: "outbox"; dir: string; from: string };

export function outboxDir(e = env()): string {
  return path.resolve(e.MAIL_OUTBOX_DIR);
}

export function mailConfigFromEnv(e = env()): MailConfig {
  if (!e.SMTP_HOST) return { kind: "outbox", dir: outboxDir(e), from: e.MAIL_FROM };
  const secure = e.SMTP_SECURE === "true";
  return {
    kind: "smtp",
    host: e.SMTP_HOST,
    port: e.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    user: e.SMTP_USER,
    password: e.SMTP_PASSWORD,
    from: e.MAIL_FROM,
  };
}

export type OutgoingMail = {
  notificationId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  locale: string;
};

export type Mailer = { send(mail: OutgoingMail): Promise<{ messageId: string }>; config: MailConfig };

/** The domain of the From address, for Message-IDs. */
function fromDomain(from: string): string {
  return /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
}

/**
 * The Message-ID is derived from the notification, so that the rare duplicate (a process dying after
 * the SMTP server accepted a message but before the database recorded it) carries the same ID and can
 * be recognised as one by mail clients and by whoever reads the logs.
 */
export function messageIdFor(notificationId: string, from: string): string {
  return `<${notificationId}@${fromDomain(from)}>`;
}

const nodemailerPackage = onFirstUse(() => requirePackage("nodemailer") as typeof NodemailerModule); // at the first mailer

export function createMailer(config: MailConfig): Mailer {
  const nodemailer = nodemailerPackage();
  const transport =
    config.kind === "smtp"
      ? nodemailer.createTransport({
          host: config.host,
          port: config.port,
          secure: config.secure,
          ignoreTLS: config.ignoreTLS,
          auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
          connectionTimeout: 15_000,
          greetingTimeout: 15_000,
          socketTimeout: 30_000,
        })
      : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    config,
    async send(mail) {
      const messageId = messageIdFor(mail.notificationId, config.from);
      const info = await transport.sendMail({
        from: config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId,
        headers: { "X-Notification-Id": mail.notificationId, "Content-Language": mail.locale },
      });
      if (config.kind === "outbox") {
        await mkdir(config.dir, { recursive: true });
        const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${mail.notificationId}.eml`;
        // written under a temporary name first: the outbox page never reads half a file
        const tmp = path.join(config.dir, `.${name}.tmp`);
        await writeFile(tmp, info.message as Buffer);
        await rename(tmp, path.join(config.dir, name));
      }
      return { messageId };
    },
  };
}

let cached: Mailer | undefined;
export function defaultMailer(): Mailer {
  return (cached ??= createMailer(mailConfigFromEnv()));
}
