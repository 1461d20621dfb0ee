import { data, redirect } from "@remix-run/node";
import { requireAuthorDraft, saveDraft, type AuthorContext, type VersionRow } from "./drafts.server";
import type { EditResult } from "./edit";
import type { TranslationSources } from "./texts";
import { fail, formRevision, formValues, readFormData, type Failure } from "~/http/forms";

/** A change to the draft; `next` = where to go after saving it (else the same page). */
type Change = EditResult & { sources?: TranslationSources; next?: string };

export type DraftActionData = {
  intent: string;
  saved?: boolean;
  /** the refusal (the form contract, app/http/forms.ts) */
  errors?: Failure[];
  /** what was typed, put back in the form after a refusal: nothing typed is lost */
  values?: Record<string, string>;
};

/**
 * The shape of every editor action: authorize (404 for non-authors), load the draft, apply one
 * change, save it against the revision the form was loaded with. A refused change or a conflict
 * returns the typed values with the errors.
 */
export async function draftAction(
  request: Request,
  slug: string | undefined,
  change: (args: {
    ctx: AuthorContext;
    draft: VersionRow;
    formData: FormData;
    intent: string;
  }) => Change | Promise<Change>,
) {
  const { ctx, draft } = await requireAuthorDraft(request, slug);
  const formData = await readFormData(request);
  const intent = String(formData.get("intent") ?? "");
  const values = formValues(formData);
  const result = await change({ ctx, draft, formData, intent });
  if (!result.ok) return data<DraftActionData>({ intent, errors: result.errors, values }, { status: 400 });
  const revision = formRevision(formData.get("revision"));
  const saved = revision !== null
    ? await saveDraft(draft, revision, result.content, result.sources)
    : fail("authoring:form.conflict");
  if (!saved.ok) return data<DraftActionData>({ intent, errors: saved.errors, values }, { status: 409 });
  if (result.ok && result.next) throw redirect(result.next);
  return data<DraftActionData>({ intent, saved: true });
}
