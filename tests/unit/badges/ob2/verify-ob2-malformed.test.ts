/**
 * Whatever the OB 2.0 pipelines are given, they answer with every check and never throw.
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyOb2Hosted, verifyOb2Signed } from '../../../../badges/ob2/verify-ob2.ts';
import type { VerifyContext } from '../../../../badges/verify/pipeline.ts';
import { buildReport, CHECK_IDS, type CheckId } from '../../../../badges/verify/report.ts';
import type { Fetcher } from '../../../../badges/verify/safe-fetch.ts';

const ALL: CheckId[] = [...CHECK_IDS];

/** Answers every URL with the same JSON, like a site serving junk. */
function serving(body: unknown, status = 200): Fetcher {
  return async (url) => {
    const bytes = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body ?? null));
    return status === 200
      ? { ok: true, url, status, contentType: 'application/json', body: bytes }
      : { ok: false, url, reason: 'http-status', status, body: bytes, detail: `HTTP ${status}` };
  };
}

const offline: Fetcher = async (url) => ({ ok: false, url, reason: 'network', detail: 'offline' });

function ctx(fetcher: Fetcher): VerifyContext {
  return {
    now: new Date('2025-06-01T00:00:00Z'),
    fetcher,
    didWebOverHttp: false,
    knownIssuers: [],
    recipient: { kind: 'email', value: 'a@example.org' },
  };
}

function expectAllChecks(ids: CheckId[]): void {
  expect([...ids].sort()).toEqual([...ALL].sort());
}

describe('OB 2.0 pipelines on malformed input', () => {
  it('answer any text given as a JWS with every check, never valid', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string(), fc.jsonValue(), async (text, served) => {
        const result = await verifyOb2Signed(text, ctx(serving(served)), 'jws');
        expectAllChecks(result.checks.map((c) => c.id));
        expect(buildReport(result.checks, true).verdict).not.toBe('valid');
      }),
      { numRuns: 150 },
    );
  });

  it('answer JWS-shaped tokens with random JSON parts, never valid', async () => {
    const part = fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v)).toString('base64url'));
    await fc.assert(
      fc.asyncProperty(part, part, fc.base64String(), fc.jsonValue(), async (h, p, s, served) => {
        const result = await verifyOb2Signed(`${h}.${p}.${s}`, ctx(serving(served)), 'jws');
        expectAllChecks(result.checks.map((c) => c.id));
        expect(buildReport(result.checks, true).verdict).not.toBe('valid');
      }),
      { numRuns: 150 },
    );
  });

  it('answer any JSON given as a hosted assertion, whatever the site serves', async () => {
    const assertionLike = fc.record(
      {
        '@context': fc.constant('https://w3id.org/openbadges/v2'),
        id: fc.oneof(fc.constant('https://issuer.example/a/1'), fc.string()),
        type: fc.oneof(fc.constant('Assertion'), fc.jsonValue()),
        recipient: fc.jsonValue(),
        badge: fc.oneof(fc.constant('https://issuer.example/b'), fc.jsonValue()),
        verification: fc.jsonValue(),
        issuedOn: fc.oneof(fc.constant('2025-01-01T00:00:00Z'), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.jsonValue(), assertionLike),
        fc.oneof(fc.jsonValue(), assertionLike),
        fc.constantFrom(200, 404, 410, 500),
        async (given, served, status) => {
          const result = await verifyOb2Hosted(
            { assertion: given },
            ctx(serving(served, status)),
            'json',
          );
          expectAllChecks(result.checks.map((c) => c.id));
          expect(buildReport(result.checks, true).verdict).not.toBe('valid');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('answer a URL input that is not text, and JSON text that does not parse', async () => {
    const odd = await verifyOb2Hosted(
      { url: 42 } as unknown as { url: string },
      ctx(offline),
      'url',
    );
    expect(odd.checks[0]).toMatchObject({ id: 'parsed', status: 'failed' });
    const broken = await verifyOb2Hosted({ assertion: '{"@context": ' }, ctx(offline), 'json');
    expect(broken.checks[0]).toMatchObject({ id: 'parsed', status: 'failed' });
    const notText = await verifyOb2Signed(undefined as unknown as string, ctx(offline), 'jws');
    expect(notText.checks[0]).toMatchObject({ id: 'parsed', status: 'failed' });
  });

  it('says could not check, not invalid, for a well-formed JSON whose site is offline', async () => {
    const result = await verifyOb2Hosted(
      {
        assertion: {
          '@context': 'https://w3id.org/openbadges/v2',
          id: 'https://issuer.example/a/1',
        },
      },
      ctx(offline),
      'json',
    );
    expectAllChecks(result.checks.map((c) => c.id));
    expect(buildReport(result.checks, true).verdict).toBe('could-not-check');
  });
});
