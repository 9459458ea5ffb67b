/**
 * Password and PIN credentials: hashes and failure counters. The only code that touches
 * `password_credentials` and `pin_credentials`.
 */
import type { Knex } from 'knex';
import { raw } from 'objection';
import type { Database } from '../connection.ts';
import { PasswordCredentialModel, PinCredentialModel } from '../models/secret-credential.model.ts';

/** Which secret: a password (with an email) or a PIN (with a learner code). */
export type CredentialKind = 'password' | 'pin';

/** A stored credential. */
export interface Credential {
  personId: string;
  kind: CredentialKind;
  hash: string;
  failedAttempts: number;
  lockedUntil: Date | null;
  updatedAt: Date;
}

function modelOf(kind: CredentialKind) {
  return kind === 'password' ? PasswordCredentialModel : PinCredentialModel;
}

/** Reads and writes credentials. Every method takes an optional transaction. */
export class CredentialsRepository {
  constructor(private readonly db: Database) {}

  /** @returns the person's credential of this kind, or null. */
  async find(
    kind: CredentialKind,
    personId: string,
    trx?: Knex.Transaction,
  ): Promise<Credential | null> {
    const row = await modelOf(kind)
      .query(trx ?? this.db)
      .findById(personId);
    if (!row) return null;
    return {
      personId: row.personId,
      kind,
      hash: row.hash,
      failedAttempts: row.failedAttempts,
      lockedUntil: row.lockedUntil,
      updatedAt: row.updatedAt,
    };
  }

  /**
   * Sets (or replaces) the hash; a new secret also clears the failure counter and any lock.
   */
  async set(
    kind: CredentialKind,
    personId: string,
    hash: string,
    now: Date,
    trx?: Knex.Transaction,
  ): Promise<void> {
    await modelOf(kind)
      .query(trx ?? this.db)
      .insert({ personId, hash, failedAttempts: 0, lockedUntil: null, updatedAt: now })
      .onConflict('personId')
      .merge();
  }

  /**
   * Counts one failure in a single statement, so simultaneous failures are all counted: the
   * `maxAttempts`-th locks until `lockUntil` and restarts the count.
   *
   * @returns the counter after this failure, or null if the credential does not exist.
   */
  async recordFailure(
    kind: CredentialKind,
    personId: string,
    options: { maxAttempts: number; lockUntil: Date; now: Date },
    trx?: Knex.Transaction,
  ): Promise<Pick<Credential, 'failedAttempts' | 'lockedUntil'> | null> {
    const run = async (executor: Knex.Transaction) => {
      const model = modelOf(kind);
      // In one UPDATE every right-hand side reads the row as it was before, on both databases.
      await model
        .query(executor)
        .findById(personId)
        .patch({
          failedAttempts: raw(
            'CASE WHEN failed_attempts + 1 >= ? THEN 0 ELSE failed_attempts + 1 END',
            [options.maxAttempts],
          ),
          lockedUntil: raw('CASE WHEN failed_attempts + 1 >= ? THEN ? ELSE locked_until END', [
            options.maxAttempts,
            options.lockUntil.toISOString(),
          ]),
          updatedAt: options.now,
        });
      const row = await model.query(executor).findById(personId);
      return row ? { failedAttempts: row.failedAttempts, lockedUntil: row.lockedUntil } : null;
    };
    return trx ? run(trx) : this.db.transaction(run);
  }

  /** Clears the failure counter and lock after a successful sign-in. */
  async clearFailures(
    kind: CredentialKind,
    personId: string,
    now: Date,
    trx?: Knex.Transaction,
  ): Promise<void> {
    await modelOf(kind)
      .query(trx ?? this.db)
      .findById(personId)
      .patch({ failedAttempts: 0, lockedUntil: null, updatedAt: now });
  }
}
