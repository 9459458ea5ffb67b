/**
 * An administrator disables an account (someone who left, a card being misused) or enables it
 * again. While disabled, the person cannot sign in with a password or a PIN, every refresh
 * token they had is revoked at once, and the access token they may still hold counts for
 * nothing: the GraphQL context reads the account on every request and treats them as
 * anonymous. Their history (progress, badges) stays as it was.
 */
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { requireAdmin } from '../accounts/actor.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { InvalidInput } from '../accounts/errors.ts';
import { UnknownPerson } from '../engine-errors.ts';
import { CannotDisableOwnAccount } from './people-errors.ts';
import { loadPersonAccount, type PersonAccount } from './person-accounts.ts';

const PersonId = z.string().min(1).max(64);

export const DisableAccountInput = z.object({
  personId: PersonId,
  /** Kept for the other administrators. */
  reason: z.string().trim().min(1, 'give the reason, for the other administrators').max(500),
});

/**
 * @param viewer an admin, not the person disabled.
 * @param input who, and why.
 * @returns the account, disabled (one already disabled keeps its date and reason).
 * @throws InvalidInput; Forbidden unless the viewer is an admin; CannotDisableOwnAccount;
 *   UnknownPerson. Nothing is written then.
 */
export async function disableAccount(
  deps: AccountsDeps,
  viewer: Viewer,
  input: { personId: string; reason: string },
): Promise<PersonAccount> {
  const parsed = DisableAccountInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { personId, reason } = parsed.data;
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    const actor = await requireAdmin(deps, viewer, trx);
    if (personId === actor.personId) throw new CannotDisableOwnAccount();
    const person = await deps.people.findById(personId, trx);
    if (person === null) throw new UnknownPerson(personId);
    if (person.disabledAt === null) {
      await deps.people.setDisabled(personId, { at: now, reason }, now, trx);
    }
    // In the same transaction: no refresh can slip between the flag and the revocation.
    await deps.refreshTokens.revokeAllOf(personId, now, trx);
    return loadPersonAccount(deps, personId, trx);
  });
}

/**
 * @param viewer an admin.
 * @param input who.
 * @returns the account, enabled: the person signs in again with their password or PIN.
 * @throws InvalidInput; Forbidden unless the viewer is an admin; UnknownPerson.
 */
export async function enableAccount(
  deps: AccountsDeps,
  viewer: Viewer,
  input: { personId: string },
): Promise<PersonAccount> {
  const parsed = z.object({ personId: PersonId }).safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  const { personId } = parsed.data;
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    const person = await deps.people.findById(personId, trx);
    if (person === null) throw new UnknownPerson(personId);
    if (person.disabledAt !== null) await deps.people.setDisabled(personId, null, now, trx);
    return loadPersonAccount(deps, personId, trx);
  });
}
