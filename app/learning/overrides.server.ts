// Quiz overrides: a manager of the learner's municipality, or an author of the academy that owns the
// course, gives one person extra attempts at one quiz or resets it (docs/decisions/quiz-review-rules.md).
// Who may is decided here from the database, never from the form: the callers pass the organization
// their guard established (requireManager / requireCourseAuthor) and this module checks that the
// person belongs to it (the municipality) or that the course belongs to it (the academy). Anything
// else is "not found" (null), so the page answers 404 without saying the person or enrolment exists.
// The decision, its audit entry and the learner's notice are written in one transaction.
import { z } from "zod";
import { getDb, type Db } from "~/db.server";
import { newId } from "~/ids";
import { fail, type Failed } from "~/http/forms";
import type { Locale } from "~/i18n/config";
import { pick } from "~/courses/localize";
import type { CourseContent, LocalizedText } from "~/courses/schema";
import { recordAudit } from "~/audit/audit.server";
import { enqueueInTransaction, recipientLocale } from "~/notifications/queue.server";
import { getVersionContent } from "~/courses/versions.server";
import { attemptStanding } from "./quiz-rules";

export const OVERRIDE_ACTIONS = ["extra", "reset"] as const;
export type OverrideAction = (typeof OVERRIDE_ACTIONS)[number];
export const MAX_EXTRA_ATTEMPTS = 5;

/** Error codes are keys of the "learning" namespace (overrides.errors.*). */
export type OverrideError = "invalidForm" | "reasonRequired" | "unknownQuiz" | "notEnrolled" | "alreadyPassed" | "unlimited";

/** A refused override, worded by learning:overrides.errors.<error> (the form contract, app/http/forms.ts). */
const refusal = (error: OverrideError): Failed => fail(`learning:overrides.errors.${error}`);

export const overrideFormSchema = z.object({
  quizKey: z.string().min(1).max(100),
  action: z.enum(OVERRIDE_ACTIONS),
  // a reset ignores the count; extra attempts: 1 to MAX_EXTRA_ATTEMPTS
  extraAttempts: z.coerce.number().int().min(1).max(MAX_EXTRA_ATTEMPTS).default(1),
  reason: z.string().trim().min(3).max(500),
});
export type OverrideForm = z.infer<typeof overrideFormSchema>;

export type OverrideActor = { userId: string; as: "manager" | "author"; organizationId: string };

/** Parse the form fields; a missing/short reason, an unknown action or a bad count is one error. */
export function parseOverrideForm(form: FormData): { ok: true; data: OverrideForm } | Failed {
  const raw = {
    quizKey: String(form.get("quizKey") ?? ""),
    action: String(form.get("overrideAction") ?? ""),
    extraAttempts: form.get("extraAttempts") ?? undefined,
    reason: String(form.get("reason") ?? ""),
  };
  const parsed = overrideFormSchema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  return refusal(parsed.error.issues.some((i) => i.path[0] === "reason") ? "reasonRequired" : "invalidForm");
}

type EnrolmentFacts = {
  id: string;
  userId: string;
  courseId: string;
  courseVersionId: string;
  cycleStartedAt: Date;
  user: { email: string; name: string; locale: string };
  course: { slug: string; sourceLocale: string; academyId: string };
};

const enrolmentSelect = {
  id: true,
  userId: true,
  courseId: true,
  courseVersionId: true,
  cycleStartedAt: true,
  user: { select: { email: true, name: true, locale: true } },
  course: { select: { slug: true, sourceLocale: true, academyId: true } },
} as const;

/**
 * A manager's override: the person must be a member of the manager's municipality (any status:
 * a deactivated person's record is still theirs to keep straight) and enrolled in the course.
 * null = not found (404).
 */
export async function overrideAsManager(organizationId: string, actorId: string, memberUserId: string, courseId: string, form: OverrideForm) {
  const db = await getDb();
  const member = await db.membership.findUnique({ where: { userId_organizationId: { userId: memberUserId, organizationId } }, select: { id: true } });
  if (!member) return null;
  const enrolment = await db.enrolment.findUnique({ where: { userId_courseId: { userId: memberUserId, courseId } }, select: enrolmentSelect });
  if (!enrolment) return null;
  return grant(db, { userId: actorId, as: "manager", organizationId }, enrolment, form);
}

/**
 * An author's override, from the academy's course page: the course must belong to the author's
 * academy (the caller's requireCourseAuthor established that); the learner is found by email among
 * the course's enrolments. An unknown email is a form error, not a 404: the author owns the course.
 */
export async function overrideAsAuthor(academyId: string, actorId: string, courseId: string, email: string, form: OverrideForm) {
  const db = await getDb();
  const course = await db.course.findFirst({ where: { id: courseId, academyId }, select: { id: true } });
  if (!course) return null;
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  const enrolment = user ? await db.enrolment.findUnique({ where: { userId_courseId: { userId: user.id, courseId } }, select: enrolmentSelect }) : null;
  if (!enrolment) return refusal("notEnrolled");
  return grant(db, { userId: actorId, as: "author", organizationId: academyId }, enrolment, form);
}

