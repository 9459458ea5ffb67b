/**
 * Refresh tokens (their hashes only) and their rotation families. The only code that touches
 * `refresh_tokens`.
 */
import type { Knex } from 'knex';
import type { Database } from '../connection.ts';
import { RefreshTokenModel } from '../models/refresh-token.model.ts';

/** A stored refresh token. */
export interface StoredRefreshToken {
  id: string;
  personId: string;
  tokenHash: string;
  familyId: string;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  /** The token that replaced this one at rotation; set means "already used". */
  replacedBy: string | null;
}

function toToken(row: RefreshTokenModel): StoredRefreshToken {
  return {
    id: row.id,
    personId: row.personId,
    tokenHash: row.tokenHash,
    familyId: row.familyId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    replacedBy: row.replacedBy,
  };
}

/** Reads and writes refresh tokens. Every method takes an optional transaction. */
export class RefreshTokensRepository {
  constructor(private readonly db: Database) {}

  /** Stores a new token. */
  async insert(
    token: Omit<StoredRefreshToken, 'revokedAt' | 'replacedBy'>,
    trx?: Knex.Transaction,
  ): Promise<void> {
    await RefreshTokenModel.query(trx ?? this.db).insert({
      ...token,
      revokedAt: null,
      replacedBy: null,
    });
  }

  /** @returns the token with this hash, or null. */
  async findByHash(tokenHash: string, trx?: Knex.Transaction): Promise<StoredRefreshToken | null> {
    const row = await RefreshTokenModel.query(trx ?? this.db)
      .where('tokenHash', tokenHash)
      .first();
    return row ? toToken(row) : null;
  }

  /**
   * Marks a token as rotated, only if it is still live: of two refreshes racing with the same
   * token, exactly one wins.
   *
   * @returns whether this call rotated it.
   */
  async markRotated(
    id: string,
    replacedBy: string,
    now: Date,
    trx?: Knex.Transaction,
  ): Promise<boolean> {
    const updated = await RefreshTokenModel.query(trx ?? this.db)
      .patch({ revokedAt: now, replacedBy })
      .where('id', id)
      .whereNull('revokedAt');
    return updated === 1;
  }

  /** Revokes every live token of a family. @returns how many were revoked. */
  async revokeFamily(familyId: string, now: Date, trx?: Knex.Transaction): Promise<number> {
    return RefreshTokenModel.query(trx ?? this.db)
      .patch({ revokedAt: now })
      .where('familyId', familyId)
      .whereNull('revokedAt');
  }

  /** Revokes every live token of a person. @returns how many were revoked. */
  async revokeAllOf(personId: string, now: Date, trx?: Knex.Transaction): Promise<number> {
    return RefreshTokenModel.query(trx ?? this.db)
      .patch({ revokedAt: now })
      .where('personId', personId)
      .whereNull('revokedAt');
  }

  /** @returns the person's tokens, oldest first (for tests and a future "your sessions" page). */
  async listOf(personId: string, trx?: Knex.Transaction): Promise<StoredRefreshToken[]> {
    const rows = await RefreshTokenModel.query(trx ?? this.db)
      .where('personId', personId)
      .orderBy('createdAt')
      .orderBy('id');
    return rows.map(toToken);
  }
}
