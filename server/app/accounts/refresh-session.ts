/**
 * Exchanges a refresh token for a new session. Tokens rotate: each is good for one refresh,
 * its successor stays in the same family, and presenting a token that was already exchanged
 * means someone else has a copy, so the whole family is revoked (whoever holds it must sign in
 * again).
 */
import { randomUUID } from 'node:crypto';
import { InvalidRefreshToken } from '../../auth/errors.ts';
import { hashRefreshToken } from '../../auth/refresh-tokens.ts';
import type { AccountsDeps } from './deps.ts';
import { issueSession, type Session } from './session.ts';

type Outcome = { ok: true; session: Session } | { ok: false; reason: RefreshFailure };

/** Why a refresh was refused (for logs; the client gets one answer). */
export type RefreshFailure = 'unknown' | 'expired' | 'revoked' | 'reused' | 'disabled';

/** The refresh was refused; `reason` says why, for logs and tests. */
export class RefreshRefused extends InvalidRefreshToken {
  readonly reason: RefreshFailure;

  constructor(reason: RefreshFailure) {
    super();
    this.reason = reason;
  }
}

/**
 * @param refreshToken the token the client holds.
 * @returns a new session; the presented token is spent.
 * @throws RefreshRefused (an InvalidRefreshToken) when the token is unknown, expired, revoked,
 *   or reused, in which case its family has been revoked (and stays so), or when the account
 *   has been disabled.
 */
export async function refreshSession(deps: AccountsDeps, refreshToken: string): Promise<Session> {
  const now = deps.clock();
  const tokenHash = hashRefreshToken(refreshToken);
  // The family revocation on reuse must be committed, so the transaction returns the outcome
  // and the error is thrown only after it.
  const outcome = await deps.db.transaction(async (trx): Promise<Outcome> => {
    const stored = await deps.refreshTokens.findByHash(tokenHash, trx);
    if (!stored) return { ok: false, reason: 'unknown' };
    if (stored.revokedAt) {
      if (!stored.replacedBy) return { ok: false, reason: 'revoked' };
      await deps.refreshTokens.revokeFamily(stored.familyId, now, trx);
      return { ok: false, reason: 'reused' };
    }
    if (stored.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
    const person = await deps.people.findById(stored.personId, trx);
    if (!person) return { ok: false, reason: 'unknown' };
    // Disabling revokes every token; this covers a refresh racing with the disabling.
    if (person.disabledAt !== null) return { ok: false, reason: 'disabled' };
    const tokenId = randomUUID();
    if (!(await deps.refreshTokens.markRotated(stored.id, tokenId, now, trx))) {
      // Another refresh spent this token first: the same token used twice.
      await deps.refreshTokens.revokeFamily(stored.familyId, now, trx);
      return { ok: false, reason: 'reused' };
    }
    const session = await issueSession(deps, person, now, trx, {
      familyId: stored.familyId,
      tokenId,
    });
    return { ok: true, session };
  });
  if (!outcome.ok) throw new RefreshRefused(outcome.reason);
  return outcome.session;
}
