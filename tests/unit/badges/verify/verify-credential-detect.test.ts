import { describe, expect, it } from 'vitest';
import { detectVersion, verifyCredential } from '../../../../badges/verify/verify-credential.ts';

const offline = {
  fetcher: async (url: string) => ({
    ok: false as const,
    url,
    reason: 'network' as const,
    detail: 'offline test',
  }),
};

describe('verifyCredential on what is not a badge', () => {
  it.each([
    ['an empty string', ''],
    ['plain words', 'bonjour'],
    ['a number', 42],
    ['null', null],
    ['an array', [1, 2, 3]],
    ['JSON that is not a badge', '{"hello":"world"}'],
    ['broken JSON', '{"@context": '],
    ['bytes that are not an image', new Uint8Array([1, 2, 3, 4])],
    ['a token that is not a badge', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln'],
  ])('answers "invalid" with a readable message for %s', async (_name, input) => {
    const report = await verifyCredential(input, offline);
    expect(report.verdict).toBe('invalid');
    expect(report.checks[0]).toMatchObject({ id: 'parsed', status: 'failed' });
    expect(report.message.fr.length).toBeGreaterThan(10);
    expect(report.message.en.length).toBeGreaterThan(10);
  });

  it('says "could not check" when the link cannot be opened, never "invalid"', async () => {
    const report = await verifyCredential('https://badges.example/assertions/1', offline);
    expect(report.verdict).toBe('could-not-check');
  });
});

describe('detectVersion', () => {
  it('tells Open Badges 2.0 from 3.0', () => {
    expect(detectVersion({ '@context': 'https://w3id.org/openbadges/v2', type: 'Assertion' })).toBe(
      '2.0',
    );
    expect(
      detectVersion({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential'],
      }),
    ).toBe('3.0');
    expect(detectVersion({ vc: { '@context': ['https://www.w3.org/2018/credentials/v1'] } })).toBe(
      '3.0',
    );
    expect(detectVersion({ hello: 'world' })).toBeUndefined();
  });
});
