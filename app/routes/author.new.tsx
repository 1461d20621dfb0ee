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
import { formValues } from "~/authoring/edit";
import { FieldError, TextField, cssId, invalid } from "~/authoring/ui/parts";
import { readFormData } from "~/http/forms";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: authoringStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { academies } = await requireAuthor(request);
  const { t, locale } = await translatorFor(request, "authoring");
  return { title: t("new.title"), academies: academies.map((a) => ({ slug: a.slug, name: a.name })), locale };
}

const newCourseSchema = z.object({
  academy: z.string(),
  slug: z.string().trim().toLowerCase().min(1, "form.required").max(60, "form.tooLong").regex(KEY, "form.key"),
  sourceLocale: z.enum(supportedLocales, { errorMap: () => ({ message: "form.required" }) }),
  title: z.string().trim().min(1, "form.required").max(200, "form.tooLong"),
  summary: z.string().trim().min(1, "form.required").max(2000, "form.tooLong"),
  durationMinutes: z.string().trim().regex(/^\d+$/, "form.wholeNumber").transform(Number).pipe(z.number().min(1, "form.outOfRange").max(100_000, "form.outOfRange")),
});

export async function action({ request }: ActionFunctionArgs) {
  const { academies } = await requireAuthor(request);
  const formData = await readFormData(request);
  const values = formValues(formData);
  const parsed = newCourseSchema.safeParse(values);
  const errors: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
  const academy = academies.find((a) => a.slug === values.academy);
  if (!academy) errors.academy = "form.required";
  if (parsed.success && !errors.slug && (await slugTaken(parsed.data.slug))) errors.slug = "form.slugTaken";
  if (!parsed.success || !academy || Object.keys(errors).length) return data({ errors, values }, { status: 400 });
  const created = await createCourse({ ...parsed.data, academy });
  if (!created) return data({ errors: { slug: "form.slugTaken" }, values }, { status: 400 });
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
          <div className="field">
            <label htmlFor={cssId("academy")}>{t("new.academy")}</label>
            <select id={cssId("academy")} name="academy" defaultValue={v.academy ?? academies[0].slug} {...invalid(result, "academy")}>
              {academies.map((a) => (
                <option key={a.slug} value={a.slug}>
                  {a.name}
                </option>
              ))}
            </select>
            <FieldError result={result} name="academy" />
          </div>
        ) : (
          <input type="hidden" name="academy" value={academies[0].slug} />
        )}
        <TextField name="title" label={t("fields.courseTitle")} result={result} defaultValue={v.title} required />
        <TextField name="slug" label={t("fields.slug")} hint={t("fields.slugHint")} result={result} defaultValue={v.slug} required />
        <div className="field">
          <label htmlFor={cssId("sourceLocale")}>{t("fields.sourceLocale")}</label>
          <select id={cssId("sourceLocale")} name="sourceLocale" defaultValue={v.sourceLocale ?? locale}>
            {supportedLocales.map((l) => (
              <option key={l} value={l} lang={l}>
                {localeNames[l]}
              </option>
            ))}
          </select>
        </div>
        <TextField name="summary" label={t("fields.summary")} rows={3} result={result} defaultValue={v.summary} required />
        <TextField name="durationMinutes" label={t("fields.durationMinutes")} result={result} inputMode="numeric" defaultValue={v.durationMinutes ?? "30"} />
        <button type="submit" className="button">
          {t("new.create")}
        </button>
      </Form>
    </div>
  );
}
