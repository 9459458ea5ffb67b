/**
 * Issuer signing keys, secret parts included: they live in the database only, never in the
 * repository or in logs. A retired key stays, so what it signed keeps verifying.
 */
import type { IssuerKey, KeyAlgorithm } from '../../../badges/keys/issuer-key.ts';
import { type Database, isPostgres } from '../connection.ts';
import { IssuerKeyModel } from '../models/issuer-key.model.ts';

/**
 * @param db the database or a transaction.
 * @param controller only the keys of this issuer id, when given.
 * @param options.lock inside a transaction on PostgreSQL, lock the rows until it ends:
 *   `share` while signing (a concurrent retirement waits for the signature to be stored),
 *   `update` while retiring (two retirements cannot both leave no active key). SQLite runs
 *   one write transaction at a time, so it needs no row lock.
 * @returns the keys, oldest first.
 */
export async function listIssuerKeys(
  db: Database,
  controller?: string,
  options: { lock?: 'share' | 'update' } = {},
): Promise<IssuerKey[]> {
  const query = IssuerKeyModel.query(db).orderBy([{ column: 'createdAt' }, { column: 'id' }]);
  if (options.lock !== undefined && isPostgres(db)) {
    if (options.lock === 'share') query.forShare();
    else query.forUpdate();
  }
  const rows = await query;
  return rows
    .map((row) => toIssuerKey(row))
    .filter((key) => controller === undefined || key.controller === controller);
}

/**
 * Serialises the creation of the issuer's first keys: several server processes starting
 * together on an empty database would otherwise each find no key and each create a set. The
 * second waits until the first commits, then finds its keys. PostgreSQL takes a transaction
 * advisory lock; SQLite runs one write transaction at a time.
 *
 * @param db a transaction (the lock is released when it ends).
 */
export async function lockIssuerKeyCreation(db: Database): Promise<void> {
  if (!isPostgres(db)) return;
  await db.raw('select pg_advisory_xact_lock(?, 1)', [ISSUER_LOCK_SPACE]);
}

/** First key of the issuer's advisory locks, apart from the learner locks' space. */
const ISSUER_LOCK_SPACE = 4_721_002;

/**
 * @param db the database or a transaction.
 * @param key a new key (its id must be new).
 */
export async function insertIssuerKey(db: Database, key: IssuerKey): Promise<void> {
  await IssuerKeyModel.query(db).insert({
    id: key.id,
    algorithm: key.algorithm satisfies KeyAlgorithm,
    key: JSON.stringify(key),
    createdAt: key.createdAt,
    retiredAt: key.retiredAt ?? null,
  });
}

/**
 * Retires a key from `at`: it signs nothing more and what it signs after `at` is rejected.
 *
 * @param db the database or a transaction.
 * @returns the retired key, or undefined when there is no such key.
 */
export async function retireIssuerKey(
  db: Database,
  id: string,
  at: string,
): Promise<IssuerKey | undefined> {
  const row = await IssuerKeyModel.query(db).findById(id);
  if (row === undefined) return undefined;
  const key: IssuerKey = { ...toIssuerKey(row), retiredAt: at };
  await IssuerKeyModel.query(db)
    .patch({ key: JSON.stringify(key), retiredAt: at })
    .where('id', id);
  return key;
}

function toIssuerKey(row: IssuerKeyModel): IssuerKey {
  const key = JSON.parse(row.key) as IssuerKey;
  // The column is what admins change; the JSON follows it.
  const { retiredAt: _stored, ...rest } = key;
  return row.retiredAt === null ? rest : { ...rest, retiredAt: row.retiredAt };
}
