// Platform administration: every course with its versions; a published version can be archived
// (taken out of the catalogue). What that means for enrolled learners: app/admin/courses.server.ts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fail, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
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
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("courses.version")}</th>
                  <th scope="col">{t("columns.status")}</th>
                  <th scope="col">{t("courses.published")}</th>
                  <th scope="col">{t("courses.enrolments")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("user.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {c.versions.map((v) => (
                  <tr key={v.id}>
                    <th scope="row">{v.version}</th>
                    <td>{tAuthoring(`status.${v.status}`, { defaultValue: v.status })}</td>
                    <td>{v.publishedAt ? formatDate(v.publishedAt, locale) : "—"}</td>
                    <td>{formatNumber(v.enrolments, locale)}</td>
                    <td>
                      {v.status === "PUBLISHED" ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="archive" />
                          <input type="hidden" name="versionId" value={v.id} />
                          <button type="submit" className="button button--secondary" disabled={busy} aria-label={t("courses.archiveLabel", { slug: c.slug, version: v.version })}>
                            {t("courses.archive")}
                          </button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
