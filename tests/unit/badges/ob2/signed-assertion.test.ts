import { createHmac } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateEd25519Key,
  generateRsaKey,
  type IssuerKey,
} from '../../../../badges/keys/issuer-key.ts';
import { buildAssertion } from '../../../../badges/ob2/build-objects.ts';
import { decodeJws, signAssertion, verifyRs256 } from '../../../../badges/ob2/signed-assertion.ts';

const ISSUER = 'https://badges.grange.example/ob2/issuer';
const CREATOR = `${ISSUER}/keys/1`;

const assertion = buildAssertion({
  id: 'urn:uuid:0b3ad0f1-1f59-4c3a-9a55-58f3c1f0a111',
  badgeClassId: 'https://badges.grange.example/ob2/badges/mail-pro',
  recipient: { kind: 'email', value: 'camille@example.org', salt: 'c0ffee' },
  issuedOn: '2025-01-15T10:00:00Z',
  verification: { type: 'SignedBadge', creator: CREATOR },
});

let key: IssuerKey;
let other: IssuerKey;

beforeAll(() => {
  key = generateRsaKey(ISSUER, '2025-01-01T00:00:00Z');
  other = generateRsaKey(ISSUER, '2025-01-01T00:00:00Z');
});

function part(token: string, index: number): unknown {
  return JSON.parse(Buffer.from(token.split('.')[index] ?? '', 'base64url').toString('utf8'));
}

describe('signAssertion', () => {
  it('writes a compact JWS with header {"alg":"RS256"} only and the Assertion as payload', () => {
    const token = signAssertion(assertion, key);
    expect(token.split('.')).toHaveLength(3);
    expect(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')).toBe(
      '{"alg":"RS256"}',
    );
    expect(part(token, 1)).toEqual(assertion);
    expect(part(token, 1)).not.toHaveProperty('iat');
  });

  it('is a standard RS256 JWS: jsonwebtoken verifies it with the public key', () => {
    const token = signAssertion(assertion, key);
    const payload = jwt.verify(token, key.publicKeyPem ?? '', { algorithms: ['RS256'] });
    expect(payload).toEqual(assertion);
    expect(() => jwt.verify(token, other.publicKeyPem ?? '', { algorithms: ['RS256'] })).toThrow();
  });

  it('refuses Ed25519 keys and hosted assertions', async () => {
    const ed = await generateEd25519Key('did:key:z6Mk', '2025-01-01T00:00:00Z');
    expect(() => signAssertion(assertion, ed)).toThrow(/RSA/);
    const hosted = { ...assertion, verification: { type: 'HostedBadge' as const } };
    expect(() => signAssertion(hosted, key)).toThrow(/SignedBadge/);
  });
});

describe('verifyRs256', () => {
  it('accepts the signer key and refuses another key', () => {
    const decoded = decodeJws(signAssertion(assertion, key));
    if (!decoded.ok) throw new Error(decoded.detail);
    expect(verifyRs256(decoded.jws, key.publicKeyPem ?? '')).toEqual({ ok: true });
    expect(verifyRs256(decoded.jws, other.publicKeyPem ?? '').ok).toBe(false);
  });

  it('refuses alg none and an HS256 token made with the public key as secret', () => {
    const payload = Buffer.from(JSON.stringify(assertion)).toString('base64url');
    const none = decodeJws(`${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.`);
    if (!none.ok) throw new Error(none.detail);
    expect(verifyRs256(none.jws, key.publicKeyPem ?? '')).toMatchObject({
      ok: false,
      detail: /none/,
    });

    const input = `${Buffer.from('{"alg":"HS256"}').toString('base64url')}.${payload}`;
    const mac = createHmac('sha256', key.publicKeyPem ?? '')
      .update(input)
      .digest('base64url');
    const hs = decodeJws(`${input}.${mac}`);
    if (!hs.ok) throw new Error(hs.detail);
    expect(verifyRs256(hs.jws, key.publicKeyPem ?? '').ok).toBe(false);
  });

  it('refuses a key that is not RSA, or not a key, without throwing', async () => {
    const decoded = decodeJws(signAssertion(assertion, key));
    if (!decoded.ok) throw new Error(decoded.detail);
    expect(verifyRs256(decoded.jws, 'not a pem').ok).toBe(false);
  });
});

describe('decodeJws', () => {
  it.each([
    ['two parts', 'a.b'],
    ['four parts', 'a.b.c.d'],
    ['characters outside base64url', 'e30=.e30.c2ln'],
    ['a header that is not JSON', `${Buffer.from('nope').toString('base64url')}.e30.c2ln`],
    ['a payload that is an array', `e30.${Buffer.from('[1]').toString('base64url')}.c2ln`],
    ['empty text', ''],
  ])('says why it cannot read %s', (_name, text) => {
    const decoded = decodeJws(text);
    expect(decoded.ok).toBe(false);
  });
});
