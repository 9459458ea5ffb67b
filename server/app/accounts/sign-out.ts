/** Signs out of one device: revokes the refresh token's whole family. */
import { hashRefreshToken } from '../../auth/refresh-tokens.ts';
import type { AccountsDeps } from './deps.ts';

/**
 * Idempotent, and silent about unknown tokens: signing out never fails for the client.
 *
 * @param refreshToken the token of the session to end.
 * @returns how many tokens were revoked (0 when unknown or already revoked).
 */
export async function signOut(deps: AccountsDeps, refreshToken: string): Promise<number> {
  const stored = await deps.refreshTokens.findByHash(hashRefreshToken(refreshToken));
  if (!stored) return 0;
  return deps.refreshTokens.revokeFamily(stored.familyId, deps.clock());
}
