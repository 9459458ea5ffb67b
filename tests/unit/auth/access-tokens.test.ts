import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  signAccessToken,
  verifyAccessToken,
} from '../../../server/auth/access-tokens.ts';
import { InvalidAccessToken } from '../../../server/auth/errors.ts';

const secret = 'k'.repeat(43);
const now = new Date('2026-03-02T09:00:00Z');
const iat = Math.floor(now.getTime() / 1000);
const viewer = { personId: 'p-1', roles: ['learner', 'trainer'] as const };

function refused(token: string, at: Date = now, key = secret): void {
  expect(() => verifyAccessToken(token, { secret: key, now: at })).toThrow(InvalidAccessToken);
}

describe('access tokens', () => {
  it('carry sub, roles, typ access, iat and a 15-minute exp, signed HS256', () => {
    const token = signAccessToken(viewer, { secret, now });
    const decoded = jwt.decode(token, { complete: true });
    expect(decoded?.header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decoded?.payload).toEqual({
      sub: 'p-1',
      roles: ['learner', 'trainer'],
      typ: 'access',
      iat,
      exp: iat + 15 * 60,
    });
    expect(ACCESS_TOKEN_LIFETIME_SECONDS).toBe(900);
    expect(verifyAccessToken(token, { secret, now })).toEqual({
      personId: 'p-1',
      roles: ['learner', 'trainer'],
    });
  });

  it('stay valid until their expiry and no longer', () => {
    const token = signAccessToken(viewer, { secret, now });
    const almost = new Date(now.getTime() + (ACCESS_TOKEN_LIFETIME_SECONDS - 1) * 1000);
    expect(verifyAccessToken(token, { secret, now: almost }).personId).toBe('p-1');
    refused(token, new Date(now.getTime() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000));
  });

  it('refuse another secret and a changed payload', () => {
    const token = signAccessToken(viewer, { secret, now });
    refused(token, now, 'x'.repeat(43));
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'p-1', roles: ['admin'], typ: 'access', iat, exp: iat + 900 }),
    ).toString('base64url');
    refused(`${header}.${forged}.${signature}`);
    refused('not-a-jwt');
    refused('');
  });

  it("refuse alg 'none' and tokens signed with another algorithm", () => {
    const claims = { sub: 'p-1', roles: ['admin'], typ: 'access', iat, exp: iat + 900 };
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
    refused(none);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    refused(jwt.sign(claims, privateKey, { algorithm: 'RS256' }));
    refused(jwt.sign(claims, secret, { algorithm: 'HS512' }));
  });

  it('refuse tokens of another kind or with malformed claims, even signed with our secret', () => {
    const base = { sub: 'p-1', roles: ['learner'], iat, exp: iat + 900 };
    refused(jwt.sign({ ...base, typ: 'refresh' }, secret, { algorithm: 'HS256' }));
    refused(jwt.sign(base, secret, { algorithm: 'HS256' }));
    refused(
      jwt.sign({ ...base, typ: 'access', roles: ['superuser'] }, secret, { algorithm: 'HS256' }),
    );
    refused(jwt.sign({ ...base, typ: 'access', sub: '' }, secret, { algorithm: 'HS256' }));
    const noExp = { sub: 'p-1', roles: ['learner'], typ: 'access', iat };
    refused(jwt.sign(noExp, secret, { algorithm: 'HS256' }));
  });
});
