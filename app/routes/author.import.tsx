// /author/import: an academy's author uploads a course folder as a zip; it becomes a DRAFT version
// (app/authoring/exchange). Errors are listed as file:line: message and nothing is written.
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { readFormData, type Failure } from "~/http/forms";
import { useFailureText } from "~/ui/Field";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireAuthor } from "~/authoring/drafts.server";
import { importCourseZip } from "~/authoring/exchange/import.server";
import { ZIP_LIMITS } from "~/authoring/exchange/zip.server";
import { formatError } from "~/courses/files.server";
import { pick } from "~/courses/localize";
import { localeNames, type Locale } from "~/i18n/config";
import { formatNumber } from "~/i18n/format";
import { translatorFor } from "~/i18n/translate.server";
import exchangeStyles from "~/authoring/exchange/ui/exchange.css";
import { Alert } from "~/ui/Alert";
import { orgName } from "~/organizations/names";

/** The uploaded zip itself (compressed); what it unpacks to is limited by ZIP_LIMITS. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const MB = 1024 * 1024;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: exchangeStyles }];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { academies } = await requireAuthor(request);
  const { t, locale } = await translatorFor(request, "exchange");
  return { title: t("import.title"), locale, academies: academies.map((a) => ({ id: a.id, name: orgName(a, locale) })), maxUploadMb: MAX_UPLOAD_BYTES / MB };
}

const fieldsSchema = z.object({ academy: z.string().min(1, "exchange:problems.academy") });

/** Past this, a client that keeps sending is cut off (its browser then shows a network error). */
const MAX_DRAIN_BYTES = 100 * MB;

async function drain(body: ReadableStream<Uint8Array> | null) {
  // Read what the browser is still sending before answering, so that it sees the answer rather than
  // a connection reset; the bytes are discarded, nothing is kept in memory.
  if (!body || body.locked) return;
  let read = 0;
  try {
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
      read += chunk.byteLength;
      if (read > MAX_DRAIN_BYTES) break;
    }
  } catch {
    // the client went away
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, academies } = await requireAuthor(request);
  // the form contract's refusal (Failures in "exchange"), with the compiler's messages for a course that does not compile
  const refuse = (errors: Failure[], academy = "", courseErrors: string[] = []) => data({ ok: false as const, errors, courseErrors, academy }, { status: 400 });
  const tooLarge: Failure = { key: "exchange:problems.uploadTooLarge", values: { limit: MAX_UPLOAD_BYTES / MB } };

  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_UPLOAD_BYTES + 64 * 1024) {
    await drain(request.body);
    return refuse([tooLarge]);
  }
  let formData: FormData;
  try {
    // counted as it arrives and cut off past the limit (server.mjs refuses larger declared lengths)
    formData = await readFormData(request, { maxBytes: MAX_UPLOAD_BYTES + 64 * 1024 });
  } catch (error) {
    if (error instanceof Response && error.status === 413) return refuse([tooLarge]);
    // not a multipart form (e.g. a form posted without its file input)
    return refuse([{ key: "exchange:problems.fileMissing" }]);
  }
  const fields = fieldsSchema.safeParse({ academy: formData.get("academy") ?? (academies.length === 1 ? academies[0].id : "") });
  const academy = fields.success ? academies.find((a) => a.id === fields.data.academy) : undefined;
  const file = formData.get("file");
  const problems: Failure[] = [];
  if (!academy) problems.push({ key: "exchange:problems.academy" });
  if (!(file instanceof File) || file.size === 0) problems.push({ key: "exchange:problems.fileMissing" });
  if (!academy || !(file instanceof File) || problems.length) return refuse(problems, fields.success ? fields.data.academy : "");

  const outcome = await importCourseZip({ actorId: user.id, academy, zip: Buffer.from(await file.arrayBuffer()) });
  if (!outcome.ok) return refuse(outcome.errors, academy.id, outcome.courseErrors?.map(formatError));
  const { locale } = await translatorFor(request, "exchange");
  const d = outcome.draft;
  return data({
    ok: true as const,
    draft: {
      slug: d.slug,
      version: d.version,
      newCourse: d.newCourse,
      title: pick(d.title, locale, d.sourceLocale).value,
      modules: d.modules,
      lessons: d.lessons,
      completeLocales: d.completeLocales,
      replacedAcademy: d.replacedAcademy,
      academyName: orgName(academy, locale),
    },
  });
}

