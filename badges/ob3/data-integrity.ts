/**
 * Signs a credential with a Data Integrity proof, `eddsa-rdfc-2022` (openbadges.md §3.5), the
 * proof every OB 3.0 displayer must verify. The proof is made by the Digital Bazaar libraries
 * with `fastEddsaRdfc2022`: the same cryptosuite, whose canonicalisation does the JSON-LD work
 * once per credential shape and whose key is decoded once (the libraries' own path stays
 * available as the reference; tests check both give the same proof). Contexts come from the
 * bundle, so signing works offline.
 */
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader } from '../contexts/document-loader.ts';
import { buildControllerDocument } from '../issuer/issuer.ts';
import { ed25519Signer } from '../keys/ed25519-key-objects.ts';
import { type IssuerKey, isActiveAt, publicPart } from '../keys/issuer-key.ts';
import type { DataIntegrityProofValue } from './credential-types.ts';
import { fastEddsaRdfc2022 } from './fast-eddsa-rdfc-2022.ts';

export type SignOptions = {
  /** The signing clock: becomes `proof.created` (default: now). */
  now?: Date;
};

/**
 * Adds a `DataIntegrityProof` (`eddsa-rdfc-2022`, `assertionMethod`) to a credential. A proof
 * already present is kept: the new one joins the proof set.
 *
 * @param credential the unsigned credential (VC 2.0 JSON-LD; every term must be defined by its
 *   contexts, as signing runs in JSON-LD safe mode).
 * @param key an active Ed25519 key of the credential's issuer; its id is
 *   `<issuer id>#<publicKeyMultibase>`.
 * @param options.now the signing time.
 * @returns a copy of the credential with `proof` as an array.
 * @throws Error when the key is not Ed25519, has no secret, is not the issuer's, or is not
 *   active at `now` (retired keys keep verifying but never sign again).
 */
export function signCredentialDataIntegrity<T extends object>(
  credential: T,
  key: IssuerKey,
  options: SignOptions = {},
): Promise<T & { proof: DataIntegrityProofValue[] }> {
  return sign(credential, key, options, 'fast');
}

/**
 * The same signature made by the libraries alone (jsonld and rdf-canonize for every credential,
 * the multikey library's signer): the reference the fast path is tested against.
 */
export function signCredentialDataIntegrityReference<T extends object>(
  credential: T,
  key: IssuerKey,
  options: SignOptions = {},
): Promise<T & { proof: DataIntegrityProofValue[] }> {
  return sign(credential, key, options, 'reference');
}

async function sign<T extends object>(
  credential: T,
  key: IssuerKey,
  options: SignOptions,
  path: 'fast' | 'reference',
): Promise<T & { proof: DataIntegrityProofValue[] }> {
  const now = options.now ?? new Date();
  if (key.algorithm !== 'Ed25519' || !key.publicKeyMultibase || !key.secretKeyMultibase) {
    throw new Error(`${key.id} is not an Ed25519 key with its secret`);
  }
  const issuerId = issuerIdOf(credential);
  if (issuerId !== key.controller) {
    throw new Error(`${key.id} belongs to ${key.controller}, not to the issuer ${issuerId}`);
  }
  if (!isActiveAt(key, now.toISOString())) {
    throw new Error(`${key.id} is not active at ${now.toISOString()}: it cannot sign`);
  }
  const method = {
    id: key.id,
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  };
  const suite = new DataIntegrityProof({
    signer:
      path === 'fast'
        ? await ed25519Signer(method)
        : (await Ed25519Multikey.from({ type: 'Multikey', ...method })).signer(),
    cryptosuite: path === 'fast' ? fastEddsaRdfc2022 : eddsaRdfc2022,
    date: now,
  });
  // The issuer's own controller document, so nothing is fetched while signing.
  const { documentLoader } = createDocumentLoader({
    preloaded: new Map([
      [key.controller, buildControllerDocument(key.controller, [publicPart(key)])],
    ]),
  });
  const signed = await vc.issue({
    credential: structuredClone(credential) as Record<string, unknown>,
    suite,
    documentLoader,
    now,
  });
  const proofs = Array.isArray(signed.proof) ? signed.proof : [signed.proof];
  return { ...signed, proof: proofs } as T & { proof: DataIntegrityProofValue[] };
}

/** The issuer id of a credential whose issuer is a string or an object with `id`. */
export function issuerIdOf(credential: object): string | undefined {
  const issuer = (credential as { issuer?: unknown }).issuer;
  if (typeof issuer === 'string') return issuer;
  if (typeof issuer === 'object' && issuer !== null) {
    const id = (issuer as { id?: unknown }).id;
    return typeof id === 'string' ? id : undefined;
  }
  return undefined;
}
