import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { notFound } from "~/auth/guards.server";
import { translatorFor } from "~/i18n/translate.server";
import { formatDate } from "~/i18n/format";
import { fail, parseForm, readFormData, type Failure } from "~/http/forms";
import { useFailureText } from "~/ui/Field";
import { MB } from "~/http/body-limit";
import { requireManager } from "~/organizations/guard.server";
import { listDepartments } from "~/organizations/members.server";
import { decodeUpload, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, parseEmailList, parseStaffCsv, validateStaffRows } from "~/organizations/csv.server";
import { createInvitations, importContext, invitationLink, openInvitations, updateInvitation, INVITATION_DAYS } from "~/organizations/invitations.server";
import { invitationActionSchema, invitePreviewSchema } from "~/organizations/forms";
import { Alert } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";
import { RowAction } from "~/ui/RowAction";
import { sendInvitationEmailsNow, type DeliveryOutcome } from "~/notifications/deliver-now.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { org } = await requireManager(request, params.org);
  const { t, locale } = await translatorFor(request, "organizations");
  const [departments, invitations] = await Promise.all([listDepartments(org.id), openInvitations(org.id)]);
  return { title: t("invite.title", { name: org.name }), org, locale, departments, invitations, maxRows: MAX_IMPORT_ROWS, days: INVITATION_DAYS };
}

type Preview = {
  line: number;
  input: { name: string; email: string; department: string; role: string };
  errors: Failure[];
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { org, user } = await requireManager(request, params.org);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES * 2.5) {
    return data({ kind: "problem" as const, ...fail("organizations:import.errors.tooLarge") }, { status: 400 });
  }
  const formData = await readFormData(request, { maxBytes: 3 * MB });
  const intent = formData.get("intent");

  if (intent === "revoke" || intent === "renew") {
    const parsed = parseForm(invitationActionSchema, formData);
    if (!parsed.ok) return data({ kind: "problem" as const, ...fail("form.unknownAction") }, { status: 400 });
    const result = await updateInvitation(org, user.id, parsed.data.invitationId, parsed.data.intent);
    if (!result) throw notFound();
    const delivery = result.token ? (await sendInvitationEmailsNow([result.id]))[result.id] ?? null : null;
    return data({
      kind: parsed.data.intent === "renew" ? ("renewed" as const) : ("revoked" as const),
      email: result.email,
      link: result.token ? invitationLink(result.token) : null,
      delivery,
    });
  }

  const parsed = parseForm(invitePreviewSchema, formData);
  if (!parsed.ok) return data({ kind: "problem" as const, ...fail("form.unknownAction") }, { status: 400 });
  const { source, list, department, role } = parsed.data;
  let csv = parsed.data.csv;
  const file = formData.get("file");
  if (source === "csv" && file instanceof File && file.size > 0) {
    const decoded = decodeUpload(new Uint8Array(await file.arrayBuffer()));
    if (!decoded.ok) return data({ kind: "problem" as const, ok: false as const, errors: decoded.errors }, { status: 400 });
    csv = decoded.text;
  }
  const read = source === "csv" ? parseStaffCsv(csv) : parseEmailList(list, { department, role });
  if (!read.ok) return data({ kind: "problem" as const, ok: false as const, errors: read.errors }, { status: 400 });
  // Validated again on confirmation: the preview is never trusted, and nothing is written for a row with an error.
  const rows = validateStaffRows(read.rows, await importContext(org.id));
  const preview: Preview[] = rows.map((r) => ({ line: r.line, input: r.input, errors: r.errors }));
  const carry = { source, csv: source === "csv" ? csv : "", list: source === "list" ? list : "", department, role };
  if (parsed.data.intent === "preview") {
    return data({ kind: "preview" as const, rows: preview, valid: rows.filter((r) => r.value).length, carry });
  }
  if (!rows.some((r) => r.value)) return data({ kind: "preview" as const, rows: preview, valid: 0, carry }, { status: 400 });
  const created = await createInvitations(org, user.id, rows);
  const delivery = await sendInvitationEmailsNow(created.map((c) => c.id));
  return data({
    kind: "created" as const,
    created: created.map((c) => ({ email: c.email, name: c.name, link: invitationLink(c.token), delivery: delivery[c.id] ?? null })),
    skipped: preview.filter((r) => r.errors.length > 0),
  });
}

