// Password sign-in with throttling (docs/security.md): the attempt is reserved under its limits
// BEFORE the password hash is verified, so concurrency cannot buy extra guesses.
import { authenticate } from "./accounts.server";
import { pruneAttempts, reserveAttempt, signInLimits } from "./rate-limit.server";

export type SignInResult = { status: "ok"; userId: string } | { status: "invalid" } | { status: "throttled" };

export async function attemptSignIn(input: { email: string; password: string; ip: string; deviceId: string | null }): Promise<SignInResult> {
  const reservation = await reserveAttempt(signInLimits(input));
  if (!reservation) return { status: "throttled" };
  const userId = await authenticate(input.email, input.password);
  if (!userId) {
    await pruneAttempts();
    return { status: "invalid" };
  }
  // a successful sign-in is not a guess: it does not use up anyone's allowance
  await reservation.release();
  return { status: "ok", userId };
}
