/** Sign-in with an email address and a password. */
import { z } from 'zod';
import type { AccountsDeps } from './deps.ts';
import { InvalidInput } from './errors.ts';
import { type Session, signInWithSecret } from './session.ts';

/** The sign-in form. */
export const PasswordSignInInput = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email().max(320)),
  // Long enough for any passphrase, short enough that no one makes us hash a megabyte.
  password: z.string().min(1).max(1024),
});

/**
 * @param input the email (any case) and password.
 * @returns a new session.
 * @throws InvalidInput when the input is malformed; InvalidCredentials when the email is
 *   unknown, has no password, or the password is wrong (one answer for all three);
 *   AccountLocked after 5 failures, for 15 minutes.
 */
export async function signInWithPassword(
  deps: AccountsDeps,
  input: { email: string; password: string },
): Promise<Session> {
  const parsed = PasswordSignInInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { email, password } = parsed.data;
  const person = await deps.people.findByEmail(email);
  return signInWithSecret(deps, 'password', email, person, password);
}