export default function Invite() {
  const { t } = useTranslation("organizations");
  const { org, departments, invitations, locale, maxRows, days } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const text = useFailureText();
  return (
    <div className="stack">
      <h1>{t("invite.heading")}</h1>
      <p className="prose">{t("invite.intro", { days })}</p>

      {result?.kind === "problem" ? (
        <Alert tone="error" as="div">
          {text(result.errors[0])}
          {result.errors[0].values?.line ? ` ${t("import.atLine", { line: result.errors[0].values.line })}` : null}
        </Alert>
      ) : null}

      {result?.kind === "created" ? <CreatedLinks created={result.created} skipped={result.skipped.length} org={org.slug} /> : null}
      {result?.kind === "renewed" && result.link ? <CreatedLinks created={[{ email: result.email, name: null, link: result.link, delivery: result.delivery }]} skipped={0} org={org.slug} /> : null}
      {result?.kind === "revoked" ? (
        <Alert tone="success" as="div">
          {t("invite.revoked", { email: result.email })}
        </Alert>
      ) : null}

      {result?.kind === "preview" ? (
        <section aria-labelledby="preview-heading" className="card stack">
          <h2 id="preview-heading">{t("import.previewHeading")}</h2>
          <p role="status">
            {t("import.previewSummary", { valid: result.valid, invalid: result.rows.length - result.valid })}
          </p>
          <DataTable
            labelledBy="preview-heading"
            className="preview"
            rows={result.rows}
            rowKey={(r) => String(r.line)}
            rowProps={(r) => ({ className: r.errors.length ? "row--error" : undefined })}
            columns={[
              { key: "line", header: t("columns.line"), numeric: true, cell: (r) => r.line },
              { key: "name", header: t("columns.name"), cell: (r) => r.input.name || "—" },
              { key: "email", header: t("columns.email"), cell: (r) => r.input.email },
              { key: "department", header: t("columns.department"), cell: (r) => r.input.department || "—" },
              { key: "role", header: t("columns.role"), cell: (r) => r.input.role || t("roles.LEARNER") },
              {
                key: "check",
                header: t("columns.check"),
                cell: (r) =>
                  r.errors.length === 0 ? (
                    <span className="badge badge--ok">{t("import.rowOk")}</span>
                  ) : (
                    <ul className="row-errors">
                      {r.errors.map((e) => (
                        <li key={`${e.field}-${e.key}`}>
                          <strong>{t(`import.fields.${e.field}`)}:</strong> {text(e)}
                        </li>
                      ))}
                    </ul>
                  ),
              },
            ]}
          />
          <Form method="post" className="row">
            <input type="hidden" name="intent" value="confirm" />
            {Object.entries(result.carry).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            <button type="submit" className="button" disabled={busy || result.valid === 0}>
              {t("import.confirm", { count: result.valid })}
            </button>
            {result.rows.length > result.valid ? <span className="muted">{t("import.invalidSkipped")}</span> : null}
          </Form>
        </section>
      ) : null}

      <div className="grid grid--wide">
        <section aria-labelledby="csv-heading" className="card">
          <h2 id="csv-heading">{t("import.csvHeading")}</h2>
          <p className="muted">{t("import.csvExplain", { max: maxRows })}</p>
          <p>
            <a href="/templates/staff-import.csv" download>
              {t("import.template")}
            </a>
          </p>
          <Form method="post" encType="multipart/form-data" noValidate>
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="source" value="csv" />
            <div className="field">
              <label htmlFor="invite-file">{t("import.file")}</label>
              <input id="invite-file" name="file" type="file" accept=".csv,text/csv" required />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("import.preview")}
            </button>
          </Form>
        </section>

        <section aria-labelledby="list-heading" className="card">
          <h2 id="list-heading">{t("import.listHeading")}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="preview" />
            <input type="hidden" name="source" value="list" />
            <div className="field">
              <label htmlFor="invite-list">{t("import.list")}</label>
              <span className="hint" id="invite-list-hint">
                {t("import.listHint")}
              </span>
              <textarea id="invite-list" name="list" rows={6} aria-describedby="invite-list-hint" required />
            </div>
            <div className="field">
              <label htmlFor="invite-department">{t("columns.department")}</label>
              <select id="invite-department" name="department" defaultValue="">
                <option value="">{t("noDepartment")}</option>
                {departments.map((d) => (
                  <option key={d.id} value={d.name}>
                    {d.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="invite-role">{t("columns.role")}</label>
              <select id="invite-role" name="role" defaultValue="learner">
                <option value="learner">{t("roles.LEARNER")}</option>
                <option value="manager">{t("roles.MANAGER")}</option>
              </select>
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("import.preview")}
            </button>
          </Form>
        </section>
      </div>

      <section aria-labelledby="open-heading">
        <h2 id="open-heading">{t("invite.open")}</h2>
        <DataTable
          labelledBy="open-heading"
          rows={invitations}
          rowKey={(inv) => inv.id}
          empty={t("invite.none")}
          columns={[
            {
              key: "email",
              header: t("columns.email"),
              rowHeader: true,
              cell: (inv) => (
                <>
                  {inv.email}
                  {inv.name ? <span className="muted"> · {inv.name}</span> : null}
                </>
              ),
            },
            { key: "department", header: t("columns.department"), cell: (inv) => inv.department ?? t("noDepartment") },
            { key: "role", header: t("columns.role"), cell: (inv) => t(`roles.${inv.role}`) },
            {
              key: "expires",
              header: t("columns.expires"),
              cell: (inv) => (inv.state === "expired" ? <span className="badge badge--bad">{t("invite.expired")}</span> : formatDate(inv.expiresAt, locale)),
            },
            {
              key: "actions",
              header: t("columns.actions"),
              cell: (inv) => (
                <div className="row">
                  <RowAction intent="renew" hidden={{ invitationId: inv.id }} context={inv.email} busy={busy}>
                    {t("invite.renew")}
                  </RowAction>
                  <RowAction intent="revoke" hidden={{ invitationId: inv.id }} context={inv.email} busy={busy}>
                    {t("invite.revoke")}
                  </RowAction>
                </div>
              ),
            },
          ]}
        />
      </section>
    </div>
  );
}

/**
 * The new links, each in a read-only field with a copy button, and what happened to each invitation
 * email (sent at once by the action: app/notifications/deliver-now.server.ts); later changes are on
 * the notifications page.
 */
function CreatedLinks({
  created,
  skipped,
  org,
}: {
  created: { email: string; name: string | null; link: string; delivery: { outcome: DeliveryOutcome; error: string | null } | null }[];
  skipped: number;
  org: string;
}) {
  const { t } = useTranslation("organizations");
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <Alert tone="success" as="section" quiet className="stack" labelledBy="links-heading">
      <h2 id="links-heading">{t("invite.createdHeading", { count: created.length })}</h2>
      <p>
        {t("invite.createdExplain")} <Link to={`/manage/${org}/notifications`}>{t("invite.notificationsLink")}</Link>
      </p>
      {skipped ? <p>{t("invite.skipped", { count: skipped })}</p> : null}
      <ul className="links">
        {created.map((c, i) => (
          <li key={c.email} className="field">
            <label htmlFor={`link-${i}`}>{c.name ? `${c.name} <${c.email}>` : c.email}</label>
            {c.delivery ? (
              <p className={`delivery delivery--${c.delivery.outcome}`} data-outcome={c.delivery.outcome}>
                {t(`invite.delivery.${c.delivery.outcome}`, { error: c.delivery.error ?? "" })}
              </p>
            ) : null}
            <div className="row">
              <input id={`link-${i}`} className="invite-link" type="text" readOnly value={c.link} onFocus={(e) => e.currentTarget.select()} />
              <button
                type="button"
                className="button button--secondary"
                onClick={() => navigator.clipboard?.writeText(c.link).then(() => setCopied(c.email))}
              >
                {t("invite.copy")}
                <span className="visually-hidden"> ({c.email})</span>
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p role="status" className="muted">
        {copied ? t("invite.copied", { email: copied }) : ""}
      </p>
    </Alert>
  );
}
