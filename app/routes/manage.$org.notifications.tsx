// A municipality's notifications to its staff and whether each email was delivered (filters: email
// status and kind), and "Send again" for a FAILED email. Managers of this municipality only; anyone
// else gets the same 404.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { fail, parseForm, readFormData } from "~/http/forms";
import { translatorFor } from "~/i18n/translate.server";
import { requireManager } from "~/organizations/guard.server";
import { DeliveryTable } from "~/notifications/DeliveryTable";
import { deliveryFilters, resendSchema } from "~/notifications/forms";
import { deliveryStatus, MANAGE_PAGE_SIZE, resendFailed } from "~/notifications/inbox.server";
import { ResendOutcome } from "~/notifications/ResendOutcome";
import { EMAIL_STATUSES, NOTIFICATION_KINDS } from "~/notifications/kinds";
import manageStyles from "~/organizations/ui/manage.css";
import styles from "~/notifications/ui.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: manageStyles },
  { rel: "stylesheet", href: styles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "notifications");
  const filters = deliveryFilters(new URL(request.url).searchParams);
  const { rows, total } = await deliveryStatus(org.id, filters, filters.page);
  return { title: t("manage.title", { name: org.name }), org, locale, filters, rows, total, pages: Math.max(1, Math.ceil(total / MANAGE_PAGE_SIZE)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, user } = await requireManager(request, params.org);
  const parsed = parseForm(resendSchema, await readFormData(request));
  if (!parsed.ok) return data(fail("notifications:resend.errors.form"), { status: 400 });
  // another municipality's notice, or none: the same 404
  const result = await resendFailed({ kind: "municipality", organizationId: org.id }, user.id, parsed.data.id);
  if (!result) throw notFound();
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function ManageNotifications() {
  const { t } = useTranslation("notifications");
  const { org, locale, filters, rows, pages } = useLoaderData<typeof loader>();
  const outcome = useActionData<typeof action>();
  const base = `/manage/${org.slug}/notifications`;
  const pageHref = (page: number) => {
    const q = new URLSearchParams();
    if (filters.status) q.set("status", filters.status);
    if (filters.kind) q.set("kind", filters.kind);
    q.set("page", String(page));
    return `${base}?${q}`;
  };
  return (
    <div className="stack">
      <h1>{t("manage.heading")}</h1>
      <p className="prose muted">{t("manage.intro")}</p>
      <Form method="get" className="card row filters" role="search" aria-label={t("manage.filters.label")}>
        <div className="field">
          <label htmlFor="filter-status">{t("manage.filters.status")}</label>
          <select id="filter-status" name="status" defaultValue={filters.status ?? ""}>
            <option value="">{t("manage.filters.all")}</option>
            {EMAIL_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t("manage.filters.kind")}</label>
          <select id="filter-kind" name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("manage.filters.all")}</option>
            {NOTIFICATION_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}.label`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t("manage.filters.apply")}
        </button>
      </Form>
      <ResendOutcome outcome={outcome} />
      {rows.length === 0 ? <p>{t("manage.empty")}</p> : <DeliveryTable rows={rows} locale={locale} resend />}
      {pages > 1 ? (
        <nav aria-label={t("manage.pagination.label")} className="pager">
          {filters.page > 1 ? <Link to={pageHref(filters.page - 1)}>{t("manage.pagination.previous")}</Link> : <span />}
          <span>{t("manage.pagination.position", { page: filters.page, pages })}</span>
          {filters.page < pages ? <Link to={pageHref(filters.page + 1)}>{t("manage.pagination.next")}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
