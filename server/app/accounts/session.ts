/**
 * Shared by the sign-in and refresh use cases: issuing a session (access token + refresh
 * token) and checking a secret against a credential with lockout.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { ACCESS_TOKEN_LIFETIME_SECONDS, signAccessToken } from '../../auth/access-tokens.ts';
import { AccountDisabled, AccountLocked, InvalidCredentials } from '../../auth/errors.ts';
import {
  afterFailure,
  LOCK_DURATION_MS,
  lockedUntilAt,
  MAX_FAILED_ATTEMPTS,
} from '../../auth/lockout.ts';
import type { Viewer } from '../../auth/policies.ts';
import { generateRefreshToken, REFRESH_TOKEN_LIFETIME_MS } from '../../auth/refresh-tokens.ts';
import type { Role } from '../../auth/roles.ts';
import {
  hashSecret,
  needsRehash,
  verifyAgainstDummy,
  verifySecret,
} from '../../auth/secret-hash.ts';
import type { CredentialKind } from '../../db/repositories/credentials-repository.ts';
import type { Person } from '../../db/repositories/people-repository.ts';
import type { AccountsDeps } from './deps.ts';

/** What a sign-in or refresh gives the client. */
export interface Session {
  /** JWT for `Authorization: Bearer`, valid `expiresIn` seconds. */
  accessToken: string;
  /** Opaque token to get the next session; shown once, only its hash is stored. */
  refreshToken: string;
  expiresIn: number;
  personId: string;
  roles: Role[];
}

/**
 * Stores a new refresh token and signs an access token.
 *
 * @param person who signs in (their current roles go into the access token).
 * @param options.familyId the rotation family to continue (a new one at sign-in).
 * @param options.tokenId the new token's id (given when rotating, to link the old one to it).
 */
export async function issueSession(
  deps: AccountsDeps,
  person: Pick<Person, 'id' | 'roles'>,
  now: Date,
  trx: Knex.Transaction,
  options: { familyId?: string; tokenId?: string } = {},
): Promise<Session> {
  const { token, hash } = generateRefreshToken();
  await deps.refreshTokens.insert(
    {
      id: options.tokenId ?? randomUUID(),
      personId: person.id,
      tokenHash: hash,
      familyId: options.familyId ?? randomUUID(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS),
    },
    trx,
  );
  const viewer: Viewer = { personId: person.id, roles: person.roles };
  return {
    accessToken: signAccessToken(viewer, { secret: deps.jwtSecret, now }),
    refreshToken: token,
    expiresIn: ACCESS_TOKEN_LIFETIME_SECONDS,
    personId: person.id,
    roles: [...person.roles],
  };
}

/**
 * Checks a secret for a person found by `identifier` (or for nobody), with the same answer and
 * a similar cost either way, then opens a session.
 *
 * @param kind password (identifier = email) or pin (identifier = learner code).
 * @param identifier the normalised email or code, to count failures when it matches no one.
 * @param person the person it matches, or null.
 * @param secret what was typed.
 * @throws InvalidCredentials on any mismatch; AccountLocked while locked (and on the failure
 *   that locks); AccountDisabled when the secret is right but the account is disabled.
 */
export async function signInWithSecret(
  deps: AccountsDeps,
  kind: CredentialKind,
  identifier: string,
  person: Person | null,
  secret: string,
): Promise<Session> {
  const now = deps.clock();
  const credential = person ? await deps.credentials.find(kind, person.id) : null;

  if (!person || !credential) {
    // Unknown identifiers fail, and lock, exactly like known ones.
    const key = `${kind}:${identifier}`;
    const locked = lockedUntilAt(deps.unknownAccountLockouts.get(key), now);
    if (locked) throw new AccountLocked(locked, now);
    await verifyAgainstDummy(secret);
    const lockedNow = lockedUntilAt(deps.unknownAccountLockouts.fail(key, now), now);
    if (lockedNow) throw new AccountLocked(lockedNow, now);
    throw new InvalidCredentials();
  }

  const locked = lockedUntilAt(credential, now);
  if (locked) throw new AccountLocked(locked, now);

  if (!(await verifySecret(secret, credential.hash))) {
    const after = await deps.credentials.recordFailure(kind, person.id, {
      maxAttempts: MAX_FAILED_ATTEMPTS,
      lockUntil: new Date(now.getTime() + LOCK_DURATION_MS),
      now,
    });
    const lockedNow = lockedUntilAt(after ?? afterFailure(credential, now), now);
    if (lockedNow) throw new AccountLocked(lockedNow, now);
    throw new InvalidCredentials();
  }

  if (person.disabledAt !== null) throw new AccountDisabled();

  // Hashed before the transaction: SQLite has one connection, and it should not wait on scrypt.
  const rehashed = needsRehash(credential.hash) ? await hashSecret(secret) : null;
  return deps.db.transaction(async (trx) => {
    if (rehashed) {
      await deps.credentials.set(kind, person.id, rehashed, now, trx);
    } else if (credential.failedAttempts > 0 || credential.lockedUntil) {
      await deps.credentials.clearFailures(kind, person.id, now, trx);
    }
    return issueSession(deps, person, now, trx);
  });
}
