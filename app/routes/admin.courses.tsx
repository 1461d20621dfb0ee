// Platform administration: every course with its versions; a published version can be archived
// (taken out of the catalogue). What that means for enrolled learners: app/admin/courses.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fail, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";
import { RowAction } from "~/ui/RowAction";
import { z } from "zod";
import { notFound, requirePlatformAdmin } from "~/auth/guards.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { archiveVersion, listCoursesForAdmin } from "~/admin/courses.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "admin");
  return { title: t("courses.title"), locale, courses: await listCoursesForAdmin(locale) };
}

const archiveSchema = z.object({ intent: z.literal("archive"), versionId: z.string().min(1).max(100) });

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const parsed = parseForm(archiveSchema, await readFormData(request));
  if (!parsed.ok) return data(fail("admin:courses.errors.form"), { status: 400 });
  const result = await archiveVersion(admin.id, parsed.data.versionId);
  if (!result) throw notFound();
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function AdminCourses() {
  const { t } = useTranslation("admin");
  const { t: tAuthoring } = useTranslation("authoring");
  const { locale, courses } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="stack">
      <h1>{t("courses.heading")}</h1>
      <p className="prose muted">{t("courses.intro")}</p>
      {result ? (
        result.ok ? (
          <Alert tone="success">{t("courses.archived", { slug: result.slug, version: result.version })}</Alert>
        ) : (
          <FormFailure errors={result.errors} />
        )
      ) : null}
      {courses.length === 0 ? <p>{t("courses.empty")}</p> : null}
      {courses.map((c) => (
        <section key={c.id} aria-labelledby={`course-${c.id}`} className="card stack">
          <h2 id={`course-${c.id}`}>
            {c.title} <code>{c.slug}</code>
          </h2>
          <p className="muted">{c.academy}</p>
          <DataTable
            labelledBy={`course-${c.id}`}
            rows={c.versions}
            rowKey={(v) => v.id}
            columns={[
              { key: "version", header: t("courses.version"), rowHeader: true, cell: (v) => v.version },
              { key: "status", header: t("columns.status"), cell: (v) => tAuthoring(`status.${v.status}`, { defaultValue: v.status }) },
              { key: "published", header: t("courses.published"), cell: (v) => (v.publishedAt ? formatDate(v.publishedAt, locale) : "—") },
              { key: "enrolments", header: t("courses.enrolments"), numeric: true, cell: (v) => formatNumber(v.enrolments, locale) },
              {
                key: "actions",
                header: <span className="visually-hidden">{t("user.actions")}</span>,
                cell: (v) =>
                  v.status === "PUBLISHED" ? (
                    <RowAction
                      intent="archive"
                      hidden={{ versionId: v.id }}
                      className="button button--secondary"
                      busy={busy}
                      aria-label={t("courses.archiveLabel", { slug: c.slug, version: v.version })}
                    >
                      {t("courses.archive")}
                    </RowAction>
                  ) : null,
              },
            ]}
          />
        </section>
      ))}
    </div>
  );
}
