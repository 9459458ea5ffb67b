/**
 * The issuer as the database has it now. Several server processes may share one database
 * (issue 8) and an administrator rotates or retires keys through any one of them, so the keys
 * a process loaded at start (`ensureIssuer`) are only its profile's companions, never what it
 * signs or publishes with: every use re-reads the `issuer_keys` table.
 *
 * Why no cache with a version stamp: the table holds a handful of rows, and each use already
 * costs more than reading them (issuing runs a dozen statements in its transaction; the status
 * list credential and the DID document are read from the database and signed or built on every
 * request). Reading every time costs well under a millisecond and leaves no window in which one
 * process still signs with a key another has retired, or publishes a key list that is out of
 * date.
 *
 * Signing reads the keys in the issuing transaction with a share lock on PostgreSQL: a
 * retirement committed before is seen, and one that comes during the transaction waits until
 * the signed award is stored (its signature then predates the retirement and stays valid).
 * On SQLite a transaction that has written holds the database's only write lock, so no other
 * process can retire a key under it; one that has not written yet fails instead of committing
 * if another process wrote in between (SQLITE_BUSY_SNAPSHOT), so a stale key never signs.
 */
import type { Issuer, IssuerProfile } from '../../../badges/issuer/issuer.ts';
import type { Database } from '../../db/connection.ts';
import { listIssuerKeys } from '../../db/repositories/issuer-keys-repository.ts';

/**
 * @param db the database, or the transaction that will sign.
 * @param profile who the issuer is (from the configuration, as loaded at start).
 * @param options.forSigning lock the keys until `db` (a transaction) ends; see above.
 * @returns the profile with every key of its DID as stored now, retired ones included.
 */
export async function currentIssuer(
  db: Database,
  profile: IssuerProfile,
  options: { forSigning?: boolean } = {},
): Promise<Issuer> {
  const keys = await listIssuerKeys(
    db,
    profile.id,
    options.forSigning === true ? { lock: 'share' } : {},
  );
  return { profile, keys };
}
