import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCRYPT_PARAMETERS,
  hashSecret,
  needsRehash,
  parseSecretHash,
  verifyAgainstDummy,
  verifySecret,
} from '../../../server/auth/secret-hash.ts';

// Cheap parameters keep the tests fast where the cost itself is not what is tested.
const CHEAP = { ln: 10, r: 8, p: 1 };

describe('hashSecret / verifySecret', () => {
  it('hash with scrypt N=2^15, r=8, p=1 and a 16-byte salt by default, all in the string', async () => {
    const hash = await hashSecret('correct horse battery staple');
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const parsed = parseSecretHash(hash);
    expect(parsed).toMatchObject({ ln: 15, r: 8, p: 1 });
    expect(parsed?.salt).toHaveLength(16);
    expect(parsed?.key).toHaveLength(32);
    expect(DEFAULT_SCRYPT_PARAMETERS.ln).toBeGreaterThanOrEqual(15);
  });

  it('salt every hash: the same password never hashes alike', async () => {
    const [a, b] = await Promise.all([hashSecret('same', CHEAP), hashSecret('same', CHEAP)]);
    expect(a).not.toBe(b);
    expect(parseSecretHash(a)?.salt.equals(parseSecretHash(b)?.salt ?? Buffer.alloc(0))).toBe(
      false,
    );
  });

  it('verify the right secret and refuse a wrong one', async () => {
    const hash = await hashSecret('s3cret-phrase', CHEAP);
    expect(await verifySecret('s3cret-phrase', hash)).toBe(true);
    expect(await verifySecret('s3cret-phrasE', hash)).toBe(false);
    expect(await verifySecret('', hash)).toBe(false);
  });

  it('verify with the parameters stored in the hash, so costs can be raised later', async () => {
    const old = await hashSecret('1234', { ln: 11, r: 4, p: 2 });
    expect(parseSecretHash(old)).toMatchObject({ ln: 11, r: 4, p: 2 });
    expect(await verifySecret('1234', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashSecret('1234'))).toBe(false);
  });

  it('treat the same text typed in two Unicode forms alike', async () => {
    const hash = await hashSecret('Noël', CHEAP);
    expect(await verifySecret('Noe\u0308l', hash)).toBe(true);
  });

  it('refuse tampered or malformed hashes', async () => {
    const hash = await hashSecret('pw', CHEAP);
    const parts = hash.split('$');
    const key = parts[4] ?? '';
    const salt = parts[3] ?? '';
    // The first character: the last ones of unpadded base64 have bits that decode to nothing.
    const flip = (text: string) => `${text[0] === 'A' ? 'B' : 'A'}${text.slice(1)}`;
    const tampered = [
      [...parts.slice(0, 4), flip(key)].join('$'), // key changed
      hash.replace('ln=10', 'ln=11'), // cost changed
      hash.replace('r=8', 'r=9'),
      [...parts.slice(0, 3), flip(salt), key].join('$'), // salt changed
      hash.replace('$scrypt$', '$bcrypt$'),
      hash.replace('ln=10', 'ln=40'), // would ask for terabytes: refused unparsed
      '',
      'plain-text-password',
    ];
    for (const candidate of tampered) {
      expect(await verifySecret('pw', candidate), candidate).toBe(false);
    }
    expect(parseSecretHash(hash.replace('ln=10', 'ln=40'))).toBeNull();
    expect(parseSecretHash(`$scrypt$ln=10,r=8,p=1$c2hvcnQ$${'A'.repeat(43)}`)).toBeNull();
  });

  it('spend a real verification on unknown accounts and always fail', async () => {
    expect(await verifyAgainstDummy('anything')).toBe(false);
  });
});