async function grant(db: Db, actor: OverrideActor, enrolment: EnrolmentFacts, form: OverrideForm): Promise<{ ok: true; id: string } | Failed> {
  const content = await getVersionContent(enrolment.courseVersionId);
  const module = content.modules.find((m) => m.quiz.key === form.quizKey);
  if (!module) return refusal("unknownQuiz");
  const quiz = module.quiz;
  if (form.action === "extra" && quiz.attemptsAllowed === 0) return refusal("unlimited");
  const [attempts, overrides] = await Promise.all([
    db.quizAttempt.findMany({
      where: { enrolmentId: enrolment.id, quizKey: quiz.key, startedAt: { gte: enrolment.cycleStartedAt }, submittedAt: { not: null } },
      select: { passed: true, startedAt: true, submittedAt: true },
    }),
    db.quizOverride.findMany({
      where: { enrolmentId: enrolment.id, quizKey: quiz.key, createdAt: { gte: enrolment.cycleStartedAt } },
      select: { extraAttempts: true, reset: true, createdAt: true },
    }),
  ]);
  const standing = attemptStanding(quiz, attempts.map((a) => ({ ...a, submittedAt: a.submittedAt! })), overrides);
  // a passed quiz needs no other chance (and a reset must not undo a pass the certificate stands on)
  if (standing.blocked === "alreadyPassed") return refusal("alreadyPassed");
  const id = newId();
  const extraAttempts = form.action === "extra" ? form.extraAttempts : 0;
  const courseTitle = content.title as LocalizedText;
  await db.$transaction(async (tx) => {
    await tx.quizOverride.create({
      data: {
        id,
        enrolmentId: enrolment.id,
        userId: enrolment.userId,
        courseId: enrolment.courseId,
        quizKey: quiz.key,
        extraAttempts,
        reset: form.action === "reset",
        reason: form.reason,
        grantedById: actor.userId,
        grantedAs: actor.as,
        organizationId: actor.organizationId,
      },
    });
    await recordAudit(tx, {
      organizationId: actor.organizationId,
      actorId: actor.userId,
      action: form.action === "reset" ? "quiz.reset" : "quiz.attemptsGranted",
      targetType: "enrolment",
      targetId: enrolment.id,
      details: {
        email: enrolment.user.email,
        name: enrolment.user.name,
        course: pick(courseTitle, content.sourceLocale, content.sourceLocale).value,
        quiz: pick(quiz.title, content.sourceLocale, content.sourceLocale).value,
        ...(extraAttempts ? { extraAttempts } : {}),
        reason: form.reason,
      },
    });
    await enqueueInTransaction(tx, [
      {
        kind: "QUIZ_OVERRIDE",
        userId: enrolment.userId,
        email: enrolment.user.email,
        locale: recipientLocale(enrolment.user.locale),
        organizationId: actor.as === "manager" ? actor.organizationId : null,
        subjectId: id,
        dueDay: null,
        params: {
          courseSlug: enrolment.course.slug,
          courseTitle,
          sourceLocale: enrolment.course.sourceLocale,
          moduleKey: module.key,
          quizTitle: quiz.title,
          extraAttempts,
          reset: form.action === "reset",
        },
      },
    ]);
  });
  return { ok: true, id };
}

/** The quizzes of an enrolment's version, for the override forms: key and title in `locale`. */
export function quizChoices(content: CourseContent, locale: Locale) {
  return content.modules.map((m) => ({ key: m.quiz.key, title: pick(m.quiz.title, locale, content.sourceLocale).value }));
}

/** The quizzes of every course the person is enrolled in (of their enrolment's version), by course id. */
export async function quizChoicesOfPerson(userId: string, locale: Locale): Promise<Record<string, { key: string; title: string }[]>> {
  const db = await getDb();
  const enrolments = await db.enrolment.findMany({ where: { userId }, select: { courseId: true, courseVersionId: true } });
  const quizzes: Record<string, { key: string; title: string }[]> = {};
  for (const e of enrolments) quizzes[e.courseId] = quizChoices(await getVersionContent(e.courseVersionId), locale);
  return quizzes;
}

/** The overrides granted to one person (newest first), for the person's record. */
export async function overridesOf(userId: string, courseIds: string[]) {
  if (courseIds.length === 0) return [];
  const db = await getDb();
  return db.quizOverride.findMany({
    where: { userId, courseId: { in: courseIds } },
    orderBy: { createdAt: "desc" },
    select: { id: true, courseId: true, quizKey: true, extraAttempts: true, reset: true, reason: true, grantedAs: true, createdAt: true },
  });
}
