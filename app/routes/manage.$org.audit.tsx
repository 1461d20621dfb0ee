import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { translatorFor } from "~/i18n/translate.server";
import { requireManager } from "~/organizations/guard.server";
import { AUDIT_PAGE_SIZE, listAudit } from "~/audit/audit.server";
import { pageNumber } from "~/organizations/filters";
import { AuditPager, AuditTable } from "~/audit/ui/AuditTable";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const page = pageNumber(new URL(request.url).searchParams);
  const { entries, total } = await listAudit(org.id, page);
  return { title: t("audit.title", { name: org.name }), org, locale, entries, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export default function Audit() {
  const { t } = useTranslation("organizations");
  const { org, locale, entries, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("audit.heading")}</h1>
      <p className="prose muted">{t("audit.intro")}</p>
      <AuditTable entries={entries} locale={locale} label={t("audit.heading")} />
      <AuditPager path={`/manage/${org.slug}/audit`} page={page} pages={pages} />
    </div>
  );
}
