/**
 * The issuer, Grange Numérique as a did:web derived from the public URL, with its signing keys
 * and its revocation status lists, all kept in the database. The first start generates an
 * Ed25519 key (Data Integrity proofs) and an RSA key (RS256 forms); later starts load them.
 */
import { didWebFromBaseUrl } from '../../badges/did/did-web.ts';
import type { Issuer, IssuerProfile } from '../../badges/issuer/issuer.ts';
import {
  generateEd25519Key,
  generateRsaKey,
  type IssuerKey,
  isActiveAt,
  type KeyAlgorithm,
} from '../../badges/keys/issuer-key.ts';
import { createStatusList, serializeStatusList } from '../../badges/status/status-list.ts';
import type { Database } from '../db/connection.ts';
import {
  insertIssuerKey,
  listIssuerKeys,
  lockIssuerKeyCreation,
  retireIssuerKey,
} from '../db/repositories/issuer-keys-repository.ts';
import { insertStatusListIfAbsent } from '../db/repositories/status-lists-repository.ts';
import { UnknownIssuerKey } from './engine-errors.ts';
import { statusListUrl } from './issuance/status-lists.ts';

/** Who the issuer is, from the configuration. */
export interface IssuerSettings {
  /** The platform's public base URL; the DID and every public id derive from it. */
  publicUrl: string;
  name: string;
  email: string;
  description?: string;
  /** PNG or SVG: an https URL or a data: URI. */
  image?: string;
}

// Status lists are numbered (`/status/1`, `/status/2`…); the first is created here.
export { statusListUrl };

/**
 * Makes sure the issuer has an active key of each algorithm and a first status list, creating
 * what is missing, in one transaction. The keys returned are those of this moment: signing and
 * publishing re-read them (`issuance/current-issuer.ts`), since another process may rotate
 * them.
 *
 * @param db the database.
 * @param settings the issuer's public URL, name and email.
 * @param clock when new keys start signing.
 * @returns the issuer and every key of its DID (retired ones included, for verification).
 */
export async function ensureIssuer(
  db: Database,
  settings: IssuerSettings,
  clock: () => Date,
): Promise<Issuer> {
  const profile = issuerProfile(settings);
  return db.transaction(async (trx) => {
    await lockIssuerKeyCreation(trx);
    const now = clock().toISOString();
    const keys = await listIssuerKeys(trx, profile.id);
    for (const algorithm of ['Ed25519', 'RSA'] as const) {
      if (keys.some((key) => key.algorithm === algorithm && isActiveAt(key, now))) continue;
      const key = await generateKey(profile.id, algorithm, now);
      await insertIssuerKey(trx, key);
      keys.push(key);
    }
    const list = createStatusList({ id: statusListUrl(settings.publicUrl) });
    await insertStatusListIfAbsent(trx, serializeStatusList(list), now);
    return { profile, keys };
  });
}

/**
 * Adds a new key of one algorithm, which becomes the one that signs (the newest active key
 * signs) in every process at once, since signing reads the keys from the database. Older keys
 * stay published until retired.
 *
 * @param db the database.
 * @param settings the issuer's public URL.
 * @param algorithm which kind of key.
 * @param clock when the new key starts signing.
 * @returns the new key.
 */
export async function rotateKey(
  db: Database,
  settings: Pick<IssuerSettings, 'publicUrl'>,
  algorithm: KeyAlgorithm,
  clock: () => Date,
): Promise<IssuerKey> {
  const key = await generateKey(
    didWebFromBaseUrl(trimSlash(settings.publicUrl)),
    algorithm,
    clock().toISOString(),
  );
  await insertIssuerKey(db, key);
  return key;
}

/**
 * Retires a key: it keeps verifying what it signed before `at` and nothing after.
 *
 * @param db the database.
 * @param id the key's verification method id.
 * @param at when it stops being trusted.
 * @returns the retired key.
 * @throws UnknownIssuerKey when there is no such key.
 */
export async function retireKey(db: Database, id: string, at: Date): Promise<IssuerKey> {
  const key = await retireIssuerKey(db, id, at.toISOString());
  if (key === undefined) throw new UnknownIssuerKey(id);
  return key;
}

/**
 * @param settings the issuer's configuration.
 * @returns the issuer profile, its id the did:web of the public URL.
 */
export function issuerProfile(settings: IssuerSettings): IssuerProfile {
  const url = trimSlash(settings.publicUrl);
  return {
    id: didWebFromBaseUrl(url),
    name: settings.name,
    url,
    email: settings.email,
    ...(settings.description === undefined ? {} : { description: settings.description }),
    ...(settings.image === undefined ? {} : { image: settings.image }),
  };
}

async function generateKey(
  controller: string,
  algorithm: KeyAlgorithm,
  createdAt: string,
): Promise<IssuerKey> {
  return algorithm === 'Ed25519'
    ? generateEd25519Key(controller, createdAt)
    : generateRsaKey(controller, createdAt);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