export default function ImportCourse() {
  const { t } = useTranslation("exchange");
  const text = useFailureText();
  const { academies, maxUploadMb, locale } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const outcomeRef = useRef<HTMLElement>(null);
  // Move focus to the outcome so that keyboard and screen reader users learn what happened.
  useEffect(() => {
    if (result) outcomeRef.current?.focus();
  }, [result]);
  const failed = result && !result.ok ? result : null;
  const fileInvalid = Boolean(failed);
  return (
    <div className="stack exchange">
      <p>
        <Link to="/author">{t("import.back")}</Link>
      </p>
      <h1>{t("import.heading")}</h1>
      <p>{t("import.intro")}</p>

      {result?.ok ? (
        <Alert tone="success" as="section" quiet className="stack" focus labelledBy="import-done" ref={outcomeRef}>
          <h2 id="import-done">{t("import.done", { version: result.draft.version, title: result.draft.title })}</h2>
          <p>{result.draft.newCourse ? t("import.doneNew") : t("import.doneExisting")}</p>
          <dl className="exchange-summary">
            <dt>{t("import.summary.title")}</dt>
            <dd>{result.draft.title}</dd>
            <dt>{t("import.summary.version")}</dt>
            <dd>{t("import.summary.versionValue", { version: result.draft.version })}</dd>
            <dt>{t("import.summary.modules")}</dt>
            <dd>{formatNumber(result.draft.modules, locale)}</dd>
            <dt>{t("import.summary.lessons")}</dt>
            <dd>{formatNumber(result.draft.lessons, locale)}</dd>
            <dt>{t("import.summary.locales")}</dt>
            <dd>
              {result.draft.completeLocales.length
                ? result.draft.completeLocales.map((l, i) => (
                    <span key={l}>
                      {i > 0 ? " · " : null}
                      {/* each language named in itself, marked so that screen readers pronounce it right */}
                      <span lang={l}>{localeNames[l as Locale]}</span>
                    </span>
                  ))
                : t("import.summary.noLocale")}
            </dd>
          </dl>
          {result.draft.replacedAcademy ? <p>{t("import.replacedAcademy", { academy: result.draft.replacedAcademy, name: result.draft.academyName })}</p> : null}
          <p>
            <Link className="button" to={`/author/courses/${result.draft.slug}`}>
              {t("import.open")}
            </Link>
          </p>
        </Alert>
      ) : null}

      {failed ? (
        <Alert tone="error" as="section" quiet className="stack" focus labelledBy="import-failed" ref={outcomeRef}>
          <h2 id="import-failed">{t("import.failed")}</h2>
          {failed.errors.length === 1 ? (
            <p>{text(failed.errors[0])}</p>
          ) : (
            <ul>
              {failed.errors.map((p, i) => (
                <li key={i}>{text(p)}</li>
              ))}
            </ul>
          )}
          {failed.courseErrors.length ? (
            // The compiler's messages are written in English for course authors (app/courses/schema.ts).
            <ul className="exchange-errors" lang="en" dir="ltr" aria-label={t("import.errorList")}>
              {failed.courseErrors.map((line, i) => (
                <li key={i}>
                  <code>{line}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}

      {/* a new, empty form after a successful import, so the same file is not sent twice by mistake */}
      <Form method="post" encType="multipart/form-data" className="card narrow exchange-form" noValidate key={result?.ok ? `imported-${result.draft.slug}-${result.draft.version}` : "form"}>
        {academies.length > 1 ? (
          <div className="field">
            <label htmlFor="field-academy">{t("import.academy")}</label>
            <span className="hint" id="field-academy-hint">
              {t("import.academyHint")}
            </span>
            <select id="field-academy" name="academy" defaultValue={failed?.academy || academies[0].id} aria-describedby="field-academy-hint" required>
              {academies.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <>
            <input type="hidden" name="academy" value={academies[0].id} />
            <p>{t("import.into", { name: academies[0].name })}</p>
          </>
        )}
        <div className="field">
          <label htmlFor="field-file">{t("import.file")}</label>
          <span className="hint" id="field-file-hint">
            {t("import.fileHint", { size: maxUploadMb })}
          </span>
          <input
            id="field-file"
            name="file"
            type="file"
            accept=".zip,application/zip"
            required
            aria-describedby="field-file-hint"
            aria-invalid={fileInvalid ? true : undefined}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("import.busy") : t("import.submit")}
        </button>
      </Form>
    </div>
  );
}
