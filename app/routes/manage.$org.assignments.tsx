import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { keepValues, parseForm, type FieldErrors, readFormData } from "~/http/forms";
import { requireManager } from "~/organizations/guard.server";
import { listDepartments } from "~/organizations/members.server";
import { courseOptions } from "~/organizations/courses.server";
import { cancelAssignment, createAssignments, listAssignments } from "~/organizations/assignments.server";
import { assignSchema, cancelAssignmentSchema } from "~/organizations/forms";
import { RECERTIFY_CHOICES } from "~/organizations/rules";
import { FieldErrorText } from "~/organizations/ui/filters";
import { TableWrap } from "~/components/TableWrap";

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
    if (!parsed.ok) return data({ intent: "cancel" as const, ok: false, fieldErrors: {} as FieldErrors, values: {}, unknownEmails: [] as string[] }, { status: 400 });
    if (!(await cancelAssignment(org, user.id, parsed.data.assignmentId))) throw notFound();
    return data({ intent: "cancel" as const, ok: true, fieldErrors: {} as FieldErrors, values: {}, unknownEmails: [] as string[] });
  }
  const values = keepValues(formData, FIELDS);
  const parsed = parseForm(assignSchema, formData);
  if (!parsed.ok) return data({ intent: "assign" as const, ok: false, fieldErrors: parsed.fieldErrors, values, unknownEmails: [] as string[] }, { status: 400 });
  const input = parsed.data;
  const result = await createAssignments(org, user.id, {
    courseId: input.courseId,
    target: input.target === "department" ? { departmentId: input.departmentId! } : { emails: input.emails.split(/[\s,;]+/) },
    dueAt: input.dueDate,
    recertifyMonths: input.recertifyMonths,
  });
  if (!result.ok) {
    return data({ intent: "assign" as const, ok: false, fieldErrors: result.fieldErrors, values, unknownEmails: result.unknownEmails ?? [] }, { status: 400 });
  }
  return data({ intent: "assign" as const, ok: true, fieldErrors: {} as FieldErrors, values: {}, unknownEmails: [] as string[], count: result.count });
}

