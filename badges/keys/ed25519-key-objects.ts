/**
 * Ed25519 signers and verifiers that decode their key once. The Digital Bazaar multikey
 * library rebuilds a node:crypto key object on every signature and every check, which costs
 * more than the signature itself; these keep the key object, for the keys used lately (a few
 * issuer keys), and sign with the same node:crypto call: Ed25519 is deterministic, so the
 * signature is the library's, byte for byte.
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

/** PKCS#8 and SPKI headers of a raw Ed25519 seed and public key (RFC 8410). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** How many keys of each kind are kept (issuers rotate rarely; verifiers meet a few). */
const MAX_KEYS = 32;

const signers = new Map<string, Promise<Ed25519Multikey.Signer>>();
const verifiers = new Map<string, Promise<Ed25519Multikey.Verifier>>();

/**
 * @param key the key as a Multikey verification method with its secret.
 * @returns a signer for the Data Integrity library (`{ id, algorithm, sign }`).
 * @throws what the multikey library throws for a malformed key.
 */
export function ed25519Signer(key: {
  id: string;
  controller: string;
  publicKeyMultibase: string;
  secretKeyMultibase: string;
}): Promise<Ed25519Multikey.Signer> {
  // Keyed by the material too: a key rotated under the same id is another signer.
  const cacheKey = `${key.id}\n${key.publicKeyMultibase}\n${key.secretKeyMultibase}`;
  return remember(signers, cacheKey, async () => {
    const pair = await Ed25519Multikey.from({ type: 'Multikey', ...key });
    const seed = (pair.secretKey as Uint8Array).subarray(0, 32);
    const privateKey = createPrivateKey({
      key: Buffer.concat([PKCS8_PREFIX, seed]),
      format: 'der',
      type: 'pkcs8',
    });
    return {
      id: key.id,
      algorithm: 'Ed25519',
      sign: async ({ data }) => new Uint8Array(sign(null, data, privateKey)),
    };
  });
}

/**
 * A cryptosuite's `createVerifier`: the multikey library reads and checks the verification
 * method (type, multibase header, length) once, then checks go straight to node:crypto.
 *
 * @param options.verificationMethod the method the proof names, as the document loader gave it.
 * @returns a verifier for the Data Integrity library (`{ id, algorithm, verify }`).
 */
export function ed25519Verifier({
  verificationMethod,
}: {
  verificationMethod: Record<string, unknown>;
}): Promise<Ed25519Multikey.Verifier> {
  return remember(verifiers, JSON.stringify(verificationMethod), async () => {
    const pair = await Ed25519Multikey.from(verificationMethod);
    const library = pair.verifier();
    const publicKey: KeyObject = createPublicKey({
      key: Buffer.concat([SPKI_PREFIX, pair.publicKey]),
      format: 'der',
      type: 'spki',
    });
    return {
      id: library.id,
      algorithm: library.algorithm,
      verify: async ({ data, signature }) => verify(null, data, publicKey, signature),
    };
  });
}

function remember<T>(
  cache: Map<string, Promise<T>>,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  const cached = cache.get(key);
  if (cached !== undefined) {
    cache.delete(key);
    cache.set(key, cached);
    return cached;
  }
  const made = make();
  // A key that fails to decode is not kept: the next call throws the same error afresh.
  made.catch(() => cache.delete(key));
  cache.set(key, made);
  if (cache.size > MAX_KEYS) cache.delete(cache.keys().next().value as string);
  return made;
}
