import { z } from "zod";
import { supportedLocales } from "~/i18n/config";

// Messages are translation keys in locales/<lng>/errors.json.
const email = z
  .string({ required_error: "field.required" })
  .trim()
  .toLowerCase()
  .min(1, "field.required")
  .max(254, "email.invalid")
  .email("email.invalid");
const name = z.string({ required_error: "field.required" }).trim().min(1, "field.required").max(120, "name.tooLong");
const locale = z.enum(supportedLocales, { errorMap: () => ({ message: "locale.invalid" }) });
const password = z.string({ required_error: "field.required" }).min(1, "field.required");

export const loginSchema = z.object({ email, password, redirectTo: z.string().optional() });
export const registerSchema = z.object({ name, email, locale, password });
export const profileSchema = z.object({ intent: z.literal("profile"), name, locale });
export const passwordChangeSchema = z.object({
  intent: z.literal("password"),
  currentPassword: password,
  newPassword: password,
});

// One rule for every `redirectTo` (app/http/redirect.ts).
export { safeRedirect } from "~/http/redirect";

export const forgotPasswordSchema = z.object({ email });
export const resetPasswordSchema = z.object({ password });
