import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate } from "~/i18n/format";
import { fail, parseForm, readFormData, type Failure } from "~/http/forms";
import { FormFailure, Alert } from "~/ui/Alert";
import { requireManager } from "~/organizations/guard.server";
import { changeMember, listDepartments, memberRecord, type MemberChange } from "~/organizations/members.server";
import { MEMBER_ROLES, memberActionSchema } from "~/organizations/forms";
import { deliveryStatus } from "~/notifications/inbox.server";
import { DeliveryTable } from "~/notifications/DeliveryTable";
import notificationStyles from "~/notifications/ui.css";
import { DataTable } from "~/ui/DataTable";
import { overrideAsManager, overridesOf, parseOverrideForm, quizChoicesOfPerson } from "~/learning/overrides.server";
import { QuizOverrideForm, QuizOverrideHistory } from "~/components/QuizOverrideForm";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: notificationStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org, user } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const [record, departments] = await Promise.all([memberRecord(org.id, params.userId ?? "", locale), listDepartments(org.id)]);
  if (!record) throw notFound();
  const notifications = await deliveryStatus(org.id, { status: null, kind: null, userId: record.member.userId }, 1, 20);
  // the quizzes of each enrolled course, for the "another chance at a quiz" form, and the decisions so far
  const quizzes = await quizChoicesOfPerson(record.member.userId, locale);
  const overrides = (await overridesOf(record.member.userId, Object.keys(quizzes))).map((o) => ({
    ...o,
    createdAt: o.createdAt.toISOString(),
    quiz: quizzes[o.courseId]?.find((q) => q.key === o.quizKey)?.title ?? o.quizKey,
  }));
  return {
    title: t("person.title", { name: record.member.name }),
    org,
    locale,
    departments,
    self: record.member.userId === user.id,
    notifications: notifications.rows,
    quizzes,
    overrides,
    ...record,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, user } = await requireManager(request, params.org);
  const form = await readFormData(request);
  if (form.get("intent") === "quizOverride") {
    // extra attempts or a reset for one quiz (app/learning/overrides.server.ts): only for a member of
    // this municipality enrolled in the course, else 404
    const parsedOverride = parseOverrideForm(form);
    if (!parsedOverride.ok) return data({ ok: false, intent: "quizOverride" as const, errors: parsedOverride.errors }, { status: 400 });
    const granted = await overrideAsManager(org.id, user.id, params.userId ?? "", String(form.get("courseId") ?? ""), parsedOverride.data);
    if (!granted) throw notFound();
    if (!granted.ok) return data({ ok: false, intent: "quizOverride" as const, errors: granted.errors }, { status: 400 });
    return data({ ok: true, intent: "quizOverride" as const, errors: [] as Failure[] });
  }
  const parsed = parseForm(memberActionSchema, form);
  // one message for the page: a forged or stale form
  if (!parsed.ok) return data({ intent: null, ...fail(parsed.errors[0]?.key ?? "form.unknownAction") }, { status: 400 });
  const change: MemberChange =
    parsed.data.intent === "role"
      ? { kind: "role", role: parsed.data.role }
      : parsed.data.intent === "department"
        ? { kind: "department", departmentId: parsed.data.departmentId }
        : { kind: parsed.data.intent };
  const result = await changeMember(org, user.id, params.userId ?? "", change);
  if (!result) throw notFound();
  if (!result.ok) return data({ ok: false, intent: parsed.data.intent, errors: result.errors }, { status: 400 });
  return data({ ok: true, intent: parsed.data.intent, errors: [] as Failure[] });
}

