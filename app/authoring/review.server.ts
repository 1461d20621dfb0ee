import { archivePublishedVersions, deleteDraftVersion, moveVersionStatus, readContent, writeDraftContent } from "~/courses/versions.server";
import { getDb, type Db } from "~/db.server";
import { newId } from "~/ids";
import { checkDraft, type AuthorContext, type PlacedError } from "./drafts.server";
import { recordAudit } from "~/audit/audit.server";
import { decide, decideDiscard, fromStatus, refuse, type ReviewAction } from "./workflow";
import type { Failed } from "~/http/forms";

// The review steps. Each one asks the pure rules (workflow.ts), then changes the row with the status
// it expects in the WHERE: when two people act at once, one step happens and the other is refused.

export type ReviewResult =
  | { ok: true; status: "IN_REVIEW" | "PUBLISHED" | "DRAFT"; version: number }
  | (Failed & { checkErrors?: PlacedError[] });

const EVENT: Record<ReviewAction, string> = { submit: "SUBMITTED", approve: "APPROVED", sendBack: "SENT_BACK", withdraw: "WITHDRAWN" };

export async function reviewStep(
  ctx: AuthorContext,
  action: ReviewAction,
  input: { versionId: string; revision?: number; comment?: string },
  db?: Db,
): Promise<ReviewResult> {
  db ??= await getDb();
  const v = await db.courseVersion.findFirst({
    where: { id: input.versionId, courseId: ctx.course.id },
    select: { id: true, version: true, status: true, revision: true, submittedById: true, content: true },
  });
  if (!v) return refuse("workflow.changed");
  const actor = { userId: ctx.userId, role: ctx.role };
  const facts = { status: v.status, submittedById: v.submittedById };
  const comment = input.comment?.trim() || null;

  if (action === "submit") {
    // the revision the author looked at: submitting must not send someone else's newer edits unseen
    if (input.revision !== undefined && input.revision !== v.revision) return refuse("workflow.changed");
    const check = checkDraft(readContent(v));
    const decision = decide("submit", actor, facts, { valid: check.compiled !== null });
    if (!decision.ok) return { ...decision, checkErrors: check.errors };
    const compiled = check.compiled!;
    return db.$transaction(async (tx) => {
      // the compiler's output, exactly what an import of the same files would store
      const submitted = await writeDraftContent(v, compiled, check.hash, { submittedById: ctx.userId }, tx);
      if (!submitted) return refuse("workflow.changed");
      await tx.courseReviewEvent.create({ data: { id: newId(), versionId: v.id, actorId: ctx.userId, action: EVENT.submit, comment } });
      return { ok: true, status: "IN_REVIEW", version: v.version } as const;
    });
  }

  const decision = decide(action, actor, facts, { comment });
  if (!decision.ok) return decision;

  return db.$transaction(async (tx) => {
    if (action === "approve") {
      if (!(await moveVersionStatus(v.id, fromStatus("approve"), "PUBLISHED", tx))) return refuse("workflow.changed");
      // as importCourse does: the previous published version is archived; enrolments keep theirs
      await archivePublishedVersions(ctx.course.id, v.id, tx);
    } else {
      if (!(await moveVersionStatus(v.id, fromStatus(action), "DRAFT", tx))) return refuse("workflow.changed");
    }
    await tx.courseReviewEvent.create({ data: { id: newId(), versionId: v.id, actorId: ctx.userId, action: EVENT[action], comment } });
    return { ok: true, status: decision.to as "PUBLISHED" | "DRAFT", version: v.version } as const;
  });
}

export type DiscardResult =
  | { ok: true; version: number; courseDeleted: boolean }
  | Failed;

/**
 * Deletes a DRAFT version (its review events go with it), only if it is still a draft at the
 * revision the author looked at. When the course has no other version left (a new course never
 * published), the course row goes too, in the same transaction. Audited in the academy's log.
 */
export async function discardDraft(ctx: AuthorContext, input: { versionId: string; revision: number }, db?: Db): Promise<DiscardResult> {
  db ??= await getDb();
  const v = await db.courseVersion.findFirst({
    where: { id: input.versionId, courseId: ctx.course.id },
    select: { id: true, version: true, status: true, revision: true, title: true, _count: { select: { enrolments: true } } },
  });
  if (!v) return refuse("workflow.changed");
  const decision = decideDiscard({ userId: ctx.userId, role: ctx.role }, { status: v.status, enrolments: v._count.enrolments });
  if (!decision.ok) return decision;
  if (!Number.isInteger(input.revision) || input.revision !== v.revision) return refuse("workflow.changed");
  return db.$transaction(async (tx) => {
    // the status and revision shown, and no enrolment
    const { deleted, courseDeleted } = await deleteDraftVersion({ id: v.id, courseId: ctx.course.id, revision: input.revision }, tx);
    if (!deleted) return refuse("workflow.changed");
    const title = (v.title as Record<string, string> | null)?.[ctx.course.sourceLocale] ?? ctx.course.slug;
    await recordAudit(tx, {
      organizationId: ctx.course.academyId,
      actorId: ctx.userId,
      action: "course.draftDiscarded",
      targetType: "courseVersion",
      targetId: v.id,
      details: { course: ctx.course.slug, version: v.version, title, courseDeleted: courseDeleted ? 1 : 0 },
    });
    return { ok: true, version: v.version, courseDeleted } as const;
  });
}

/** The review history of a version, newest first, with the names of the people. */
export async function reviewHistory(versionId: string, db?: Db) {
  db ??= await getDb();
  const events = await db.courseReviewEvent.findMany({
    where: { versionId },
    select: { id: true, actorId: true, action: true, comment: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(events.map((e) => e.actorId))] } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return events.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? "—", createdAt: e.createdAt.toISOString() }));
}
