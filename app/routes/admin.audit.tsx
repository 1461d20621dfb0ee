// Platform administration: the platform's own audit log — account deactivations, ended sessions,
// unlocks, archived course versions, single sign-on settings (app/admin/, app/auth/sso/).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requirePlatformAdmin } from "~/auth/guards.server";
import { formatDate } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { platformOrganizationId } from "~/admin/users.server";
import { AUDIT_PAGE_SIZE, listAudit } from "~/audit/audit.server";
import { pageNumber } from "~/organizations/filters";
import { AuditPager, AuditTable } from "~/audit/ui/AuditTable";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "admin");
  const page = pageNumber(new URL(request.url).searchParams);
  const orgId = await platformOrganizationId();
  const { entries, total } = orgId ? await listAudit(orgId, page) : { entries: [], total: 0 };
  return { title: t("audit.title"), locale, entries, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export default function AdminAudit() {
  const { t } = useTranslation("admin");
  const { locale, entries, page, pages } = useLoaderData<typeof loader>();
  return (
    <div className="stack">
      <h1>{t("audit.heading")}</h1>
      <p className="prose muted">{t("audit.intro")}</p>
      <AuditTable entries={entries} locale={locale} label={t("audit.heading")} detailKeys={["email", "name", "course", "slug"]} />
      <AuditPager path="/admin/audit" page={page} pages={pages} />
    </div>
  );
}
