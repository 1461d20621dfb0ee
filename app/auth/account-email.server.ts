// The emails about a person's account (not notifications: they are sent at once, not queued, and are
// not listed on the notifications page). Same layout as the notification emails.
import { newId } from "~/ids";
import { direction, type Locale } from "~/i18n/config";
import { getFixedT } from "~/i18n/i18next.server";
import type { Mailer } from "~/notifications/mailer.server";

/** Each kind has `auth:<kind>Email.{subject,body,action,ignore}` in locales/<lng>/auth.json. */
export type AccountEmailKind = "reset" | "registerConfirm" | "registerTaken";

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/**
 * The account emails, in the person's language: a password reset link, the link that finishes a
 * registration, and the notice to an account's owner that someone tried to register with their
 * address. `name: null` greets without a name: the registration email goes to an address nobody has
 * confirmed yet, so it carries no text typed by whoever filled in the form.
 */
export async function sendAccountEmail(
  mailer: Mailer,
  input: { to: string; name: string | null; locale: Locale; kind: AccountEmailKind; url: string },
) {
  const t = await getFixedT(input.locale, ["auth", "notifications"]);
  const prefix = `${input.kind}Email`;
  const subject = t(`auth:${prefix}.subject`);
  const body = t(`auth:${prefix}.body`);
  const action = t(`auth:${prefix}.action`);
  const ignore = t(`auth:${prefix}.ignore`);
  const greeting = input.name ? t("notifications:email.greeting", { name: input.name }) : t("notifications:email.greetingAnonymous");
  const text = [greeting, "", body, "", `${action}:`, input.url, "", ignore, "", "-- ", t("notifications:email.signature"), ""].join("\n");
  const dir = direction(input.locale);
  const html = `<!doctype html>
<html lang="${input.locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:0;background:#f5f5f4;color:#1c1917;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic','Noto Sans SC',sans-serif;line-height:1.5">
<div dir="${dir}" style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;text-align:${dir === "rtl" ? "right" : "left"}">
<p>${escapeHtml(greeting)}</p>
<h1 style="font-size:20px;margin:16px 0">${escapeHtml(subject)}</h1>
<p>${escapeHtml(body)}</p>
<p style="margin:24px 0"><a href="${escapeHtml(input.url)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${escapeHtml(action)}</a></p>
<p style="font-size:13px;color:#57534e">${escapeHtml(t("notifications:email.linkIntro"))} <span dir="ltr">${escapeHtml(input.url)}</span></p>
<p>${escapeHtml(ignore)}</p>
<hr style="border:none;border-top:1px solid #e7e5e4;margin:24px 0">
<p style="font-size:13px;color:#57534e">${escapeHtml(t("notifications:email.signature"))}</p>
</div>
</body>
</html>
`;
  await mailer.send({ notificationId: `account-${newId()}`, to: input.to, subject, text, html, locale: input.locale });
}
