import { describe, expect, it } from 'vitest';
import { generateDidKeyIssuerKey } from '../../../../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import { verifyCredential } from '../../../../badges/verify/verify-credential.ts';
import { SAMPLE_EMAIL, sampleInput } from './sample-input.ts';

// No network at all: a did:key resolves from the key itself.
const offline = {
  fetcher: async (url: string) => ({
    ok: false as const,
    url,
    reason: 'network' as const,
    detail: 'offline',
  }),
  now: new Date('2026-06-01T00:00:00Z'),
};

describe('a did:key issuer (local runs)', () => {
  it('issues badges anyone can verify with no network, and a changed one fails', async () => {
    const key = await generateDidKeyIssuerKey('2026-01-01T00:00:00Z');
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    const { credentialStatus: _none, ...input } = sampleInput({
      issuer: { id: key.controller, name: 'Grange (local)', url: 'http://localhost:3000' },
    });
    const signed = await signCredentialDataIntegrity(buildOpenBadgeCredential(input), key, {
      now: new Date('2026-03-04T10:00:00Z'),
    });
    const report = await verifyCredential(signed, { ...offline, email: SAMPLE_EMAIL });
    expect(report.verdict).toBe('valid');
    const forged = await verifyCredential({ ...signed, name: 'Autre' }, offline);
    expect(forged.verdict).toBe('invalid');
  });
});
