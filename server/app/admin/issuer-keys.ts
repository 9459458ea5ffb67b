/**
 * An administrator manages the issuer's signing keys: lists their public parts, rotates in a
 * new key, retires an old one. The database is what counts: every process (several may share
 * it) re-reads the keys whenever it signs or publishes them (`issuance/current-issuer.ts`), so
 * a change made through one process reaches all of them at once. This process's start-up copy
 * of the keys is refreshed too, for whoever still reads it.
 */
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import { type IssuerKey, isActiveAt, type KeyAlgorithm } from '../../../badges/keys/issuer-key.ts';
import type { Database } from '../../db/connection.ts';
import { listIssuerKeys } from '../../db/repositories/issuer-keys-repository.ts';
import { UnknownIssuerKey } from '../engine-errors.ts';
import { retireKey, rotateKey } from '../ensure-issuer.ts';
import { LastActiveIssuerKey } from './errors.ts';

export interface IssuerKeysDeps {
  db: Database;
  issuer: Issuer;
  publicUrl: string;
  clock: () => Date;
}

/** What may be shown of a key: never its secret half, nor even its public material. */
export interface IssuerKeySummary {
  id: string;
  algorithm: KeyAlgorithm;
  createdAt: string;
  retiredAt?: string;
  /** Whether it signs or may sign now. */
  active: boolean;
}

/**
 * @param deps the database, the issuer and the clock.
 * @returns the issuer's keys, oldest first.
 */
export async function listIssuerKeySummaries(deps: IssuerKeysDeps): Promise<IssuerKeySummary[]> {
  const now = deps.clock().toISOString();
  const keys = await listIssuerKeys(deps.db, deps.issuer.profile.id);
  return keys.map((key) => summary(key, now));
}

/**
 * @param deps the database, the issuer, the public URL and the clock.
 * @param algorithm which kind of key.
 * @returns the new key, which signs from now on.
 */
export async function rotateIssuerKey(
  deps: IssuerKeysDeps,
  algorithm: KeyAlgorithm,
): Promise<IssuerKeySummary> {
  const key = await rotateKey(deps.db, { publicUrl: deps.publicUrl }, algorithm, deps.clock);
  await refreshIssuer(deps);
  return summary(key, deps.clock().toISOString());
}

/**
 * @param deps the database, the issuer and the clock.
 * @param id the key's verification method id.
 * @returns the key, retired from now (unchanged if it already was).
 * @throws UnknownIssuerKey; LastActiveIssuerKey when no other active key of its algorithm
 *   would be left.
 */
export async function retireIssuerKey(deps: IssuerKeysDeps, id: string): Promise<IssuerKeySummary> {
  const at = deps.clock();
  const now = at.toISOString();
  const retired = await deps.db.transaction(async (trx) => {
    // Locked: two administrators retiring the last two keys at once cannot both succeed.
    const keys = await listIssuerKeys(trx, deps.issuer.profile.id, { lock: 'update' });
    const key = keys.find((k) => k.id === id);
    if (key === undefined) throw new UnknownIssuerKey(id);
    if (key.retiredAt !== undefined) return key;
    const othersActive = keys.some(
      (k) => k.id !== id && k.algorithm === key.algorithm && isActiveAt(k, now),
    );
    if (!othersActive) throw new LastActiveIssuerKey(id, key.algorithm);
    return retireKey(trx, id, at);
  });
  await refreshIssuer(deps);
  return summary(retired, now);
}

async function refreshIssuer(deps: IssuerKeysDeps): Promise<void> {
  const keys = await listIssuerKeys(deps.db, deps.issuer.profile.id);
  deps.issuer.keys.splice(0, deps.issuer.keys.length, ...keys);
}

function summary(key: IssuerKey, now: string): IssuerKeySummary {
  return {
    id: key.id,
    algorithm: key.algorithm,
    createdAt: key.createdAt,
    ...(key.retiredAt === undefined ? {} : { retiredAt: key.retiredAt }),
    active: isActiveAt(key, now),
  };
}
