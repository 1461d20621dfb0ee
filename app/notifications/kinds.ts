// The kinds of notice and which email preference governs each. Shared by server code and pages.

export const NOTIFICATION_KINDS = [
  "INVITATION",
  "ASSIGNED",
  "DUE_7_DAYS",
  "DUE_1_DAY",
  "OVERDUE",
  "CERTIFICATE_ISSUED",
  "CERTIFICATE_EXPIRING",
  "CERTIFICATE_EXPIRED",
  "MANAGER_DIGEST",
  "QUIZ_OVERRIDE",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const EMAIL_STATUSES = ["PENDING", "SENT", "FAILED", "SKIPPED"] as const;
export type EmailStatus = (typeof EMAIL_STATUSES)[number];

/** The reminders a person may turn off by email (the in-app notice is always written). */
export const PREFERENCE_KEYS = ["dueReminders", "overdue", "certificateIssued", "certificateExpiry", "managerDigest"] as const;
export type PreferenceKey = (typeof PREFERENCE_KEYS)[number];
export type Preferences = Record<PreferenceKey, boolean>;
export const DEFAULT_PREFERENCES: Preferences = {
  dueReminders: true,
  overdue: true,
  certificateIssued: true,
  certificateExpiry: true,
  managerDigest: true,
};

/** null: always emailed. An invitation or an assignment is something a person must not miss. */
export const PREFERENCE_OF: Record<NotificationKind, PreferenceKey | null> = {
  INVITATION: null,
  ASSIGNED: null,
  DUE_7_DAYS: "dueReminders",
  DUE_1_DAY: "dueReminders",
  OVERDUE: "overdue",
  CERTIFICATE_ISSUED: "certificateIssued",
  CERTIFICATE_EXPIRING: "certificateExpiry",
  CERTIFICATE_EXPIRED: "certificateExpiry",
  MANAGER_DIGEST: "managerDigest",
  // another chance at a quiz, given by a person for this learner: always sent, like an assignment
  QUIZ_OVERRIDE: null,
};

export function wantsEmail(kind: NotificationKind, prefs: Preferences | null | undefined): boolean {
  const key = PREFERENCE_OF[kind];
  return key === null || (prefs ?? DEFAULT_PREFERENCES)[key];
}
