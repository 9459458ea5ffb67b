/** Sign-in for learners without email: the code on their QR card and their PIN. */
import { z } from 'zod';
import { normaliseLearnerCode, PIN_PATTERN } from '../../auth/learner-codes.ts';
import type { AccountsDeps } from './deps.ts';
import { InvalidInput } from './errors.ts';
import { type Session, signInWithSecret } from './session.ts';

/** The sign-in form. */
export const PinSignInInput = z.object({
  learnerCode: z
    .string()
    .max(64)
    .transform(normaliseLearnerCode)
    .pipe(
      z
        .string()
        .min(1, 'the learner code is empty')
        .max(32)
        // PostgreSQL cannot even compare text holding NUL: the lookup failed with a 500.
        .refine((code) => !code.includes('\u0000'), 'the learner code holds a NUL character'),
    ),
  pin: z.string().regex(PIN_PATTERN, 'a PIN is 4 to 6 digits'),
});

/**
 * @param input the learner code (as typed or scanned: case, spaces and dashes do not matter)
 *   and the PIN.
 * @returns a new session.
 * @throws InvalidInput when the input is malformed; InvalidCredentials when the code is unknown
 *   or the PIN is wrong; AccountLocked after 5 wrong PINs, for 15 minutes.
 */
export async function signInWithPin(
  deps: AccountsDeps,
  input: { learnerCode: string; pin: string },
): Promise<Session> {
  const parsed = PinSignInInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { learnerCode, pin } = parsed.data;
  const person = await deps.people.findByLearnerCode(learnerCode);
  return signInWithSecret(deps, 'pin', learnerCode, person, pin);
}
