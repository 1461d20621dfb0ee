import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { failureOf, formValues, parseForm, readFormData, type Failure } from "~/http/forms";
import { requireManager } from "~/organizations/guard.server";
import { listDepartments } from "~/organizations/members.server";
import { courseOptions } from "~/organizations/courses.server";
import { cancelAssignment, createAssignments, listAssignments } from "~/organizations/assignments.server";
import { assignSchema, cancelAssignmentSchema } from "~/organizations/forms";
import { RECERTIFY_CHOICES } from "~/training/rules";
import { Alert } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";
import { RowAction } from "~/ui/RowAction";
import { Field } from "~/ui/Field";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const [departments, courses, assignments] = await Promise.all([
    listDepartments(org.id),
    courseOptions(locale),
    listAssignments(org.id, locale),
  ]);
  return {
    title: t("assign.title", { name: org.name }),
    org,
    locale,
    departments,
    courses: courses.filter((c) => c.published),
    assignments,
    today: new Date().toISOString().slice(0, 10),
  };
}

const FIELDS = ["courseId", "target", "departmentId", "emails", "dueDate", "recertifyMonths"];

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, user } = await requireManager(request, params.org);
  const formData = await readFormData(request);
  if (formData.get("intent") === "cancel") {
    const parsed = parseForm(cancelAssignmentSchema, formData);
    if (!parsed.ok) return data({ intent: "cancel" as const, ok: false, errors: parsed.errors, values: {} }, { status: 400 });
    if (!(await cancelAssignment(org, user.id, parsed.data.assignmentId))) throw notFound();
    return data({ intent: "cancel" as const, ok: true, errors: [] as Failure[], values: {} });
  }
  const values = formValues(formData, FIELDS);
  const parsed = parseForm(assignSchema, formData);
  if (!parsed.ok) return data({ intent: "assign" as const, ok: false, errors: parsed.errors, values }, { status: 400 });
  const input = parsed.data;
  const result = await createAssignments(org, user.id, {
    courseId: input.courseId,
    target: input.target === "department" ? { departmentId: input.departmentId! } : { emails: input.emails.split(/[\s,;]+/) },
    dueAt: input.dueDate,
    recertifyMonths: input.recertifyMonths,
  });
  if (!result.ok) {
    return data({ intent: "assign" as const, ok: false, errors: result.errors, values }, { status: 400 });
  }
  return data({ intent: "assign" as const, ok: true, errors: [] as Failure[], values: {}, count: result.count });
}

export default function Assignments() {
  const { t } = useTranslation("organizations");
  const { org, departments, courses, assignments, locale, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors = result?.intent === "assign" ? result.errors : undefined;
  const unknownEmails = failureOf(errors, "emails")?.values?.emails;
  const values: Partial<Record<string, string>> = result?.intent === "assign" && !result.ok ? result.values : {};
  const target = values.target === "people" ? "people" : "department";
  const base = `/manage/${org.slug}`;
  const num = (n: number) => formatNumber(n, locale);
  return (
    <div className="stack">
      <h1>{t("assign.heading")}</h1>
      {result?.ok ? (
        <Alert tone="success">{result.intent === "cancel" ? t("assign.cancelled") : t("assign.created", { count: "count" in result ? result.count : 1 })}</Alert>
      ) : null}
      {result && !result.ok ? <Alert tone="error">{t("assign.fixErrors")}</Alert> : null}

      <section aria-labelledby="new-heading">
        <h2 id="new-heading">{t("assign.new")}</h2>
        <Form method="post" className="card assign-form" noValidate key={result?.ok ? "done" : "form"}>
          <input type="hidden" name="intent" value="assign" />
          <Field name="courseId" label={t("columns.course")} errors={errors} defaultValue={values.courseId ?? ""} required>
            <option value="">{t("assign.chooseCourse")}</option>
            {courses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </Field>
          <fieldset className="field">
            <legend>{t("assign.to")}</legend>
            <label className="choice">
              <input type="radio" name="target" value="department" defaultChecked={target === "department"} /> {t("assign.toDepartment")}
            </label>
            <label className="choice">
              <input type="radio" name="target" value="people" defaultChecked={target === "people"} /> {t("assign.toPeople")}
            </label>
          </fieldset>
          {/* only the chosen target's field is shown (CSS :has, works before and without JavaScript) */}
          <Field name="departmentId" boxClassName="only-department" label={t("columns.department")} hint={t("assign.departmentHint")} errors={errors} defaultValue={values.departmentId ?? ""}>
            <option value="">{t("assign.chooseDepartment")}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </Field>
          <Field
            name="emails"
            boxClassName="only-people"
            label={t("assign.emails")}
            hint={t("assign.emailsHint")}
            rows={4}
            errors={errors}
            defaultValue={values.emails ?? ""}
            after={unknownEmails ? <p className="field-error">{unknownEmails}</p> : null}
          />
          <Field name="dueDate" type="date" min={today} label={t("columns.due")} errors={errors} defaultValue={values.dueDate ?? ""} required />
          <Field name="recertifyMonths" label={t("columns.recertify")} hint={t("assign.recertifyHint")} errors={errors} defaultValue={values.recertifyMonths ?? ""}>
            <option value="">{t("assign.noRecertify")}</option>
            {RECERTIFY_CHOICES.map((m) => (
              <option key={m} value={m}>
                {t("assign.everyMonths", { count: m })}
              </option>
            ))}
          </Field>
          <button type="submit" className="button" disabled={busy}>
            {t("assign.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("assign.list")}</h2>
        <DataTable
          labelledBy="list-heading"
          rows={assignments}
          rowKey={(a) => a.id}
          empty={t("assign.none")}
          columns={[
            { key: "course", header: t("columns.course"), rowHeader: true, cell: (a) => a.course },
            {
              key: "to",
              header: t("assign.assignedTo"),
              cell: (a) => (a.person ? <Link to={`${base}/staff/${a.person.id}`}>{a.person.name}</Link> : t("assign.departmentLabel", { name: a.department ?? "" })),
            },
            { key: "due", header: t("columns.due"), cell: (a) => formatDate(a.dueAt, locale) },
            { key: "recertify", header: t("columns.recertify"), cell: (a) => (a.recertifyMonths ? t("assign.everyMonths", { count: a.recertifyMonths }) : "—") },
            {
              key: "progress",
              header: t("columns.progress"),
              cell: (a) => (
                <>
                  {t("dashboard.ofAssigned", { done: num(a.progress.completed), total: num(a.progress.assigned) })}
                  {a.progress.overdue ? (
                    <>
                      {" "}
                      <span className="badge badge--bad">{t("assign.overdueCount", { count: a.progress.overdue })}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              key: "actions",
              header: t("columns.actions"),
              cell: (a) => (
                <RowAction intent="cancel" hidden={{ assignmentId: a.id }} context={a.course} busy={busy}>
                  {t("assign.cancel")}
                </RowAction>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}
