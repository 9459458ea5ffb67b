/**
 * Access tokens as an attacker would make them: unsigned (`alg: none`), signed with another
 * algorithm or key, with the payload edited after signing, or, to show what the server checks
 * beyond the signature, signed with the server's own secret but with claims it must refuse
 * (expired, not yet valid, issued in the future, living too long).
 */
import { sign as cryptoSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';

/** The claims of an access token (see server/auth/access-tokens.ts). */
export interface AccessClaims {
  sub: string;
  roles: string[];
  typ: 'access';
  iat: number;
  exp: number;
  nbf?: number;
}

const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** @returns the claims of a fresh 15-minute access token for `personId` at `now`. */
export function accessClaims(personId: string, now: Date, roles: string[] = ['admin']) {
  const iat = Math.floor(now.getTime() / 1000);
  return { sub: personId, roles, typ: 'access', iat, exp: iat + 900 } satisfies AccessClaims;
}

/** @returns a token with header `{alg}` (e.g. "none", "None") and the given signature part. */
export function unsignedToken(claims: object, alg = 'none', signature = ''): string {
  return `${encode({ alg, typ: 'JWT' })}.${encode(claims)}.${signature}`;
}

/** @returns the token with its payload replaced and its header and signature kept. */
export function withPayload(token: string, claims: object): string {
  const [header, , signature] = token.split('.');
  return `${header}.${encode(claims)}.${signature}`;
}

/** @returns the payload of a compact JWT, decoded without any check. */
export function payloadOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
}

/** Tokens signed with keys the attacker owns, under every algorithm family. */
export function attackerSignedTokens(claims: object): Record<string, string> {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const ed = generateKeyPairSync('ed25519');
  const attackerSecret = 'attacker-secret-attacker-secret-attacker-secret';
  const jwk = rsa.publicKey.export({ format: 'jwk' });
  return {
    'HS256 with a guessed secret': jwt.sign(claims, attackerSecret, { algorithm: 'HS256' }),
    'HS256 with an empty secret': unsignedToken(claims, 'HS256'),
    'RS256 with its own key': jwt.sign(claims, rsa.privateKey, { algorithm: 'RS256' }),
    'RS256 with its key embedded (jwk header)': jwt.sign(claims, rsa.privateKey, {
      algorithm: 'RS256',
      header: { alg: 'RS256', jwk } as jwt.JwtHeader,
    }),
    'RS256 with its key at a URL (jku header)': jwt.sign(claims, rsa.privateKey, {
      algorithm: 'RS256',
      header: { alg: 'RS256', jku: 'http://127.0.0.1:1/keys.json' } as jwt.JwtHeader,
    }),
    'PS256 with its own key': jwt.sign(claims, rsa.privateKey, { algorithm: 'PS256' }),
    'ES256 with its own key': jwt.sign(claims, ec.privateKey, { algorithm: 'ES256' }),
    'EdDSA with its own key': signEdDsa(claims, ed.privateKey),
  };
}

/** jsonwebtoken has no EdDSA: the JWS is put together by hand. */
function signEdDsa(claims: object, key: KeyObject): string {
  const input = `${encode({ alg: 'EdDSA', typ: 'JWT' })}.${encode(claims)}`;
  return `${input}.${cryptoSign(null, Buffer.from(input), key).toString('base64url')}`;
}

/**
 * The algorithm-confusion attack: the server's public key (here every form of the issuer's
 * Ed25519 key published in its DID document) used as the HMAC secret of an HS256/384/512 token,
 * which a server that let the header pick the algorithm would verify with that same "key".
 */
export function publicKeyAsHmacSecret(claims: object, publicForms: string[]): string[] {
  const tokens: string[] = [];
  for (const secret of publicForms) {
    for (const algorithm of ['HS256', 'HS384', 'HS512'] as const) {
      tokens.push(jwt.sign(claims, secret, { algorithm }));
    }
  }
  return tokens;
}

/** @returns a token signed with the server's real secret: what only the server can make. */
export function signedWithServerSecret(
  claims: object,
  secret: string,
  algorithm: jwt.Algorithm = 'HS256',
): string {
  return jwt.sign(claims, secret, { algorithm });
}
