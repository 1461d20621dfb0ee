import { getDb } from "~/db.server";
import { enrolmentProgress } from "./enrolment.server";

type CompletionHook = (enrolmentId: string) => Promise<unknown>;
const hooks: CompletionHook[] = [];

/** Other areas (certificates) subscribe to course completion here, without learning knowing them. */
export function onCourseCompleted(hook: CompletionHook) {
  hooks.push(hook);
}

/**
 * Records completion once, with its date, when the rules say the course is complete.
 * The conditional update makes it exactly-once even when two requests race.
 */
export async function checkCompletion(enrolment: { id: string; courseVersionId: string }): Promise<boolean> {
  const { progress } = await enrolmentProgress(enrolment);
  if (!progress.complete) return false;
  const db = await getDb();
  const { count } = await db.enrolment.updateMany({ where: { id: enrolment.id, completedAt: null }, data: { completedAt: new Date() } });
  if (count === 1) for (const hook of hooks) await hook(enrolment.id);
  return true;
}
