// The .eml files the embedded default writes instead of sending (mailer.server.ts), for /admin/outbox.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { AddressObject } from "mailparser";
import { getDb } from "~/db.server";

export const OUTBOX_LIST_SIZE = 100;
const FILE_NAME = /^[\w-]+\.eml$/;

function addresses(value: AddressObject | AddressObject[] | undefined): string {
  if (!value) return "";
  return (Array.isArray(value) ? value : [value]).map((a) => a.text).join(", ");
}

// mailparser is imported by the outbox pages only (app/lazy.server.ts)
const mailparser = () => import("mailparser");

export async function listOutbox(dir: string, limit = OUTBOX_LIST_SIZE) {
  const { simpleParser } = await mailparser();
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => FILE_NAME.test(n));
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return [];
    throw error;
  }
  // names start with the time written: newest first
  names = names.sort().reverse().slice(0, limit);
  const messages = await Promise.all(
    names.map(async (name) => {
      const mail = await simpleParser(await readFile(path.join(dir, name)), { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
      return { name, date: (mail.date ?? new Date(0)).toISOString(), to: addresses(mail.to), subject: mail.subject ?? "", notificationId: String(mail.headers.get("x-notification-id") ?? "") };
    }),
  );
  const db = await getDb();
  const statuses = new Map(
    (await db.notification.findMany({ where: { id: { in: messages.map((m) => m.notificationId).filter(Boolean) } }, select: { id: true, emailStatus: true } })).map((n) => [n.id, n.emailStatus]),
  );
  return messages.map((m) => ({ ...m, status: statuses.get(m.notificationId) ?? null }));
}

/** One message; null for a name that is not a message of the outbox (no path tricks). */
export async function readOutboxMessage(dir: string, name: string) {
  if (!FILE_NAME.test(name)) return null;
  let raw: Buffer;
  try {
    raw = await readFile(path.join(dir, name));
  } catch {
    return null;
  }
  const { simpleParser } = await mailparser();
  const mail = await simpleParser(raw, { skipImageLinks: true });
  return {
    name,
    date: (mail.date ?? new Date(0)).toISOString(),
    from: addresses(mail.from),
    to: addresses(mail.to),
    subject: mail.subject ?? "",
    text: mail.text ?? "",
    html: typeof mail.html === "string" ? mail.html : null,
  };
}