export default function Person() {
  const { t } = useTranslation("organizations");
  const { org, locale, member, assignments, courses, certificates, departments, self, notifications, quizzes, overrides } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const base = `/manage/${org.slug}`;
  const date = (iso: string | null) => (iso ? formatDate(iso, locale) : "—");
  const stateBadge = (state: string) => (state === "completed" ? "badge badge--ok" : state === "overdue" ? "badge badge--bad" : "badge");
  return (
    <div className="stack">
      <p>
        <Link to={`${base}/staff`}>{t("person.back")}</Link>
      </p>
      <h1>{member.name}</h1>
      <p className="muted">{member.email}</p>
      {result?.ok ? (
        <Alert tone="success">{result.intent === "quizOverride" ? t("learning:overrides.saved") : t(`person.saved.${result.intent}`)}</Alert>
      ) : null}
      {result && !result.ok ? <FormFailure errors={result.errors} /> : null}

      <section aria-labelledby="membership-heading" className="card">
        <h2 id="membership-heading">{t("person.membership")}</h2>
        <dl className="facts">
          <dt>{t("columns.memberStatus")}</dt>
          <dd>
            <span className={member.status === "ACTIVE" ? "badge badge--ok" : "badge badge--bad"}>{t(`memberStatus.${member.status}`)}</span>
          </dd>
          <dt>{t("columns.since")}</dt>
          <dd>{date(member.since)}</dd>
        </dl>
        <div className="row">
          <Form method="post" className="row inline-form">
            <input type="hidden" name="intent" value="department" />
            <div className="field">
              <label htmlFor="member-department">{t("columns.department")}</label>
              <select id="member-department" name="departmentId" defaultValue={member.departmentId ?? ""}>
                <option value="">{t("noDepartment")}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary" disabled={busy}>
              {t("person.changeDepartment")}
            </button>
          </Form>
          {self ? null : (
            <Form method="post" className="row inline-form">
              <input type="hidden" name="intent" value="role" />
              <div className="field">
                <label htmlFor="member-role">{t("columns.role")}</label>
                <select id="member-role" name="role" defaultValue={member.role}>
                  {MEMBER_ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`roles.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button button--secondary" disabled={busy}>
                {t("person.changeRole")}
              </button>
            </Form>
          )}
        </div>
        {self ? (
          <p className="muted">{t("person.selfNote")}</p>
        ) : member.status === "ACTIVE" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="deactivate" />
            <p className="muted" id="deactivate-explain">
              {t("person.deactivateExplain")}
            </p>
            <button type="submit" className="button button--danger" aria-describedby="deactivate-explain" disabled={busy}>
              {t("person.deactivate")}
            </button>
          </Form>
        ) : (
          <Form method="post">
            <input type="hidden" name="intent" value="reactivate" />
            <button type="submit" className="button" disabled={busy}>
              {t("person.reactivate")}
            </button>
          </Form>
        )}
      </section>

      <section aria-labelledby="assignments-heading">
        <h2 id="assignments-heading">{t("person.assignments")}</h2>
        <DataTable
          labelledBy="assignments-heading"
          rows={assignments}
          rowKey={(a) => a.id}
          empty={member.status === "ACTIVE" ? t("person.noAssignments") : t("person.noAssignmentsDeactivated")}
          columns={[
            {
              key: "course",
              header: t("columns.course"),
              rowHeader: true,
              cell: (a) => (
                <>
                  {a.course}
                  {a.viaDepartment ? <span className="muted"> · {t("person.viaDepartment")}</span> : null}
                </>
              ),
            },
            { key: "due", header: t("columns.due"), cell: (a) => date(a.dueAt) },
            { key: "recertify", header: t("columns.recertify"), cell: (a) => (a.recertifyMonths ? t("assign.everyMonths", { count: a.recertifyMonths }) : "—") },
            { key: "state", header: t("columns.state"), cell: (a) => <span className={stateBadge(a.state)}>{t(`states.${a.state}`)}</span> },
          ]}
        />
      </section>

      <section aria-labelledby="courses-heading">
        <h2 id="courses-heading">{t("person.courses")}</h2>
        {courses.length === 0 ? <p>{t("person.noCourses")}</p> : null}
        {courses.map((c) => (
          <article key={c.courseId} className="card stack" aria-labelledby={`course-${c.courseId}`}>
            <h3 id={`course-${c.courseId}`}>{c.title}</h3>
            <p>
              {c.completedAt ? (
                <span className="badge badge--ok">{t("person.completedOn", { date: date(c.completedAt) })}</span>
              ) : (
                <span className="badge">{t("person.lessonsDone", { done: c.lessonsDone, total: c.lessons.length })}</span>
              )}{" "}
              <span className="muted">
                {t("person.enrolled", { date: date(c.enrolledAt) })} · {t("person.lastActivity", { date: date(c.lastActivityAt) })} ·{" "}
                {t("person.minutes", { count: c.minutes })}
              </span>
            </p>
            <details>
              <summary>{t("person.lessons")}</summary>
              <DataTable
                label={t("person.lessons")}
                rows={c.lessons}
                rowKey={(l) => l.key}
                columns={[
                  { key: "module", header: t("columns.module"), cell: (l) => l.module },
                  { key: "lesson", header: t("columns.lesson"), cell: (l) => l.title },
                  { key: "completed", header: t("columns.completedOn"), cell: (l) => date(l.completedAt) },
                ]}
              />
            </details>
            {c.attempts.length ? (
              <details>
                <summary>{t("person.attempts", { count: c.attempts.length })}</summary>
                <DataTable
                  label={t("person.attempts", { count: c.attempts.length })}
                  rows={c.attempts}
                  rowKey={(a) => `${a.quiz}-${a.number}`}
                  columns={[
                    { key: "quiz", header: t("columns.quiz"), cell: (a) => a.quiz },
                    { key: "attempt", header: t("columns.attempt"), numeric: true, cell: (a) => a.number },
                    { key: "score", header: t("columns.score"), numeric: true, cell: (a) => (a.score === null ? "—" : `${a.score}%`) },
                    { key: "result", header: t("columns.result"), cell: (a) => (a.passed === null ? t("person.attemptOpen") : a.passed ? t("person.passed") : t("person.failed")) },
                    { key: "submitted", header: t("columns.submitted"), cell: (a) => date(a.submittedAt) },
                  ]}
                />
              </details>
            ) : null}
            {quizzes[c.courseId]?.length ? (
              <QuizOverrideForm
                idPrefix={`override-${c.courseId}`}
                quizzes={quizzes[c.courseId]}
                hidden={{ courseId: c.courseId }}
                busy={busy}
              />
            ) : null}
            <QuizOverrideHistory rows={overrides.filter((o) => o.courseId === c.courseId)} locale={locale} />
          </article>
        ))}
      </section>

      <section aria-labelledby="certificates-heading">
        <h2 id="certificates-heading">{t("person.certificates")}</h2>
        <DataTable
          labelledBy="certificates-heading"
          rows={certificates}
          rowKey={(c) => c.id}
          empty={t("person.noCertificates")}
          columns={[
            { key: "course", header: t("columns.course"), rowHeader: true, cell: (c) => c.course },
            { key: "issued", header: t("columns.issued"), cell: (c) => date(c.issuedAt) },
            { key: "expires", header: t("columns.expires"), cell: (c) => (c.expiresAt ? date(c.expiresAt) : t("person.noExpiry")) },
            {
              key: "state",
              header: t("columns.state"),
              cell: (c) => <span className={c.state === "valid" ? "badge badge--ok" : "badge badge--bad"}>{t(`certificateStates.${c.state}`)}</span>,
            },
          ]}
        />
      </section>

      <section aria-labelledby="notifications-heading">
        <h2 id="notifications-heading">{t("notifications:manage.personHeading")}</h2>
        {notifications.length === 0 ? (
          <p>{t("notifications:manage.personEmpty")}</p>
        ) : (
          <DeliveryTable rows={notifications} locale={locale} showRecipient={false} />
        )}
        <p>
          <Link to={`${base}/notifications`}>{t("notifications:manage.heading")}</Link>
        </p>
      </section>
    </div>
  );
}
