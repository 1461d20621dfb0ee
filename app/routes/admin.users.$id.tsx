// Platform administration: one person — memberships, active sessions, last sign-in, single sign-on
// identities — and the platform-level actions, each audit-logged (app/admin/users.server.ts).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { fail, parseForm, readFormData } from "~/http/forms";
import { Alert, FormFailure } from "~/ui/Alert";
import { DataTable } from "~/ui/DataTable";
import { RowAction } from "~/ui/RowAction";
import { z } from "zod";
import { notFound, requirePlatformAdmin } from "~/auth/guards.server";
import { formatDate, formatNumber } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import { applyUserAction, getUserDetail, USER_ACTIONS } from "~/admin/users.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const { t, locale } = await translatorFor(request, "admin");
  const user = await getUserDetail(params.id ?? "", locale);
  if (!user) throw notFound();
  return { title: t("user.title", { name: user.name }), locale, user, self: user.id === admin.id };
}

const actionSchema = z.object({ intent: z.enum(USER_ACTIONS) });

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePlatformAdmin(request);
  const parsed = parseForm(actionSchema, await readFormData(request));
  if (!parsed.ok) return data(fail("admin:user.errors.unknownAction"), { status: 400 });
  const result = await applyUserAction(admin.id, params.id ?? "", parsed.data.intent);
  if (!result) throw notFound();
  return data(result, { status: result.ok ? 200 : 400 });
}

export default function AdminUser() {
  const { t } = useTranslation("admin");
  const { t: tOrg } = useTranslation("organizations");
  const { locale, user, self } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const when = (iso: string | null) => (iso ? formatDate(iso, locale, { dateStyle: "medium", timeStyle: "short" }) : t("users.never"));
  const button = (intent: string, label: string, secondary = true) => (
    <RowAction key={intent} intent={intent} hidden={{}} className={secondary ? "button button--secondary" : "button"} busy={busy}>
      {label}
    </RowAction>
  );
  return (
    <div className="stack">
      <p>
        <Link to="/admin/users">{t("user.back")}</Link>
      </p>
      <h1>{user.name}</h1>
      {result ? (
        result.ok ? (
          <Alert tone="success">{t(`user.done.${result.action}`)}</Alert>
        ) : (
          <FormFailure errors={result.errors} />
        )
      ) : null}
      <dl className="details">
        <div>
          <dt>{t("columns.email")}</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>{t("columns.status")}</dt>
          <dd>{user.deactivatedAt ? t("user.deactivatedSince", { date: when(user.deactivatedAt) }) : t("users.statuses.active")}</dd>
        </div>
        <div>
          <dt>{t("columns.lastSignIn")}</dt>
          <dd>{when(user.lastSignInAt)}</dd>
        </div>
        <div>
          <dt>{t("user.sessions")}</dt>
          <dd>{formatNumber(user.sessions, locale)}</dd>
        </div>
        <div>
          <dt>{t("user.failures")}</dt>
          <dd>{formatNumber(user.failures, locale)}</dd>
        </div>
        <div>
          <dt>{t("user.created")}</dt>
          <dd>{when(user.createdAt)}</dd>
        </div>
      </dl>

      <section aria-labelledby="memberships-heading">
        <h2 id="memberships-heading">{t("user.memberships")}</h2>
        <DataTable
          labelledBy="memberships-heading"
          rows={user.memberships}
          rowKey={(m) => m.organization.id}
          empty={t("user.noMemberships")}
          columns={[
            { key: "organization", header: t("columns.organization"), rowHeader: true, cell: (m) => m.organization.name },
            { key: "role", header: t("columns.role"), cell: (m) => tOrg(`roles.${m.role}`) },
            { key: "department", header: t("columns.department"), cell: (m) => m.department ?? "—" },
            { key: "status", header: t("columns.membershipStatus"), cell: (m) => tOrg(`memberStatus.${m.status}`) },
          ]}
        />
      </section>

      {user.identities.length > 0 ? (
        <section aria-labelledby="identities-heading">
          <h2 id="identities-heading">{t("user.identities")}</h2>
          <ul>
            {user.identities.map((i) => (
              <li key={i.issuer}>
                {i.organization} — <span dir="ltr">{i.issuer}</span> ({when(i.createdAt)})
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="actions-heading" className="stack">
        <h2 id="actions-heading">{t("user.actions")}</h2>
        <p className="prose muted">{t("user.actionsIntro")}</p>
        <div className="actions">
          {user.deactivatedAt ? button("reactivate", t("user.reactivate"), false) : self ? null : button("deactivate", t("user.deactivate"))}
          {button("endSessions", t("user.endSessions"))}
          {user.failures > 0 ? button("unlock", t("user.unlock")) : null}
          {user.deactivatedAt ? null : button("sendResetLink", t("user.sendResetLink"))}
        </div>
      </section>
    </div>
  );
}
