import type { LinksFunction, ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import authoringStyles from "~/authoring/ui/authoring.css";
import { z } from "zod";
import { translatorFor } from "~/i18n/translate.server";
import { localeNames, supportedLocales } from "~/i18n/config";
import { KEY } from "~/courses/schema";
import { createCourse, requireAuthor, slugTaken } from "~/authoring/drafts.server";
import { fail, formValues, parseForm, readFormData, type Failure } from "~/http/forms";
import { Field } from "~/ui/Field";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { academies } = await requireAuthor(request);
  const { t, locale } = await translatorFor(request, "authoring");
  return { title: t("new.title"), academies: academies.map((a) => ({ slug: a.slug, name: a.name })), locale };
}

const newCourseSchema = z.object({
  academy: z.string(),
  slug: z.string().trim().toLowerCase().min(1, "authoring:form.required").max(60, "authoring:form.tooLong").regex(KEY, "authoring:form.key"),
  sourceLocale: z.enum(supportedLocales, { errorMap: () => ({ message: "authoring:form.required" }) }),
  title: z.string().trim().min(1, "authoring:form.required").max(200, "authoring:form.tooLong"),
  summary: z.string().trim().min(1, "authoring:form.required").max(2000, "authoring:form.tooLong"),
  durationMinutes: z
    .string()
    .trim()
    .regex(/^\d+$/, "authoring:form.wholeNumber")
    .transform(Number)
    .pipe(z.number().min(1, "authoring:form.outOfRange").max(100_000, "authoring:form.outOfRange")),
});

export async function action({ request }: ActionFunctionArgs) {
  const { academies } = await requireAuthor(request);
  const formData = await readFormData(request);
  const values = formValues(formData);
  const parsed = parseForm(newCourseSchema, values);
  const errors: Failure[] = parsed.ok ? [] : [...parsed.errors];
  const academy = academies.find((a) => a.slug === values.academy);
  if (!academy) errors.push({ key: "authoring:form.required", field: "academy" });
  if (parsed.ok && (await slugTaken(parsed.data.slug))) errors.push({ key: "authoring:form.slugTaken", field: "slug" });
  if (!parsed.ok || !academy || errors.length) return data({ errors, values }, { status: 400 });
  const created = await createCourse({ ...parsed.data, academy });
  if (!created) return data({ ...fail("authoring:form.slugTaken", { field: "slug" }), values }, { status: 400 });
  return redirect(`/author/courses/${created.slug}/edit`);
}

export default function NewCourse() {
  const { t } = useTranslation("authoring");
  const { academies, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const v = result?.values ?? {};
  return (
    <div className="narrow stack">
      <p>
        <Link to="/author">{t("nav.back")}</Link>
      </p>
      <h1>{t("new.heading")}</h1>
      <Form method="post" className="card stack" noValidate>
        {academies.length > 1 ? (
          <Field name="academy" label={t("new.academy")} errors={result?.errors} defaultValue={v.academy ?? academies[0].slug}>
            {academies.map((a) => (
              <option key={a.slug} value={a.slug}>
                {a.name}
              </option>
            ))}
          </Field>
        ) : (
          <input type="hidden" name="academy" value={academies[0].slug} />
        )}
        <Field name="title" label={t("fields.courseTitle")} errors={result?.errors} defaultValue={v.title} required />
        <Field name="slug" label={t("fields.slug")} hint={t("fields.slugHint")} errors={result?.errors} defaultValue={v.slug} required />
        <Field name="sourceLocale" label={t("fields.sourceLocale")} errors={result?.errors} defaultValue={v.sourceLocale ?? locale}>
          {supportedLocales.map((l) => (
            <option key={l} value={l} lang={l}>
              {localeNames[l]}
            </option>
          ))}
        </Field>
        <Field name="summary" label={t("fields.summary")} rows={3} errors={result?.errors} defaultValue={v.summary} required />
        <Field name="durationMinutes" label={t("fields.durationMinutes")} errors={result?.errors} inputMode="numeric" defaultValue={v.durationMinutes ?? "30"} />
        <button type="submit" className="button">
          {t("new.create")}
        </button>
      </Form>
    </div>
  );
}
