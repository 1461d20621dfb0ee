import type { Db } from "~/db.server";
import { newId } from "~/ids";
import { checkDraft, type AuthorContext, type PlacedError } from "./drafts.server";
import { recordAudit } from "~/organizations/audit.server";
import { decide, decideDiscard, fromStatus, refuse, type ReviewAction } from "./workflow";
import type { Failed } from "~/http/forms";

// The review steps. Each one asks the pure rules (workflow.ts), then changes the row with the status
// it expects in the WHERE: when two people act at once, one step happens and the other is refused.

export type ReviewResult =
  | { ok: true; status: "IN_REVIEW" | "PUBLISHED" | "DRAFT"; version: number }
  | (Failed & { checkErrors?: PlacedError[] });

const EVENT: Record<ReviewAction, string> = { submit: "SUBMITTED", approve: "APPROVED", sendBack: "SENT_BACK", withdraw: "WITHDRAWN" };

export async function reviewStep(
  db: Db,
  ctx: AuthorContext,
  action: ReviewAction,
  input: { versionId: string; revision?: number; comment?: string },
): Promise<ReviewResult> {
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
    const check = checkDraft(v.content as never);
    const decision = decide("submit", actor, facts, { valid: check.compiled !== null });
    if (!decision.ok) return { ...decision, checkErrors: check.errors };
    const compiled = check.compiled!;
    return db.$transaction(async (tx) => {
      const { count } = await tx.courseVersion.updateMany({
        where: { id: v.id, status: "DRAFT", revision: v.revision },
        data: {
          status: "IN_REVIEW",
          submittedById: ctx.userId,
          // the compiler's output, exactly what an import of the same files would store
          content: compiled as object,
          contentHash: check.hash,
          title: compiled.title,
          summary: compiled.summary,
          topics: compiled.topics,
          completeLocales: compiled.completeLocales,
          durationMinutes: compiled.durationMinutes,
          revision: { increment: 1 },
        },
      });
      if (count !== 1) return refuse("workflow.changed");
      await tx.courseReviewEvent.create({ data: { id: newId(), versionId: v.id, actorId: ctx.userId, action: EVENT.submit, comment } });
      return { ok: true, status: "IN_REVIEW", version: v.version } as const;
    });
  }

  const decision = decide(action, actor, facts, { comment });
  if (!decision.ok) return decision;

  return db.$transaction(async (tx) => {
    if (action === "approve") {
      const { count } = await tx.courseVersion.updateMany({
        where: { id: v.id, status: fromStatus("approve") },
        data: { status: "PUBLISHED", publishedAt: new Date() },
      });
      if (count !== 1) return refuse("workflow.changed");
      // as importCourse does: the previous published version is archived; enrolments keep theirs
      await tx.courseVersion.updateMany({
        where: { courseId: ctx.course.id, status: "PUBLISHED", id: { not: v.id } },
        data: { status: "ARCHIVED" },
      });
    } else {
      const { count } = await tx.courseVersion.updateMany({
        where: { id: v.id, status: fromStatus(action) },
        data: { status: "DRAFT", submittedById: null, revision: { increment: 1 } },
      });
      if (count !== 1) return refuse("workflow.changed");
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
export async function discardDraft(db: Db, ctx: AuthorContext, input: { versionId: string; revision: number }): Promise<DiscardResult> {
  const v = await db.courseVersion.findFirst({
    where: { id: input.versionId, courseId: ctx.course.id },
    select: { id: true, version: true, status: true, revision: true, title: true, _count: { select: { enrolments: true } } },
  });
  if (!v) return refuse("workflow.changed");
  const decision = decideDiscard({ userId: ctx.userId, role: ctx.role }, { status: v.status, enrolments: v._count.enrolments });
  if (!decision.ok) return decision;
  if (!Number.isInteger(input.revision) || input.revision !== v.revision) return refuse("workflow.changed");
  return db.$transaction(async (tx) => {
    const { count } = await tx.courseVersion.deleteMany({
      // the status and revision shown, and (a guard: learners only enrol in published versions) no enrolment
      where: { id: v.id, courseId: ctx.course.id, status: "DRAFT", revision: input.revision, enrolments: { none: {} } },
    });
    if (count !== 1) return refuse("workflow.changed");
    const { count: courseDeleted } = await tx.course.deleteMany({ where: { id: ctx.course.id, versions: { none: {} } } });
    const title = (v.title as Record<string, string> | null)?.[ctx.course.sourceLocale] ?? ctx.course.slug;
    await recordAudit(tx, {
      organizationId: ctx.course.academyId,
      actorId: ctx.userId,
      action: "course.draftDiscarded",
      targetType: "courseVersion",
      targetId: v.id,
      details: { course: ctx.course.slug, version: v.version, title, courseDeleted: courseDeleted === 1 ? 1 : 0 },
    });
    return { ok: true, version: v.version, courseDeleted: courseDeleted === 1 } as const;
  });
}

/** The review history of a version, newest first, with the names of the people. */
export async function reviewHistory(db: Db, versionId: string) {
  const events = await db.courseReviewEvent.findMany({
    where: { versionId },
    select: { id: true, actorId: true, action: true, comment: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const users = await db.user.findMany({ where: { id: { in: [...new Set(events.map((e) => e.actorId))] } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return events.map((e) => ({ ...e, actorName: names.get(e.actorId) ?? "—", createdAt: e.createdAt.toISOString() }));
}