export default function Assignments() {
  const { t } = useTranslation("organizations");
  const { org, departments, courses, assignments, locale, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = result?.intent === "assign" ? result.fieldErrors : {};
  const values: Partial<Record<string, string>> = result?.intent === "assign" && !result.ok ? result.values : {};
  const target = values.target === "people" ? "people" : "department";
  const base = `/manage/${org.slug}`;
  const num = (n: number) => formatNumber(n, locale);
  const describedBy = (name: string, hint = false) => [hint ? `assign-${name}-hint` : null, errors[name] ? `assign-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className="stack">
      <h1>{t("assign.heading")}</h1>
      {result?.ok ? (
        <div className="alert alert--success" role="status">
          {result.intent === "cancel" ? t("assign.cancelled") : t("assign.created", { count: "count" in result ? result.count : 1 })}
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="alert alert--error" role="alert">
          {t("assign.fixErrors")}
        </div>
      ) : null}

      <section aria-labelledby="new-heading">
        <h2 id="new-heading">{t("assign.new")}</h2>
        <Form method="post" className="card assign-form" noValidate key={result?.ok ? "done" : "form"}>
          <input type="hidden" name="intent" value="assign" />
          <div className="field">
            <label htmlFor="assign-courseId">{t("columns.course")}</label>
            <select id="assign-courseId" name="courseId" defaultValue={values.courseId ?? ""} aria-invalid={errors.courseId ? true : undefined} aria-describedby={describedBy("courseId")} required>
              <option value="">{t("assign.chooseCourse")}</option>
              {courses.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.title}
                </option>
              ))}
            </select>
            <FieldErrorText id="assign-courseId-error" error={errors.courseId} />
          </div>
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
          <div className="field only-department">
            <label htmlFor="assign-departmentId">{t("columns.department")}</label>
            <span className="hint" id="assign-departmentId-hint">
              {t("assign.departmentHint")}
            </span>
            <select id="assign-departmentId" name="departmentId" defaultValue={values.departmentId ?? ""} aria-invalid={errors.departmentId ? true : undefined} aria-describedby={describedBy("departmentId", true)}>
              <option value="">{t("assign.chooseDepartment")}</option>
              {departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
            <FieldErrorText id="assign-departmentId-error" error={errors.departmentId} />
          </div>
          <div className="field only-people">
            <label htmlFor="assign-emails">{t("assign.emails")}</label>
            <span className="hint" id="assign-emails-hint">
              {t("assign.emailsHint")}
            </span>
            <textarea id="assign-emails" name="emails" rows={4} defaultValue={values.emails ?? ""} aria-invalid={errors.emails ? true : undefined} aria-describedby={describedBy("emails", true)} />
            <FieldErrorText id="assign-emails-error" error={errors.emails} />
            {result?.intent === "assign" && result.unknownEmails.length ? <p className="field-error">{result.unknownEmails.join(", ")}</p> : null}
          </div>
          <div className="field">
            <label htmlFor="assign-dueDate">{t("columns.due")}</label>
            <input id="assign-dueDate" name="dueDate" type="date" min={today} defaultValue={values.dueDate ?? ""} aria-invalid={errors.dueDate ? true : undefined} aria-describedby={describedBy("dueDate")} required />
            <FieldErrorText id="assign-dueDate-error" error={errors.dueDate} />
          </div>
          <div className="field">
            <label htmlFor="assign-recertifyMonths">{t("columns.recertify")}</label>
            <span className="hint" id="assign-recertifyMonths-hint">
              {t("assign.recertifyHint")}
            </span>
            <select id="assign-recertifyMonths" name="recertifyMonths" defaultValue={values.recertifyMonths ?? ""} aria-invalid={errors.recertifyMonths ? true : undefined} aria-describedby={describedBy("recertifyMonths", true)}>
              <option value="">{t("assign.noRecertify")}</option>
              {RECERTIFY_CHOICES.map((m) => (
                <option key={m} value={m}>
                  {t("assign.everyMonths", { count: m })}
                </option>
              ))}
            </select>
            <FieldErrorText id="assign-recertifyMonths-error" error={errors.recertifyMonths} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t("assign.submit")}
          </button>
        </Form>
      </section>

      <section aria-labelledby="list-heading">
        <h2 id="list-heading">{t("assign.list")}</h2>
        {assignments.length === 0 ? (
          <p>{t("assign.none")}</p>
        ) : (
          <TableWrap labelledBy="list-heading">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("columns.course")}</th>
                  <th scope="col">{t("assign.assignedTo")}</th>
                  <th scope="col">{t("columns.due")}</th>
                  <th scope="col">{t("columns.recertify")}</th>
                  <th scope="col">{t("columns.progress")}</th>
                  <th scope="col">{t("columns.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {assignments.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">{a.course}</th>
                    <td>
                      {a.person ? (
                        <Link to={`${base}/staff/${a.person.id}`}>{a.person.name}</Link>
                      ) : (
                        t("assign.departmentLabel", { name: a.department ?? "" })
                      )}
                    </td>
                    <td>{formatDate(a.dueAt, locale)}</td>
                    <td>{a.recertifyMonths ? t("assign.everyMonths", { count: a.recertifyMonths }) : "—"}</td>
                    <td>
                      {t("dashboard.ofAssigned", { done: num(a.progress.completed), total: num(a.progress.assigned) })}
                      {a.progress.overdue ? (
                        <>
                          {" "}
                          <span className="badge badge--bad">{t("assign.overdueCount", { count: a.progress.overdue })}</span>
                        </>
                      ) : null}
                    </td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="cancel" />
                        <input type="hidden" name="assignmentId" value={a.id} />
                        <button type="submit" className="link-button" disabled={busy}>
                          {t("assign.cancel")}
                          <span className="visually-hidden"> ({a.course})</span>
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
    </div>
  );
}
