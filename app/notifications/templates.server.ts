// What each notice says, in the recipient's language: the in-app title and text, and the email in
// plain text and HTML (right to left for Arabic). Links are absolute, from the public origin, and every
// email links to the person's email preferences.
import { orgName, type OrgNames } from "~/organizations/names";
import type { TFunction } from "i18next";
import { direction, isLocale, type Locale } from "~/i18n/config";
import { formatDate } from "~/i18n/format";
import { getFixedT } from "~/i18n/i18next.server";
import { pick } from "~/courses/localize";
import type { LocalizedText } from "~/courses/schema";
import type { NotificationKind } from "./kinds";

type CourseRef = { courseSlug: string; courseTitle: LocalizedText; sourceLocale: string };
export type DigestLine = { name: string; courseTitle: LocalizedText; sourceLocale: string; dueAt: string };

/** The facts a notice is written from, copied when it is created (JSON in Notification.params). */
export type NotificationParams = {
  organizationName?: string;
  /** the organization's names per language when the notice was created (app/organizations/names.ts) */
  organizationNames?: OrgNames;
  organizationSlug?: string;
  role?: string;
  expiresAt?: string;
  dueAt?: string;
  certificateId?: string;
  total?: number;
  overdue?: DigestLine[];
  // QUIZ_OVERRIDE: which quiz, and what was granted
  moduleKey?: string;
  quizTitle?: LocalizedText;
  extraAttempts?: number;
  reset?: boolean;
} & Partial<CourseRef>;

export type NoticeView = { title: string; body: string; lines: string[]; path: string | null; action: string };

function courseTitle(params: NotificationParams, locale: Locale): string {
  if (!params.courseTitle) return params.courseSlug ?? "";
  return pick(params.courseTitle, locale, isLocale(params.sourceLocale) ? params.sourceLocale : "en").value;
}

/** `t` must know the notifications and organizations namespaces. */
export function describeNotice(
  t: TFunction,
  locale: Locale,
  kind: NotificationKind,
  params: NotificationParams,
  options: { invitationToken?: string | null } = {},
): NoticeView {
  const date = (iso: string | undefined) => (iso ? formatDate(iso, locale) : "");
  const values = {
    organization: orgName({ name: params.organizationName ?? "", names: params.organizationNames }, locale),
    course: courseTitle(params, locale),
    role: params.role ? t(`organizations:roles.${params.role}`) : "",
    date: date(kind === "INVITATION" || kind.startsWith("CERTIFICATE_EXPIR") ? params.expiresAt : params.dueAt),
    total: params.total ?? 0,
    quiz: params.quizTitle ? pick(params.quizTitle, locale, isLocale(params.sourceLocale) ? params.sourceLocale : "en").value : "",
  };
  let path: string | null = null;
  let lines: string[] = [];
  switch (kind) {
    case "INVITATION":
      path = options.invitationToken ? `/invite/${options.invitationToken}` : null;
      break;
    case "ASSIGNED":
    case "DUE_7_DAYS":
    case "DUE_1_DAY":
    case "OVERDUE":
    case "CERTIFICATE_EXPIRING":
    case "CERTIFICATE_EXPIRED":
      path = params.courseSlug ? `/courses/${params.courseSlug}` : null;
      break;
    case "CERTIFICATE_ISSUED":
      path = params.certificateId ? `/verify/${params.certificateId}` : null;
      break;
    case "QUIZ_OVERRIDE":
      path = params.courseSlug && params.moduleKey ? `/courses/${params.courseSlug}/${params.moduleKey}/quiz` : null;
      lines = [
        params.reset
          ? t("notifications:quizOverride.reset")
          : t("notifications:quizOverride.extra", { count: params.extraAttempts ?? 1 }),
      ];
      break;
    case "MANAGER_DIGEST": {
      path = params.organizationSlug ? `/manage/${params.organizationSlug}/staff?status=overdue` : null;
      const listed = params.overdue ?? [];
      lines = listed.map((l) =>
        t("notifications:digest.line", {
          name: l.name,
          course: courseTitle(l, locale),
          date: date(l.dueAt),
        }),
      );
      const more = (params.total ?? listed.length) - listed.length;
      if (more > 0) lines.push(t("notifications:digest.more", { more }));
      break;
    }
  }
  return {
    title: t(`notifications:kinds.${kind}.title`, values),
    body: t(`notifications:kinds.${kind}.body`, values),
    lines,
    path,
    action: t(`notifications:kinds.${kind}.action`),
  };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export type RenderedEmail = { subject: string; text: string; html: string };

export async function renderEmail(input: {
  kind: NotificationKind;
  params: NotificationParams;
  locale: string;
  recipientName: string | null;
  origin: string;
  invitationToken?: string | null;
}): Promise<RenderedEmail> {
  const locale: Locale = isLocale(input.locale) ? input.locale : "en";
  const t = await getFixedT(locale, ["notifications", "organizations"]);
  const view = describeNotice(t, locale, input.kind, input.params, { invitationToken: input.invitationToken });
  const origin = input.origin.replace(/\/+$/, "");
  const url = view.path ? `${origin}${view.path}` : null;
  const prefsUrl = `${origin}/account/notifications`;
  const greeting = input.recipientName ? t("notifications:email.greeting", { name: input.recipientName }) : t("notifications:email.greetingAnonymous");
  const text = [
    greeting,
    "",
    view.title,
    "",
    view.body,
    ...(view.lines.length ? ["", ...view.lines.map((l) => `- ${l}`)] : []),
    ...(url ? ["", `${view.action}:`, url] : []),
    "",
    "-- ",
    t("notifications:email.preferencesText"),
    prefsUrl,
    "",
    t("notifications:email.signature"),
    "",
  ].join("\n");
  const dir = direction(locale);
  const link = (href: string, label: string, style = "") => `<a href="${escapeHtml(href)}"${style ? ` style="${style}"` : ""}>${escapeHtml(label)}</a>`;
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(view.title)}</title></head>
<body style="margin:0;padding:0;background:#f5f5f4;color:#1c1917;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans','Noto Sans Arabic','Noto Sans SC',sans-serif;line-height:1.5">
<div dir="${dir}" style="max-width:600px;margin:0 auto;padding:24px;background:#ffffff;text-align:${dir === "rtl" ? "right" : "left"}">
<p>${escapeHtml(greeting)}</p>
<h1 style="font-size:20px;margin:16px 0">${escapeHtml(view.title)}</h1>
<p>${escapeHtml(view.body)}</p>
${view.lines.length ? `<ul>${view.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>` : ""}
${url ? `<p style="margin:24px 0">${link(url, view.action, "display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none")}</p><p style="font-size:13px;color:#57534e">${escapeHtml(t("notifications:email.linkIntro"))} <span dir="ltr">${escapeHtml(url)}</span></p>` : ""}
<hr style="border:none;border-top:1px solid #e7e5e4;margin:24px 0">
<p style="font-size:13px;color:#57534e">${escapeHtml(t("notifications:email.preferencesText"))} ${link(prefsUrl, t("notifications:email.preferencesLabel"))}</p>
<p style="font-size:13px;color:#57534e">${escapeHtml(t("notifications:email.signature"))}</p>
</div>
</body>
</html>
`;
  return { subject: view.title, text, html };
}
