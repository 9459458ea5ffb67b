/**
 * What the account use cases need: the database (for transactions), the repositories, the
 * clock, the access-token secret and the in-memory lock counters for unknown identifiers.
 */
import { PhantomLockouts } from '../../auth/lockout.ts';
import type { Database } from '../../db/connection.ts';
import { CredentialsRepository } from '../../db/repositories/credentials-repository.ts';
import { GroupsRepository } from '../../db/repositories/groups-repository.ts';
import { PeopleRepository } from '../../db/repositories/people-repository.ts';
import { RefreshTokensRepository } from '../../db/repositories/refresh-tokens-repository.ts';

export interface AccountsDeps {
  db: Database;
  people: PeopleRepository;
  credentials: CredentialsRepository;
  refreshTokens: RefreshTokensRepository;
  groups: GroupsRepository;
  clock: () => Date;
  /** HMAC key of access tokens (from `loadOrCreateSecrets`). */
  jwtSecret: string;
  /** Lock counters for emails and codes that match no account (one per process). */
  unknownAccountLockouts: PhantomLockouts;
}

/**
 * @param options the database, the clock and the access-token secret.
 * @returns the dependencies, with repositories over `db`.
 */
export function createAccountsDeps(options: {
  db: Database;
  clock: () => Date;
  jwtSecret: string;
}): AccountsDeps {
  return {
    db: options.db,
    people: new PeopleRepository(options.db),
    credentials: new CredentialsRepository(options.db),
    refreshTokens: new RefreshTokensRepository(options.db),
    groups: new GroupsRepository(options.db),
    clock: options.clock,
    jwtSecret: options.jwtSecret,
    unknownAccountLockouts: new PhantomLockouts(),
  };
}
