// The notification forms, validated on the server with zod.
import { z } from "zod";
import { EMAIL_STATUSES, NOTIFICATION_KINDS, PREFERENCE_KEYS, type Preferences } from "./kinds";

export const inboxActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().trim().min(1).max(64) }),
  z.object({ intent: z.literal("readAll") }),
]);

/** Checkboxes: present = on, absent = off. Anything else in the form is ignored. */
export function preferencesFromForm(formData: FormData): Preferences {
  return Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, formData.get(k) === "on"])) as Preferences;
}

export const deliveryFiltersSchema = z.object({
  status: z.enum(EMAIL_STATUSES).nullable().catch(null),
  kind: z.enum(NOTIFICATION_KINDS).nullable().catch(null),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export function deliveryFilters(params: URLSearchParams) {
  return deliveryFiltersSchema.parse({ status: params.get("status") || null, kind: params.get("kind") || null, page: params.get("page") ?? 1 });
}

/** "Send again" of a FAILED email (the manager's delivery page, the administrator's outbox). */
export const resendSchema = z.object({ intent: z.literal("resend"), id: z.string().trim().min(1).max(64) });
