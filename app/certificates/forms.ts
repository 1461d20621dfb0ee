import { z } from "zod";

// Messages are translation keys, shown through the "errors" namespace's t() with a namespace prefix.
export const REASON_MAX = 500;
export const revokeSchema = z.object({
  intent: z.literal("revoke"),
  reason: z
    .string({ required_error: "certificates:errors.reasonRequired" })
    .trim()
    .min(1, "certificates:errors.reasonRequired")
    .max(REASON_MAX, "certificates:errors.reasonTooLong"),
});

export const verifyLookupSchema = z.object({
  // people copy ids with spaces, capitals or the whole URL: keep only what an id can contain
  id: z
    .string()
    .transform((value) => value.trim().split("/").filter(Boolean).pop()?.toLowerCase().replace(/[^a-z0-9]/g, "") ?? ""),
});
