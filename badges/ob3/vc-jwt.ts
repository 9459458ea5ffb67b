/**
 * The VC-JWT form of an OB 3.0 credential (openbadges.md §3.6): a compact JWS signed RS256,
 * the algorithm every OB 3.0 verifier must support. The payload is the credential itself
 * (VC Data Model 2.0, no `vc` wrapper) plus the registered claims that mirror it.
 */
import jwt from 'jsonwebtoken';
import { type IssuerKey, isActiveAt } from '../keys/issuer-key.ts';
import { issuerIdOf } from './data-integrity.ts';

export type JwtSignOptions = {
  /** The signing clock, used to refuse a key that is not active (default: now). */
  now?: Date;
};

/**
 * Signs a credential as a compact JWS whose header is exactly `{alg:'RS256', typ:'JWT', kid}`.
 *
 * @param credential the credential; it must have `id`, `issuer`, `validFrom` and
 *   `credentialSubject.id` (the JWT `sub` is mandatory).
 * @param key an active RSA key of the issuer.
 * @param kidUrl an https URL (on the issuer's origin) that returns the bare public JWK.
 * @param options.now the signing clock.
 * @returns the compact JWS.
 * @throws Error when a mandatory member is missing or the key cannot sign.
 */
export function signCredentialJwt(
  credential: object,
  key: IssuerKey,
  kidUrl: string,
  options: JwtSignOptions = {},
): string {
  const now = options.now ?? new Date();
  if (key.algorithm !== 'RSA' || !key.privateKeyPem) {
    throw new Error(`${key.id} is not an RSA key with its private part`);
  }
  if (!isActiveAt(key, now.toISOString())) {
    throw new Error(`${key.id} is not active at ${now.toISOString()}: it cannot sign`);
  }
  const fields = credential as {
    id?: unknown;
    validFrom?: unknown;
    validUntil?: unknown;
    credentialSubject?: { id?: unknown };
  };
  const iss = issuerIdOf(credential);
  const sub = fields.credentialSubject?.id;
  if (typeof iss !== 'string') throw new Error('the credential has no issuer id');
  if (typeof fields.id !== 'string') throw new Error('the credential has no id (jti)');
  if (typeof sub !== 'string') {
    throw new Error('a VC-JWT needs credentialSubject.id (sub): add a subject id');
  }
  const nbf = numericDate(fields.validFrom, 'validFrom');
  const exp =
    fields.validUntil === undefined ? undefined : numericDate(fields.validUntil, 'validUntil');
  const payload = {
    ...credential,
    iss,
    jti: fields.id,
    sub,
    nbf,
    ...(exp === undefined ? {} : { exp }),
  };
  return jwt.sign(payload, key.privateKeyPem, {
    algorithm: 'RS256',
    keyid: kidUrl,
    // No `iat`: the header and claims are exactly those the specification lists.
    noTimestamp: true,
  });
}

/**
 * An ISO 8601 date as a JWT NumericDate (whole seconds since the epoch).
 *
 * @throws Error when the date is missing or unreadable.
 */
export function numericDate(value: unknown, field: string): number {
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new Error(`${field} is missing or not a date`);
  return Math.floor(time / 1000);
}
