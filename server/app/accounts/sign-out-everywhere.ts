/**
 * Signs a person out of every device: revokes all their refresh tokens. Access tokens already
 * issued stay valid until they expire (at most 15 minutes): that is the price of not looking
 * each one up.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { AccountsDeps } from './deps.ts';

/**
 * @param viewer the signed-in person.
 * @returns how many tokens were revoked.
 */
export async function signOutEverywhere(deps: AccountsDeps, viewer: Viewer): Promise<number> {
  return deps.refreshTokens.revokeAllOf(viewer.personId, deps.clock());
}
