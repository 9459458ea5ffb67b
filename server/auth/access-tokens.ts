/**
 * Access tokens: short-lived JWTs (HS256, 15 minutes) carrying the person's id and roles. The
 * algorithm is pinned on verification, so a token signed with `none` or with an asymmetric
 * algorithm is refused whatever its header says, and a `typ` claim keeps any other token signed
 * with the same secret from being taken for an access token. Beyond the signature and `exp`
 * (and `nbf`, when present), a token issued in the future or living longer than 15 minutes is
 * refused: the server never makes one, so it can only come from a leaked secret or a clock gone
 * wrong, and neither should yield a session that outlives the usual 15 minutes.
 */
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { InvalidAccessToken } from './errors.ts';
import type { Viewer } from './policies.ts';
import { ROLES } from './roles.ts';

/** How long an access token lives, in seconds. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;

const ALGORITHM = 'HS256';

/**
 * How far ahead of this server's clock `iat` may be, in seconds: room for the clocks of several
 * processes signing with the same secret, far less than a token's lifetime.
 */
export const ACCESS_TOKEN_CLOCK_SKEW_SECONDS = 60;

const Claims = z.object({
  sub: z.string().min(1),
  roles: z.array(z.enum(ROLES)),
  typ: z.literal('access'),
  iat: z.number().int(),
  exp: z.number().int(),
});

/** The claims of an access token. */
export type AccessTokenClaims = z.infer<typeof Claims>;

/** What signing and verifying need: the HMAC secret and the current time. */
export interface AccessTokenKey {
  secret: string;
  now: Date;
}

/**
 * @param viewer whose token this is: `sub` is the person id, `roles` their roles.
 * @param key the secret and the signing time (`iat`; `exp` is 15 minutes later).
 * @returns the compact JWT.
 */
export function signAccessToken(viewer: Viewer, key: AccessTokenKey): string {
  const iat = Math.floor(key.now.getTime() / 1000);
  const claims: AccessTokenClaims = {
    sub: viewer.personId,
    roles: [...viewer.roles],
    typ: 'access',
    iat,
    exp: iat + ACCESS_TOKEN_LIFETIME_SECONDS,
  };
  return jwt.sign(claims, hmacKey(key.secret), { algorithm: ALGORITHM });
}

/**
 * @param token the compact JWT from an `Authorization: Bearer` header.
 * @param key the secret and the current time.
 * @returns the viewer the token stands for.
 * @throws InvalidAccessToken when the token is malformed, not HS256 with our secret, expired,
 *   not yet valid, issued in the future, longer-lived than 15 minutes, or not an access token.
 */
export function verifyAccessToken(token: string, key: AccessTokenKey): Viewer {
  const now = Math.floor(key.now.getTime() / 1000);
  let payload: unknown;
  try {
    payload = jwt.verify(token, hmacKey(key.secret), {
      algorithms: [ALGORITHM],
      clockTimestamp: now,
    });
  } catch {
    throw new InvalidAccessToken();
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new InvalidAccessToken();
  const { iat, exp } = claims.data;
  if (iat > now + ACCESS_TOKEN_CLOCK_SKEW_SECONDS) throw new InvalidAccessToken();
  if (exp - iat > ACCESS_TOKEN_LIFETIME_SECONDS) throw new InvalidAccessToken();
  return { personId: claims.data.sub, roles: claims.data.roles };
}

/** The HMAC key made from the last secret seen (a server has one). */
let cachedKey: { secret: string; key: KeyObject } | undefined;

/**
 * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries to read it as
 * a public key, which throws, before taking it as an HMAC key; that cost every signed-in
 * request a tenth of its time (bench/api.bench.ts). The key's bytes are the string's UTF-8,
 * as jsonwebtoken makes them, so tokens are the same.
 */
function hmacKey(secret: string): KeyObject {
  if (cachedKey?.secret !== secret) {
    cachedKey = { secret, key: createSecretKey(Buffer.from(secret, 'utf8')) };
  }
  return cachedKey.key;
}
