/**
 * An administrator deletes someone's account at their request, or at their guardian's: for
 * the children and the people who cannot sign in alone, with the same choice for the badges
 * (kept verifiable or revoked) and the same erasure as `deleteMyAccount`. Administrators only
 * (trainers cannot: deleting is rare and final, and the admin checks who is asking), and they
 * confirm with their own password, so a stolen administrator's token alone deletes no one.
 * Their own account goes through `deleteMyAccount`.
 */
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { requireAdmin } from './actor.ts';
import { confirmOwnSecret } from './confirm-secret.ts';
import { CannotDeleteOwnAccountHere } from './delete-account-errors.ts';
import {
  type AccountDeletion,
  type BadgesOnDeletion,
  type DeleteAccountDeps,
  eraseAccount,
} from './erase-account.ts';
import { InvalidInput } from './errors.ts';

/** The administrator's form. */
export const DeletePersonAccountInput = z.object({
  personId: z.string().min(1).max(64),
  badges: z.enum(['keep', 'revoke']),
  secret: z.string().min(1, 'type your own password to confirm').max(1024),
});

/**
 * @param viewer an administrator, not the person deleted.
 * @param input who, keep or revoke for their badges, and the administrator's own password.
 * @returns what was done.
 * @throws InvalidInput; CannotDeleteOwnAccountHere; WrongSecret; AccountLocked; Forbidden
 *   unless the viewer is an administrator now; UnknownPerson; LastAdmin. Nothing is deleted.
 */
export async function deletePersonAccount(
  deps: DeleteAccountDeps,
  viewer: Viewer,
  input: { personId: string; badges: BadgesOnDeletion; secret: string },
): Promise<AccountDeletion> {
  const parsed = DeletePersonAccountInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { personId, badges, secret } = parsed.data;
  if (personId === viewer.personId) throw new CannotDeleteOwnAccountHere();
  await confirmOwnSecret(deps, viewer.personId, secret);
  return eraseAccount(deps, {
    personId,
    actorId: viewer.personId,
    badges,
    // An administrator now (roles read in the deletion's transaction), before anything about
    // the person is read: others do not learn whether an id exists.
    check: async (trx) => {
      await requireAdmin(deps, viewer, trx);
    },
  });
}
