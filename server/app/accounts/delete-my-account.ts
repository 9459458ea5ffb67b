/**
 * A person deletes their own account (GDPR right to erasure): a learner, a guardian-consented
 * minor with their card and PIN, or a staff member. They confirm with their password or PIN
 * (a signed-in session alone never deletes), and choose what happens to the badges already
 * issued: kept verifiable, or revoked. Everything about them is erased in one transaction
 * (`erase-account.ts`); their tokens name no one from the next request on.
 *
 * The last administrator cannot delete their account (`LastAdmin`): someone must always be
 * able to manage accounts. They name another administrator first.
 */
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { confirmOwnSecret } from './confirm-secret.ts';
import {
  type AccountDeletion,
  type BadgesOnDeletion,
  type DeleteAccountDeps,
  eraseAccount,
} from './erase-account.ts';
import { InvalidInput } from './errors.ts';

/** The confirmation form. */
export const DeleteMyAccountInput = z.object({
  // Long enough for any passphrase, short enough that no one makes us hash a megabyte.
  secret: z.string().min(1, 'type your password or PIN to confirm').max(1024),
  badges: z.enum(['keep', 'revoke']),
});

/**
 * @param viewer the signed-in person.
 * @param input their password or PIN, and keep or revoke for the badges already issued.
 * @returns what was done.
 * @throws InvalidInput; WrongSecret; AccountLocked; LastAdmin; UnknownPerson when the account
 *   is already gone. Nothing is deleted then.
 */
export async function deleteMyAccount(
  deps: DeleteAccountDeps,
  viewer: Viewer,
  input: { secret: string; badges: BadgesOnDeletion },
): Promise<AccountDeletion> {
  const parsed = DeleteMyAccountInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  // Checked before the transaction: scrypt is slow, and SQLite's one connection should not
  // wait on it.
  await confirmOwnSecret(deps, viewer.personId, parsed.data.secret);
  return eraseAccount(deps, {
    personId: viewer.personId,
    actorId: viewer.personId,
    badges: parsed.data.badges,
  });
}
