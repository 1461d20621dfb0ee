// CSV exports of the current filters: /manage/<org>/export/completions.csv and …/certificates.csv.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { requireManager } from "~/organizations/guard.server";
import { listDepartments } from "~/organizations/members.server";
import { courseOptions } from "~/organizations/courses.server";
import { certificateExport, completionExport } from "~/organizations/reports.server";
import { readFilters } from "~/organizations/filters";
import { toCsv } from "~/organizations/csv.server";
import { isValidCertificate } from "~/training/rules";
import { publicOrigin } from "~/http/public-origin.server";

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : ""); // ISO dates: every spreadsheet sorts them

export async function loader({ request, params }: LoaderFunctionArgs) {
  const kind = params.kind;
  const { org } = await requireManager(request, params.org);
  if (kind !== "completions.csv" && kind !== "certificates.csv") throw notFound();
  const { t, locale } = await translatorFor(request, "organizations");
  const [departments, courses] = await Promise.all([listDepartments(org.id), courseOptions(locale)]);
  const url = new URL(request.url);
  const filters = readFilters(url.searchParams, { departmentIds: departments.map((d) => d.id), courseIds: courses.map((c) => c.id) });
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  const courseTitle = new Map(courses.map((c) => [c.id, c.title]));
  const dept = (id: string | null) => (id ? departmentName.get(id) ?? "" : t("noDepartment"));
  let csv: string;
  if (kind === "completions.csv") {
    const rows = await completionExport(org.id, filters);
    csv = toCsv(
      [t("columns.name"), t("columns.email"), t("columns.department"), t("columns.course"), t("columns.assigned"), t("columns.due"), t("columns.state"), t("columns.completedOn")],
      rows.map((r) => [
        r.name,
        r.email,
        dept(r.departmentId),
        courseTitle.get(r.courseId) ?? r.courseId,
        r.assigned ? t("export.yes") : t("export.no"),
        day(r.dueAt),
        t(`states.${r.state}`),
        day(r.completedAt),
      ]),
    );
  } else {
    const now = new Date();
    const rows = await certificateExport(org.id, filters);
    const origin = publicOrigin();
    csv = toCsv(
      [t("columns.name"), t("columns.email"), t("columns.department"), t("columns.course"), t("columns.certificate"), t("columns.issued"), t("columns.expires"), t("columns.state"), t("columns.verify")],
      rows.map((r) => [
        r.name,
        r.email,
        dept(r.departmentId),
        courseTitle.get(r.courseId) ?? r.courseId,
        r.certificateId,
        day(r.issuedAt),
        day(r.expiresAt),
        t(`certificateStates.${r.revokedAt ? "revoked" : isValidCertificate(r, now) ? "valid" : "expired"}`),
        `${origin}/verify/${r.certificateId}`,
      ]),
    );
  }
  const filename = `${org.slug}-${kind.replace(".csv", "")}-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
