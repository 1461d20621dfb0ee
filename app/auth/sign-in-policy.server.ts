// Who may finish a PASSWORD sign-in once the password is right (login.tsx): not a deactivated account
// (platform administrator, app/admin/users.server.ts), and not a member of a municipality that signs
// in with single sign-on only (app/auth/sso/config.server.ts). Checked after the password, so that
// these answers are given only to someone who knows it.
import { isAccountDeactivated } from "~/admin/users.server";
import { passwordSignInRefused } from "./sso/config.server";

export async function passwordSignInError(userId: string): Promise<"login.deactivated" | "login.ssoOnly" | null> {
  if (await isAccountDeactivated(userId)) return "login.deactivated";
  if (await passwordSignInRefused(userId)) return "login.ssoOnly";
  return null;
}
