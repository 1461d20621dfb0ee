// The xAPI outbox: a statement is written in the same transaction as its event (a completion, a
// submitted quiz attempt, an issued certificate), so there is no event without its statement, and sent
// later by the job runner (deliver.server.ts). Each event has one key (XapiStatement.eventKey): code
// that runs twice for one event queues one statement. The statement's id, a UUID, is fixed here: a
// retry resends the very same statement, which the LRS keeps once.
import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "~/db.server";
import type { CourseContent, LocalizedText } from "~/courses/schema";
import { publicOrigin } from "~/http/public-origin.server";
import { xapiConfig } from "./config.server";
import { certificateStatement, completedStatement, quizStatement, type CourseFacts, type Statement } from "./statements";

type Writer = Pick<Db, "xapiStatement" | "enrolment" | "quizAttempt" | "certificate">;

async function enqueue(tx: Writer, eventKey: string, userId: string, build: (id: string) => Statement): Promise<boolean> {
  // checked before writing: on PostgreSQL a unique violation would abort the event's whole transaction
  if (await tx.xapiStatement.findUnique({ where: { eventKey }, select: { id: true } })) return false;
  const id = randomUUID();
  await tx.xapiStatement.create({ data: { id, eventKey, userId, statement: build(id) as unknown as Prisma.InputJsonValue } });
  return true;
}

function courseFacts(course: { slug: string }, version: { version: number; content: unknown }): CourseFacts {
  const content = version.content as CourseContent;
  return { slug: course.slug, title: content.title, version: version.version };
}

/** "completed" for an enrolment's completion (the completion time tells one cycle from the next). */
export async function queueCompletionStatement(tx: Writer, enrolmentId: string): Promise<boolean> {
  if (!xapiConfig()) return false;
  const e = await tx.enrolment.findUnique({
    where: { id: enrolmentId },
    select: { completedAt: true, user: { select: { id: true, name: true } }, course: { select: { slug: true } }, courseVersion: { select: { version: true, content: true } } },
  });
  if (!e?.completedAt) return false;
  const completedAt = e.completedAt;
  return enqueue(tx, `completed:${enrolmentId}:${completedAt.getTime()}`, e.user.id, (id) =>
    completedStatement({ id, origin: publicOrigin(), person: e.user, course: courseFacts(e.course, e.courseVersion), completedAt }),
  );
}

/** "passed" or "failed" for a submitted quiz attempt, with its score. */
export async function queueQuizAttemptStatement(tx: Writer, attemptId: string): Promise<boolean> {
  if (!xapiConfig()) return false;
  const a = await tx.quizAttempt.findUnique({
    where: { id: attemptId },
    select: {
      moduleKey: true,
      quizKey: true,
      attemptNumber: true,
      score: true,
      passed: true,
      submittedAt: true,
      user: { select: { id: true, name: true } },
      enrolment: { select: { course: { select: { slug: true } }, courseVersion: { select: { version: true, content: true } } } },
    },
  });
  if (!a?.submittedAt || a.score === null || a.passed === null) return false;
  const course = courseFacts(a.enrolment.course, a.enrolment.courseVersion);
  const content = a.enrolment.courseVersion.content as CourseContent;
  const quizTitle: LocalizedText = content.modules.find((m) => m.key === a.moduleKey)?.quiz?.title ?? content.title;
  const { score, passed, submittedAt } = a;
  return enqueue(tx, `attempt:${attemptId}`, a.user.id, (id) =>
    quizStatement({ id, origin: publicOrigin(), person: a.user, course, moduleKey: a.moduleKey, quizTitle, attemptNumber: a.attemptNumber, score, passed, submittedAt }),
  );
}

/** "earned" for an issued certificate (the object is its public verification page). */
export async function queueCertificateStatement(tx: Writer, certificateId: string): Promise<boolean> {
  if (!xapiConfig()) return false;
  const c = await tx.certificate.findUnique({
    where: { id: certificateId },
    select: {
      issuedAt: true,
      expiresAt: true,
      courseTitle: true,
      courseVersion: true,
      user: { select: { id: true, name: true } },
      enrolment: { select: { course: { select: { slug: true } } } },
    },
  });
  if (!c) return false;
  // the title and version printed on the certificate, not the course's current ones
  const course: CourseFacts = { slug: c.enrolment.course.slug, title: c.courseTitle as LocalizedText, version: c.courseVersion };
  return enqueue(tx, `certificate:${certificateId}`, c.user.id, (id) =>
    certificateStatement({ id, origin: publicOrigin(), person: c.user, course, certificateId, issuedAt: c.issuedAt, expiresAt: c.expiresAt }),
  );
}
