/**
 * Access tokens: short-lived JWTs (HS256, 15 minutes) carrying the person's id and roles. The
 * algorithm is pinned on verification, so a token signed with `none` or with an asymmetric
 * algorithm is refused whatever its header says, and a `typ` claim keeps any other token signed
 * with the same secret from being taken for an access token.
 */
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { InvalidAccessToken } from './errors.ts';
import type { Viewer } from './policies.ts';
import { ROLES } from './roles.ts';

/** How long an access token lives, in seconds. */
export const ACCESS_TOKEN_LIFETIME_SECONDS = 15 * 60;

const ALGORITHM = 'HS256';

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
  return jwt.sign(claims, key.secret, { algorithm: ALGORITHM });
}

/**
 * @param token the compact JWT from an `Authorization: Bearer` header.
 * @param key the secret and the current time.
 * @returns the viewer the token stands for.
 * @throws InvalidAccessToken when the token is malformed, not HS256 with our secret, expired,
 *   or not an access token.
 */
export function verifyAccessToken(token: string, key: AccessTokenKey): Viewer {
  let payload: unknown;
  try {
    payload = jwt.verify(token, key.secret, {
      algorithms: [ALGORITHM],
      clockTimestamp: Math.floor(key.now.getTime() / 1000),
    });
  } catch {
    throw new InvalidAccessToken();
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new InvalidAccessToken();
  return { personId: claims.data.sub, roles: claims.data.roles };
}
