/**
 * The proof cache of `verifyCredential`: a credential verified again skips the signature
 * check, but what can change between two calls is still judged live: revocation (the status
 * list is fetched from the issuer's site on each call), expiry (against the verifier's clock),
 * and the issuer's key (its DID document is read on each call: a retired or rotated key is
 * seen at once). The cache is keyed by content and bounded.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issuer } from '../../../../badges/issuer/issuer.ts';
import { generateEd25519Key, type IssuerKey } from '../../../../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import {
  createStatusList,
  type StatusList,
  statusEntry,
} from '../../../../badges/status/status-list.ts';
import { buildStatusListCredential } from '../../../../badges/status/status-list-credential.ts';
import { createProofCache, type ProofCache } from '../../../../badges/verify/proof-cache.ts';
import type { CheckId, VerificationReport } from '../../../../badges/verify/report.ts';
import { verifyCredential } from '../../../../badges/verify/verify-credential.ts';
import { SAMPLE_EMAIL, sampleInput } from '../../../unit/badges/ob3/sample-input.ts';
import { didWebOf, type LoopbackServer, publishIssuer, startServer } from '../ob3/issuer-server.ts';

const SIGN_AT = '2026-04-01T00:00:00Z';
const NOW = new Date('2026-06-01T00:00:00Z');

let server: LoopbackServer;
let issuer: Issuer;
let key: IssuerKey;
let list: StatusList;

async function publishStatusList(): Promise<void> {
  const credential = await buildStatusListCredential(list, issuer, '2026-05-01T00:00:00Z');
  server.routes.set(new URL(list.id).pathname, () => credential);
}

beforeAll(async () => {
  server = await startServer();
  const did = didWebOf(server);
  key = await generateEd25519Key(did, '2026-01-01T00:00:00Z');
  issuer = {
    profile: { id: did, name: 'Grange Numérique', url: server.baseUrl },
    keys: [key],
  };
  publishIssuer(server, issuer);
  list = createStatusList({ id: `${server.baseUrl}/status/1` });
  await publishStatusList();
});

afterAll(async () => {
  await server.close();
});

async function issue(
  overrides: { validUntil?: string; name?: string } = {},
): Promise<{ credential: Record<string, unknown>; index: number }> {
  const index = list.allocate();
  const credential = buildOpenBadgeCredential(
    sampleInput({
      id: `urn:uuid:${randomUUID()}`,
      issuer: issuer.profile,
      validFrom: SIGN_AT,
      awardedDate: SIGN_AT,
      credentialStatus: statusEntry(list, index),
      ...overrides,
    }),
  );
  return {
    credential: await signCredentialDataIntegrity(credential, key, { now: new Date(SIGN_AT) }),
    index,
  };
}

function verify(input: unknown, cache: ProofCache, now: Date = NOW): Promise<VerificationReport> {
  return verifyCredential(input, {
    now,
    allowLoopback: true,
    timeoutMs: 5_000,
    email: SAMPLE_EMAIL,
    knownIssuers: [issuer.profile.id],
    proofCache: cache,
  });
}

function statusOf(report: VerificationReport, id: CheckId): string | undefined {
  return report.checks.find((c) => c.id === id)?.status;
}

describe('verifying the same credential again', () => {
  it('answers from the cache, and the answer is the same', async () => {
    const cache = createProofCache();
    const { credential } = await issue();
    const first = await verify(credential, cache);
    // The credential's proof and the status list's proof: both checked, both remembered.
    expect(cache.stats).toEqual({ hits: 0, misses: 2 });
    expect(cache.size).toBe(2);
    const second = await verify(JSON.stringify(credential, null, 2), cache);
    expect(cache.stats).toEqual({ hits: 2, misses: 2 });
    expect(first.verdict).toBe('valid');
    expect(second.verdict).toBe(first.verdict);
    expect(second.checks.map((c) => [c.id, c.status])).toEqual(
      first.checks.map((c) => [c.id, c.status]),
    );
  });

  it('sees a revocation made after the first verification', async () => {
    const cache = createProofCache();
    const { credential, index } = await issue();
    expect((await verify(credential, cache)).verdict).toBe('valid');
    const requestsBefore = server.requests.length;

    list.revoke(index);
    await publishStatusList();
    const again = await verify(credential, cache);

    expect(again.verdict).toBe('revoked');
    expect(statusOf(again, 'not-revoked')).toBe('failed');
    // The credential's own signature came from the cache; the list was fetched anew.
    expect(cache.stats.hits).toBe(1);
    expect(server.requests.slice(requestsBefore)).toContain('/status/1');
  });

  it('sees an expiry that came between two verifications', async () => {
    const cache = createProofCache();
    const { credential } = await issue({ validUntil: '2026-07-01T00:00:00Z' });
    expect((await verify(credential, cache, NOW)).verdict).toBe('valid');

    const later = await verify(credential, cache, new Date('2026-07-02T00:00:00Z'));

    expect(cache.stats.hits).toBe(2);
    expect(later.verdict).toBe('expired');
    expect(statusOf(later, 'dates')).toBe('failed');
  });

  it('misses the cache when one byte of the credential changes, and the change is caught', async () => {
    const cache = createProofCache();
    const { credential } = await issue();
    const text = JSON.stringify(credential);
    expect((await verify(text, cache)).verdict).toBe('valid');
    const hitsBefore = cache.stats.hits;
    const missesBefore = cache.stats.misses;

    // "Envoyer un courriel" → "Envoyer un courrieL": one byte, inside a signed value.
    const changed = text.replace('"name":"Envoyer un courriel"', '"name":"Envoyer un courrieL"');
    expect(changed).not.toBe(text);
    expect(Buffer.byteLength(changed)).toBe(Buffer.byteLength(text));
    const report = await verify(changed, cache);

    expect(cache.stats.misses).toBe(missesBefore + 1);
    // Checked again from scratch; a credential whose proof fails never gets its list read.
    expect(cache.stats.hits).toBe(hitsBefore);
    expect(statusOf(report, 'proof')).toBe('failed');
    expect(report.verdict).toBe('invalid');
    // A failed check is never remembered.
    expect((await verify(changed, cache)).verdict).toBe('invalid');
    expect(cache.stats.misses).toBe(missesBefore + 2);
  });

  it('checks again, from scratch, once the key is retired or rotated', async () => {
    const cache = createProofCache();
    const { credential } = await issue();
    expect((await verify(credential, cache)).verdict).toBe('valid');

    // Retired before the credential was signed: the DID document says so at once.
    const original = issuer.keys;
    issuer.keys = [{ ...key, retiredAt: '2026-03-01T00:00:00Z' }];
    const retired = await verify(credential, cache);
    expect(statusOf(retired, 'issuer-key')).toBe('failed');
    expect(retired.verdict).toBe('invalid');

    // The same key id now holds other key material: the old signature no longer matches.
    const other = await generateEd25519Key(issuer.profile.id, '2026-01-01T00:00:00Z');
    issuer.keys = [{ ...other, id: key.id }];
    const missesBefore = cache.stats.misses;
    const rotated = await verify(credential, cache);
    expect(cache.stats.misses).toBeGreaterThan(missesBefore);
    expect(statusOf(rotated, 'proof')).toBe('failed');

    issuer.keys = original;
  });

  it('keeps at most its bound, dropping the least recently used', async () => {
    const cache = createProofCache(3);
    const issued = [];
    for (let i = 0; i < 3; i += 1) issued.push((await issue()).credential);
    // Each verification remembers the credential's proof, and the status list's (one entry
    // for all three: same list, used on every call). The third credential's entry pushed out
    // the least recently used one: the first credential's.
    for (const credential of issued) await verify(credential, cache);
    expect(cache.size).toBe(3);
    expect(cache.maxEntries).toBe(3);

    const hitsBefore = cache.stats.hits;
    await verify(issued[2], cache);
    expect(cache.stats.hits).toBe(hitsBefore + 2);
    await verify(issued[0], cache);
    expect(cache.stats.hits).toBe(hitsBefore + 3);
    expect(cache.size).toBe(3);
  });

  it('refuses a bound below one entry', () => {
    expect(() => createProofCache(0)).toThrow(RangeError);
  });
});
