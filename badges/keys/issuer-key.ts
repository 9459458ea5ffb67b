/**
 * Issuer signing keys. Ed25519 (Multikey) keys sign Open Badges 3.0 Data Integrity proofs;
 * RSA keys sign the RS256 forms (Open Badges 2.0 JWS and the OB 3.0 VC-JWT), the algorithm
 * both specifications require verifiers to support.
 *
 * Several keys live side by side for rotation: the newest active key of each algorithm signs;
 * older keys stay published so what they signed still verifies; a retired key keeps verifying
 * what it signed before `retiredAt` and nothing signed after.
 */
import { createHash, createPublicKey, generateKeyPairSync, type JsonWebKey } from 'node:crypto';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';

export type KeyAlgorithm = 'Ed25519' | 'RSA';

/** A key as stored (secret parts included): plain JSON, so adapters can persist it as is. */
export interface IssuerKey {
  /** The verification method id: `<controller>#<fragment>`. */
  id: string;
  controller: string;
  algorithm: KeyAlgorithm;
  createdAt: string;
  retiredAt?: string;
  /** Ed25519 only. */
  publicKeyMultibase?: string;
  secretKeyMultibase?: string;
  /** RSA only. */
  publicKeyPem?: string;
  privateKeyPem?: string;
}

/** The public half of a key, safe to publish. */
export type PublicIssuerKey = Omit<IssuerKey, 'secretKeyMultibase' | 'privateKeyPem'>;

/**
 * @param controller the issuer id (did:web, did:key or https URL) that controls the key.
 * @param createdAt when the key starts signing.
 */
export async function generateEd25519Key(
  controller: string,
  createdAt: string,
): Promise<IssuerKey> {
  const pair = await Ed25519Multikey.generate({ controller });
  return {
    id: `${controller}#${pair.publicKeyMultibase}`,
    controller,
    algorithm: 'Ed25519',
    createdAt,
    publicKeyMultibase: pair.publicKeyMultibase,
    secretKeyMultibase: pair.secretKeyMultibase as string,
  };
}

/**
 * An Ed25519 key that is its own issuer id, `did:key:z6Mk…`: for local runs with no public
 * address to publish a DID document at. Such an issuer cannot rotate keys (the id is the key).
 *
 * @param createdAt when the key starts signing.
 */
export async function generateDidKeyIssuerKey(createdAt: string): Promise<IssuerKey> {
  const pair = await Ed25519Multikey.generate();
  const controller = `did:key:${pair.publicKeyMultibase}`;
  return {
    id: `${controller}#${pair.publicKeyMultibase}`,
    controller,
    algorithm: 'Ed25519',
    createdAt,
    publicKeyMultibase: pair.publicKeyMultibase,
    secretKeyMultibase: pair.secretKeyMultibase as string,
  };
}

/**
 * @param controller the issuer id that controls the key.
 * @param createdAt when the key starts signing.
 */
export function generateRsaKey(controller: string, createdAt: string): IssuerKey {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return {
    id: `${controller}#rsa-${rsaThumbprint(publicKeyPem).slice(0, 16)}`,
    controller,
    algorithm: 'RSA',
    createdAt,
    publicKeyPem,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

/** The public half of a key. */
export function publicPart(key: IssuerKey): PublicIssuerKey {
  const { secretKeyMultibase: _secret, privateKeyPem: _private, ...rest } = key;
  return rest;
}

/**
 * The public RSA key as a JWK (RFC 7517), with `kid` and `alg`, never any private member. A
 * retired key carries its retirement date as `revoked` (as retired Multikeys do in the
 * controller document), so verifiers reject what it signed from then on.
 */
export function rsaPublicJwk(
  key: PublicIssuerKey,
): JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig'; revoked?: string } {
  if (key.algorithm !== 'RSA' || !key.publicKeyPem) throw new Error(`${key.id} is not an RSA key`);
  const jwk = createPublicKey(key.publicKeyPem).export({ format: 'jwk' });
  return {
    kty: jwk.kty,
    n: jwk.n,
    e: jwk.e,
    kid: key.id,
    alg: 'RS256',
    use: 'sig',
    ...(key.retiredAt ? { revoked: key.retiredAt } : {}),
  };
}

/** RFC 7638 thumbprint of an RSA public key, base64url. */
export function rsaThumbprint(publicKeyPem: string): string {
  const jwk = createPublicKey(publicKeyPem).export({ format: 'jwk' });
  const canonical = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

/**
 * Whether a key could sign at `at`: created before, and not yet retired.
 *
 * @param key the key.
 * @param at an ISO 8601 instant.
 */
export function isActiveAt(key: PublicIssuerKey, at: string): boolean {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return false;
  if (Date.parse(key.createdAt) > time) return false;
  return key.retiredAt === undefined || time < Date.parse(key.retiredAt);
}

/**
 * The key that signs now: the newest key of that algorithm active at `at`.
 *
 * @throws Error when the issuer has no such key (generate or un-retire one).
 */
export function signingKey(
  keys: readonly IssuerKey[],
  algorithm: KeyAlgorithm,
  at: string,
): IssuerKey {
  const candidates = keys
    .filter((key) => key.algorithm === algorithm && isActiveAt(key, at))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const [newest] = candidates;
  if (!newest) throw new Error(`no active ${algorithm} key: generate one before issuing`);
  return newest;
}
