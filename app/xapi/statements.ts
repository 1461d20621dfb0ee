// xAPI 1.0.3 statements for the Learning Record Store (docs/integrations.md). Pure: the outbox
// (queue.server.ts) builds them once, when the event happens, and stores them as they will be sent.
//
// - actor: an Agent identified by its account on this platform (homePage = the platform's public
//   origin, name = the user id), never the email address: the LRS gets a stable identifier without
//   a personal address; the person's name is given for the LRS's reports.
// - verbs: ADL's vocabulary (completed, passed, failed); a certificate is "earned" from the xAPI
//   registry's Tin Can vocabulary, as ADL's own list has no verb for receiving a credential.
// - activity ids: absolute URLs under the platform's public origin (the pages they name).
import type { LocalizedText } from "~/courses/schema";

export const XAPI_VERSION = "1.0.3";

export const VERBS = {
  completed: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
  passed: { id: "http://adlnet.gov/expapi/verbs/passed", display: { "en-US": "passed" } },
  failed: { id: "http://adlnet.gov/expapi/verbs/failed", display: { "en-US": "failed" } },
  earned: { id: "http://id.tincanapi.com/verb/earned", display: { "en-US": "earned" } },
} as const;

export const ACTIVITY_TYPES = {
  course: "http://adlnet.gov/expapi/activities/course",
  assessment: "http://adlnet.gov/expapi/activities/assessment",
  // ADL Total Learning Architecture vocabulary: "an authoritative statement that the recipient can perform a task"
  certificate: "https://w3id.org/xapi/tla/activity-types/credential",
} as const;

export type Person = { id: string; name: string };
export type CourseFacts = { slug: string; title: LocalizedText; version: number };

/** A language map (xAPI 1.0.3 §4.2.7): only the languages that have a text. */
export function languageMap(text: LocalizedText): Record<string, string> {
  const map: Record<string, string> = {};
  for (const [lng, value] of Object.entries(text)) if (value) map[lng] = value;
  return map;
}

function actor(person: Person, origin: string) {
  return { objectType: "Agent", name: person.name, account: { homePage: origin, name: person.id } };
}

export const courseActivityId = (origin: string, slug: string) => `${origin}/courses/${encodeURIComponent(slug)}`;

function courseActivity(origin: string, course: CourseFacts) {
  return {
    objectType: "Activity",
    id: courseActivityId(origin, course.slug),
    definition: { type: ACTIVITY_TYPES.course, name: languageMap(course.title) },
  };
}

function context(origin: string, course: CourseFacts, parent: boolean) {
  return {
    platform: "Rights Academy",
    // the course version the person took, for reports that need to tell versions apart
    extensions: { [`${origin}/xapi/extensions/course-version`]: course.version },
    ...(parent ? { contextActivities: { parent: [{ objectType: "Activity", id: courseActivityId(origin, course.slug) }] } } : {}),
  };
}

export function completedStatement(input: { id: string; origin: string; person: Person; course: CourseFacts; completedAt: Date }) {
  return {
    id: input.id,
    actor: actor(input.person, input.origin),
    verb: VERBS.completed,
    object: courseActivity(input.origin, input.course),
    result: { completion: true },
    context: context(input.origin, input.course, false),
    timestamp: input.completedAt.toISOString(),
  };
}

export function quizStatement(input: {
  id: string;
  origin: string;
  person: Person;
  course: CourseFacts;
  moduleKey: string;
  quizTitle: LocalizedText;
  attemptNumber: number;
  /** percent, 0–100 */
  score: number;
  passed: boolean;
  submittedAt: Date;
}) {
  return {
    id: input.id,
    actor: actor(input.person, input.origin),
    verb: input.passed ? VERBS.passed : VERBS.failed,
    object: {
      objectType: "Activity",
      id: `${courseActivityId(input.origin, input.course.slug)}/${encodeURIComponent(input.moduleKey)}/quiz`,
      definition: { type: ACTIVITY_TYPES.assessment, name: languageMap(input.quizTitle) },
    },
    result: {
      score: { scaled: input.score / 100, raw: input.score, min: 0, max: 100 },
      success: input.passed,
      completion: true,
      extensions: { [`${input.origin}/xapi/extensions/attempt-number`]: input.attemptNumber },
    },
    context: context(input.origin, input.course, true),
    timestamp: input.submittedAt.toISOString(),
  };
}

export function certificateStatement(input: { id: string; origin: string; person: Person; course: CourseFacts; certificateId: string; issuedAt: Date; expiresAt: Date | null }) {
  const verifyUrl = `${input.origin}/verify/${input.certificateId}`;
  return {
    id: input.id,
    actor: actor(input.person, input.origin),
    verb: VERBS.earned,
    object: {
      objectType: "Activity",
      id: verifyUrl,
      definition: { type: ACTIVITY_TYPES.certificate, name: languageMap(input.course.title), moreInfo: verifyUrl },
    },
    result: {
      completion: true,
      ...(input.expiresAt ? { extensions: { [`${input.origin}/xapi/extensions/expires-at`]: input.expiresAt.toISOString() } } : {}),
    },
    context: context(input.origin, input.course, true),
    timestamp: input.issuedAt.toISOString(),
  };
}

export type Statement = ReturnType<typeof completedStatement> | ReturnType<typeof quizStatement> | ReturnType<typeof certificateStatement>;
