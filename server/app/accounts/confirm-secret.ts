/**
 * Re-authentication before an act that cannot be undone (deleting an account): the signed-in
 * person types their password or PIN again. A stolen access token, or a session left open on a
 * shared computer, is then not enough. Wrong secrets count towards the same lockout as sign-in
 * (5 failures lock for 15 minutes), so this is no way round the PIN-guessing limit.
 */
import { AccountLocked } from '../../auth/errors.ts';
import { LOCK_DURATION_MS, lockedUntilAt, MAX_FAILED_ATTEMPTS } from '../../auth/lockout.ts';
import { verifySecret } from '../../auth/secret-hash.ts';
import type { Credential, CredentialKind } from '../../db/repositories/credentials-repository.ts';
import { WrongSecret } from './delete-account-errors.ts';
import type { AccountsDeps } from './deps.ts';

const KINDS: readonly CredentialKind[] = ['password', 'pin'];

/**
 * @param personId who confirms (the signed-in person).
 * @param secret what they typed: their password, or their PIN for a learner with a card.
 * @throws WrongSecret when it matches none of their secrets (or they have none);
 *   AccountLocked while locked, and on the failure that locks.
 */
export async function confirmOwnSecret(
  deps: AccountsDeps,
  personId: string,
  secret: string,
): Promise<void> {
  const now = deps.clock();
  const credentials: Credential[] = [];
  for (const kind of KINDS) {
    const credential = await deps.credentials.find(kind, personId);
    if (credential !== null) credentials.push(credential);
  }
  if (credentials.length === 0) throw new WrongSecret();
  for (const credential of credentials) {
    const locked = lockedUntilAt(credential, now);
    if (locked) throw new AccountLocked(locked, now);
  }
  for (const credential of credentials) {
    if (await verifySecret(secret, credential.hash)) return;
  }
  for (const credential of credentials) {
    const after = await deps.credentials.recordFailure(credential.kind, personId, {
      maxAttempts: MAX_FAILED_ATTEMPTS,
      lockUntil: new Date(now.getTime() + LOCK_DURATION_MS),
      now,
    });
    const lockedNow = after === null ? null : lockedUntilAt(after, now);
    if (lockedNow) throw new AccountLocked(lockedNow, now);
  }
  throw new WrongSecret();
}
