import { z } from "zod";
import { supportedLocales } from "~/i18n/config";
import { RECERTIFY_CHOICES } from "~/training/rules";
import { ORG_NAME_MAX, type OrgNames } from "./names";

// One zod schema per form. Messages are translation keys: "errors:…" keys are shared with the rest of
// the platform (errors.json), "organizations:…" keys are this area's.

/** The roles a municipality's manager can give (authors and administrators are appointed elsewhere). */
export const MEMBER_ROLES = ["LEARNER", "MANAGER"] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

const required = "field.required";
const id = z.string({ required_error: required }).trim().min(1, required).max(64, required);
const optionalId = z
  .string()
  .trim()
  .max(64)
  .optional()
  .transform((v) => v || null);

/** A calendar date (YYYY-MM-DD), due at the end of that day (UTC). */
const dueDate = z
  .string({ required_error: required })
  .trim()
  .min(1, required)
  .regex(/^\d{4}-\d{2}-\d{2}$/, "organizations:assign.errors.dueDate")
  .transform((v) => new Date(`${v}T23:59:59.999Z`))
  .refine((d) => !Number.isNaN(d.getTime()), "organizations:assign.errors.dueDate")
  .refine((d) => d.getTime() >= Date.now(), "organizations:assign.errors.dueInPast");

const recertify = z
  .string()
  .optional()
  .transform((v) => (v ? Number(v) : null))
  .refine((v) => v === null || (RECERTIFY_CHOICES as readonly number[]).includes(v), "organizations:assign.errors.recertify");

export const assignSchema = z
  .object({
    intent: z.literal("assign"),
    courseId: id,
    target: z.enum(["department", "people"], { errorMap: () => ({ message: required }) }),
    departmentId: optionalId,
    emails: z.string().max(20_000).optional().default(""),
    dueDate,
    recertifyMonths: recertify,
  })
  .superRefine((value, ctx) => {
    if (value.target === "department" && !value.departmentId) ctx.addIssue({ code: "custom", path: ["departmentId"], message: required });
    if (value.target === "people" && !value.emails.trim()) ctx.addIssue({ code: "custom", path: ["emails"], message: required });
  });

export const cancelAssignmentSchema = z.object({ intent: z.literal("cancel"), assignmentId: id });

export const memberActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
  z.object({ intent: z.literal("role"), role: z.enum(MEMBER_ROLES, { errorMap: () => ({ message: required }) }) }),
  z.object({ intent: z.literal("department"), departmentId: optionalId }),
]);

export const invitePreviewSchema = z.object({
  intent: z.enum(["preview", "confirm"]),
  source: z.enum(["csv", "list"], { errorMap: () => ({ message: required }) }),
  csv: z.string().max(2_000_000).optional().default(""),
  list: z.string().max(100_000).optional().default(""),
  department: z.string().max(200).optional().default(""),
  role: z.string().max(40).optional().default(""),
});

export const invitationActionSchema = z.object({ intent: z.enum(["revoke", "renew"]), invitationId: id });

const name = z.string({ required_error: required }).trim().min(1, required).max(120, "name.tooLong");
const email = z.string({ required_error: required }).trim().toLowerCase().min(1, required).max(254, "email.invalid").email("email.invalid");

export const acceptNewAccountSchema = z.object({
  intent: z.literal("create"),
  name,
  password: z.string({ required_error: required }).min(1, required),
  locale: z.enum(supportedLocales, { errorMap: () => ({ message: "locale.invalid" }) }),
});

export const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export const organizationSchema = z.object({
  intent: z.literal("create"),
  kind: z.enum(["MUNICIPALITY", "ACADEMY"], { errorMap: () => ({ message: required }) }),
  name,
  slug: z.string({ required_error: required }).trim().toLowerCase().min(2, "organizations:admin.errors.slug").max(60, "organizations:admin.errors.slug").regex(SLUG, "organizations:admin.errors.slug"),
  departments: z
    .string()
    .optional()
    .default("")
    // the length check inside the transform: a failed .max() alone would still hand the text on to
    // the list refinement below (a 500 with a 5,000+ character list, issue 16)
    .transform((v, ctx) => {
      if (v.length > 5_000) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "organizations:admin.errors.department" });
        return z.NEVER;
      }
      return [...new Set(v.split(/\r?\n/).map((d) => d.trim()).filter(Boolean))];
    })
    // zod still runs a refinement after a transform reported an issue: guard the shape
    .refine((list) => Array.isArray(list) && list.every((d) => d.length <= 120), "organizations:admin.errors.department"),
  firstEmail: email,
  firstName: z.string().trim().max(120, "name.tooLong").optional().default(""),
});

const nameTooLong = "organizations:admin.names.errors.tooLong";

/**
 * The administrator's names of one organization: `name` (the default, required) and `name.<locale>`
 * (optional, blank means none) — app/organizations/names.ts.
 */
export const organizationNamesSchema = z
  .object({
    organizationId: id,
    name: z
      .string({ required_error: "organizations:admin.names.errors.required" })
      .trim()
      .min(1, "organizations:admin.names.errors.required")
      .max(ORG_NAME_MAX, nameTooLong),
    ...Object.fromEntries(supportedLocales.map((l) => [`name.${l}`, z.string().trim().max(ORG_NAME_MAX, nameTooLong).optional()])),
  })
  .transform((v) => {
    const all = v as Record<string, string | undefined>;
    const names: OrgNames = {};
    for (const l of supportedLocales) if (all[`name.${l}`]) names[l] = all[`name.${l}`];
    return { organizationId: v.organizationId, name: v.name, names };
  });
