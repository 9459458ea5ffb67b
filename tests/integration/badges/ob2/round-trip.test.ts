/**
 * OB 2.0 issued then verified over real HTTP: a loopback site serves the issuer Profile,
 * BadgeClass, CryptographicKey, RevocationList and hosted Assertions, as Grange's server would.
 */

import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKey, type IssuerKey } from '../../../../badges/keys/issuer-key.ts';
import {
  type AssertionInput,
  buildAssertion,
  buildBadgeClass,
  buildCryptographicKey,
  buildIssuerProfile,
  buildRevocationList,
  buildRevokedAssertionBody,
  type Ob2Assertion,
} from '../../../../badges/ob2/build-objects.ts';
import { signAssertion } from '../../../../badges/ob2/signed-assertion.ts';
import { verifyOb2Hosted, verifyOb2Signed } from '../../../../badges/ob2/verify-ob2.ts';
import { hashIdentity } from '../../../../badges/recipient/identity-hash.ts';
import type { PipelineResult, VerifyContext } from '../../../../badges/verify/pipeline.ts';
import {
  buildReport,
  CHECK_IDS,
  type CheckId,
  type CheckStatus,
  type VerificationReport,
} from '../../../../badges/verify/report.ts';
import { createFetcher } from '../../../../badges/verify/safe-fetch.ts';
import { deadOrigin, startSite, type TestSite } from './ob2-test-server.ts';

const NOW = new Date('2025-06-01T12:00:00Z');
const EMAIL = 'camille.dupont@example.org';
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const ALL_CHECKS: CheckId[] = [...CHECK_IDS];

let site: TestSite;
let other: TestSite;
let dead: string;
let key: IssuerKey;
let rogue: IssuerKey;
const fetcher = createFetcher({ allowLoopback: true, timeoutMs: 3_000 });

beforeAll(async () => {
  [site, other] = await Promise.all([startSite(), startSite()]);
  dead = await deadOrigin();
  key = generateRsaKey('https://grange.example/issuer', '2025-01-01T00:00:00Z');
  rogue = generateRsaKey('https://grange.example/issuer', '2025-01-01T00:00:00Z');
});

afterAll(async () => {
  await Promise.all([site.close(), other.close()]);
});

function ctx(overrides: Partial<VerifyContext> = {}): VerifyContext {
  return { now: NOW, fetcher, didWebOverHttp: true, knownIssuers: [], ...overrides };
}

const asking = (value = EMAIL) => ctx({ recipient: { kind: 'email', value } });

interface Issuer {
  issuerId: string;
  badgeId: string;
  keyId: string;
  base: string;
}

/** Publishes an issuer Profile, its BadgeClass and its RSA key under `/<slug>/`. */
function publishIssuer(
  slug: string,
  options: {
    revocationListUrl?: string;
    verification?: { allowedOrigins?: string[]; startsWith?: string[] };
    keyOwner?: string;
    /** Publishes the key as retired on that date. */
    keyRetiredAt?: string;
  } = {},
): Issuer {
  const base = `${site.origin}/${slug}`;
  const issuerId = `${base}/issuer`;
  const keyId = `${base}/keys/1`;
  const badgeId = `${base}/badge`;
  site.publish(
    `/${slug}/issuer`,
    buildIssuerProfile({
      id: issuerId,
      name: 'Grange Numérique',
      url: site.origin,
      email: 'badges@grange.example',
      publicKeyIds: [keyId],
      ...(options.revocationListUrl ? { revocationListUrl: options.revocationListUrl } : {}),
      ...(options.verification ? { verification: options.verification } : {}),
    }),
  );
  site.publish(
    `/${slug}/keys/1`,
    buildCryptographicKey({
      id: keyId,
      ownerId: options.keyOwner ?? issuerId,
      publicKeyPem: key.publicKeyPem ?? '',
      ...(options.keyRetiredAt === undefined ? {} : { retiredAt: options.keyRetiredAt }),
    }),
  );
  site.publish(
    `/${slug}/badge`,
    buildBadgeClass({
      id: badgeId,
      name: 'Envoyer un mail professionnel',
      description: 'Rédiger et envoyer un mail avec une pièce jointe.',
      image: PNG,
      criteria: { narrative: 'A envoyé un mail avec objet, politesse et pièce jointe.' },
      issuerId,
    }),
  );
  return { issuerId, badgeId, keyId, base };
}

/** Issues a hosted assertion and publishes it at `path` on `host`. */
function issueHosted(
  issuer: Issuer,
  path: string,
  overrides: Partial<AssertionInput> = {},
  host: TestSite = site,
): Ob2Assertion {
  const assertion = buildAssertion({
    id: `${host.origin}${path}`,
    badgeClassId: issuer.badgeId,
    recipient: { kind: 'email', value: EMAIL, salt: 'c0ffee' },
    issuedOn: '2025-01-15T10:00:00Z',
    verification: { type: 'HostedBadge' },
    ...overrides,
  });
  host.publish(path, assertion);
  return assertion;
}

let uuidCounter = 0;

function signedAssertion(issuer: Issuer, overrides: Partial<AssertionInput> = {}): Ob2Assertion {
  uuidCounter += 1;
  return buildAssertion({
    id: `urn:uuid:0b3ad0f1-1f59-4c3a-9a55-${String(uuidCounter).padStart(12, '0')}`,
    badgeClassId: issuer.badgeId,
    recipient: { kind: 'email', value: EMAIL, salt: 'c0ffee' },
    issuedOn: '2025-01-15T10:00:00Z',
    verification: { type: 'SignedBadge', creator: issuer.keyId },
    ...overrides,
  });
}

function report(result: PipelineResult, context: VerifyContext): VerificationReport {
  expect(result.checks.map((c) => c.id).sort()).toEqual([...ALL_CHECKS].sort());
  return buildReport(result.checks, context.recipient !== undefined, result.summary);
}

async function hosted(
  input: { url: string } | { assertion: unknown },
  context = ctx(),
): Promise<VerificationReport> {
  return report(await verifyOb2Hosted(input, context, 'url' in input ? 'url' : 'json'), context);
}

async function signed(jws: string, context = ctx()): Promise<VerificationReport> {
  return report(await verifyOb2Signed(jws, context, 'jws'), context);
}

function status(result: VerificationReport, id: CheckId): CheckStatus | undefined {
  return result.checks.find((c) => c.id === id)?.status;
}

function detail(result: VerificationReport, id: CheckId): string {
  return result.checks.find((c) => c.id === id)?.detail ?? '';
}

function b64(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString(
    'base64url',
  );
}

describe('OB 2.0 hosted badges', () => {
  it('verifies an issued badge by URL: every check passed, summary filled', async () => {
    const issuer = publishIssuer('h-valid');
    const assertion = issueHosted(issuer, '/h-valid/assertions/1');
    const context = ctx({
      recipient: { kind: 'email', value: EMAIL },
      knownIssuers: [issuer.issuerId],
    });
    const result = await hosted({ url: assertion.id }, context);
    expect(result.verdict).toBe('valid');
    for (const id of ALL_CHECKS) expect(status(result, id), id).toBe('passed');
    expect(result.summary).toEqual({
      format: 'ob2-hosted',
      container: 'url',
      id: assertion.id,
      name: 'Envoyer un mail professionnel',
      description: 'Rédiger et envoyer un mail avec une pièce jointe.',
      achievementId: issuer.badgeId,
      issuerId: issuer.issuerId,
      issuerName: 'Grange Numérique',
      validFrom: '2025-01-15T10:00:00Z',
      image: PNG,
    });
  });

  it('verifies the JSON of an issued badge by fetching it again from its id', async () => {
    const issuer = publishIssuer('h-json');
    const assertion = issueHosted(issuer, '/h-json/assertions/1');
    const before = site.hits.get('/h-json/assertions/1') ?? 0;
    const result = await hosted({ assertion: structuredClone(assertion) }, asking());
    expect(result.verdict).toBe('valid');
    expect(status(result, 'proof')).toBe('passed');
    expect(site.hits.get('/h-json/assertions/1')).toBe(before + 1);
    expect(result.summary?.container).toBe('json');
  });

  it.each([
    [
      'recipient hash',
      (copy: Ob2Assertion) => {
        copy.recipient.identity = hashIdentity('email', 'intrus@example.org', 'c0ffee');
      },
      'intrus@example.org',
    ],
    [
      'issue date',
      (copy: Ob2Assertion) => {
        copy.issuedOn = '2024-01-01T00:00:00Z';
      },
      EMAIL,
    ],
  ])(
    'calls JSON with a changed %s invalid while the published copy is intact',
    async (name, alter, email) => {
      const slug = `h-altered-${name.replace(/\W/g, '-')}`;
      const issuer = publishIssuer(slug);
      const assertion = issueHosted(issuer, `/${slug}/assertions/1`);
      const copy = structuredClone(assertion);
      alter(copy);
      const result = await hosted({ assertion: copy }, asking(email));
      expect(result.verdict).toBe('invalid');
      expect(status(result, 'proof')).toBe('failed');
      expect(detail(result, 'proof')).toMatch(/recipient|issuedOn/);
    },
  );

  it('calls a badge served with 410 Gone revoked, with the reason, by JSON and by URL', async () => {
    const issuer = publishIssuer('h-gone');
    const assertion = issueHosted(issuer, '/h-gone/assertions/1');
    site.publish(
      '/h-gone/assertions/1',
      buildRevokedAssertionBody(assertion.id, 'Délivré par erreur'),
      410,
    );
    const byJson = await hosted({ assertion }, asking());
    expect(byJson.verdict).toBe('revoked');
    expect(status(byJson, 'not-revoked')).toBe('failed');
    const notRevoked = byJson.checks.find((c) => c.id === 'not-revoked');
    expect(notRevoked?.message.fr).toContain('Délivré par erreur');
    expect(notRevoked?.message.en).toContain('Délivré par erreur');
    // A displayer still shows what the badge was (OB 2.0 displayer certification).
    expect(byJson.summary?.name).toBe('Envoyer un mail professionnel');
    expect((await hosted({ url: assertion.id })).verdict).toBe('revoked');
  });

  it('calls a badge served with 410 and no body revoked', async () => {
    const issuer = publishIssuer('h-gone-empty');
    const assertion = issueHosted(issuer, '/h-gone-empty/assertions/1');
    site.publish('/h-gone-empty/assertions/1', '', 410);
    expect((await hosted({ url: assertion.id })).verdict).toBe('revoked');
    expect((await hosted({ assertion })).verdict).toBe('revoked');
  });

  it('calls a badge whose published body says revoked: true revoked', async () => {
    const issuer = publishIssuer('h-flag');
    const assertion = issueHosted(issuer, '/h-flag/assertions/1');
    site.publish('/h-flag/assertions/1', {
      ...assertion,
      revoked: true,
      revocationReason: 'Fraude',
    });
    const byJson = await hosted({ assertion }, asking());
    expect(byJson.verdict).toBe('revoked');
    // Revocation adds `revoked` to the published copy: that is not an alteration of the badge.
    expect(status(byJson, 'proof')).toBe('passed');
    expect(byJson.checks.find((c) => c.id === 'not-revoked')?.message.fr).toContain('Fraude');
    expect((await hosted({ url: assertion.id })).verdict).toBe('revoked');

    site.publish(
      '/h-flag/assertions/2',
      buildRevokedAssertionBody(`${site.origin}/h-flag/assertions/2`, 'x'),
    );
    expect((await hosted({ url: `${site.origin}/h-flag/assertions/2` })).verdict).toBe('revoked');
  });

  it('calls an expired badge expired and a future one not yet valid', async () => {
    const issuer = publishIssuer('h-dates');
    const expired = issueHosted(issuer, '/h-dates/assertions/1', {
      expires: '2025-03-01T00:00:00Z',
    });
    const expiredReport = await hosted({ url: expired.id });
    expect(expiredReport.verdict).toBe('expired');
    expect(expiredReport.checks.find((c) => c.id === 'dates')).toMatchObject({
      status: 'failed',
      reason: 'expired',
    });
    const future = issueHosted(issuer, '/h-dates/assertions/2', {
      issuedOn: '2025-09-01T00:00:00Z',
    });
    expect((await hosted({ url: future.id })).verdict).toBe('not-yet-valid');
    const current = issueHosted(issuer, '/h-dates/assertions/3', {
      expires: '2026-01-01T00:00:00Z',
    });
    expect((await hosted({ url: current.id })).verdict).toBe('valid');
  });

  it('says wrong recipient for another email, and accepts the right one in any case or spacing', async () => {
    const issuer = publishIssuer('h-recipient');
    const assertion = issueHosted(issuer, '/h-recipient/assertions/1');
    const wrong = await hosted({ url: assertion.id }, asking('dominique@example.org'));
    expect(wrong.verdict).toBe('wrong-recipient');
    expect(status(wrong, 'recipient')).toBe('failed');
    expect(status(wrong, 'proof')).toBe('passed');
    const sloppy = await hosted({ url: assertion.id }, asking('  Camille.DUPONT@Example.ORG '));
    expect(sloppy.verdict).toBe('valid');
    expect(status(sloppy, 'recipient')).toBe('passed');
    const phone = await hosted(
      { url: assertion.id },
      ctx({ recipient: { kind: 'telephone', value: '+33600000000' } }),
    );
    expect(phone.verdict).toBe('wrong-recipient');
  });

  it('refuses an assertion hosted on another origin than its issuer', async () => {
    const issuer = publishIssuer('h-foreign');
    const assertion = issueHosted(issuer, '/h-foreign/assertions/1', {}, other);
    const result = await hosted({ url: assertion.id });
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'issuer-key')).toBe('failed');
    expect(detail(result, 'issuer-key')).toContain('allowed origins');
    expect(status(result, 'issuer-known')).toBe('could-not-check');
  });

  it("honours the issuer's allowedOrigins and startsWith", async () => {
    const allowed = publishIssuer('h-allowed', {
      verification: { allowedOrigins: [new URL(other.origin).host] },
    });
    const elsewhere = issueHosted(allowed, '/h-allowed/assertions/1', {}, other);
    expect((await hosted({ url: elsewhere.id })).verdict).toBe('valid');

    const prefixed = publishIssuer('h-prefix', {
      verification: { startsWith: [`${site.origin}/h-prefix/assertions/`] },
    });
    const inside = issueHosted(prefixed, '/h-prefix/assertions/1');
    expect((await hosted({ url: inside.id })).verdict).toBe('valid');
    const outside = issueHosted(prefixed, '/h-prefix/other/1');
    const refused = await hosted({ url: outside.id });
    expect(refused.verdict).toBe('invalid');
    expect(detail(refused, 'issuer-key')).toContain('startsWith');
  });

  it('refuses an assertion fetched from one URL that declares another id', async () => {
    const issuer = publishIssuer('h-moved');
    const assertion = issueHosted(issuer, '/h-moved/assertions/2');
    site.publish('/h-moved/assertions/1', assertion);
    const result = await hosted({ url: `${site.origin}/h-moved/assertions/1` });
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'proof')).toBe('failed');
  });

  it('refuses a BadgeClass pointing to a Profile that claims to be another issuer', async () => {
    const real = publishIssuer('h-real');
    const fake = publishIssuer('h-fake');
    // The impostor's Profile declares the real issuer's id.
    site.publish('/h-fake/issuer', {
      ...buildIssuerProfile({
        id: real.issuerId,
        name: 'Grange Numérique',
        url: site.origin,
        email: 'badges@grange.example',
      }),
    });
    const assertion = issueHosted(fake, '/h-fake/assertions/1');
    const result = await hosted({ url: assertion.id }, ctx({ knownIssuers: [real.issuerId] }));
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'issuer-key')).toBe('failed');
    expect(status(result, 'issuer-known')).toBe('could-not-check');
  });

  it('says invalid when the issuer does not publish the assertion the JSON points to', async () => {
    const issuer = publishIssuer('h-missing');
    const assertion = buildAssertion({
      id: `${site.origin}/h-missing/assertions/never-published`,
      badgeClassId: issuer.badgeId,
      recipient: { kind: 'email', value: EMAIL, salt: 'c0ffee' },
      issuedOn: '2025-01-15T10:00:00Z',
      verification: { type: 'HostedBadge' },
    });
    const result = await hosted({ assertion });
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'proof')).toBe('failed');
    expect((await hosted({ url: assertion.id })).verdict).toBe('invalid');
  });

  it('says could not check, never invalid, when the issuer site is down', async () => {
    const assertion = buildAssertion({
      id: `${dead}/assertions/1`,
      badgeClassId: `${dead}/badge`,
      recipient: { kind: 'email', value: EMAIL, salt: 'c0ffee' },
      issuedOn: '2025-01-15T10:00:00Z',
      verification: { type: 'HostedBadge' },
    });
    const byJson = await hosted({ assertion }, asking());
    expect(byJson.verdict).toBe('could-not-check');
    expect(status(byJson, 'parsed')).toBe('passed');
    expect(status(byJson, 'proof')).toBe('could-not-check');
    expect((await hosted({ url: assertion.id })).verdict).toBe('could-not-check');
  });

  it('says could not check when the BadgeClass is on a site that is down', async () => {
    const assertion = buildAssertion({
      id: `${site.origin}/h-badge-down/assertions/1`,
      badgeClassId: `${dead}/badge`,
      recipient: { kind: 'email', value: EMAIL, salt: 'c0ffee' },
      issuedOn: '2025-01-15T10:00:00Z',
      verification: { type: 'HostedBadge' },
    });
    site.publish('/h-badge-down/assertions/1', assertion);
    const result = await hosted({ url: assertion.id });
    expect(result.verdict).toBe('could-not-check');
    expect(status(result, 'structure')).toBe('could-not-check');
  });

  it('calls a published assertion missing required properties invalid', async () => {
    const issuer = publishIssuer('h-broken');
    const assertion = issueHosted(issuer, '/h-broken/assertions/1');
    const { recipient: _dropped, ...broken } = assertion;
    site.publish('/h-broken/assertions/1', { ...broken, issuedOn: '2025-01-15T10:00:00' });
    const result = await hosted({ url: assertion.id });
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'structure')).toBe('failed');
    expect(detail(result, 'structure')).toMatch(/recipient/);
    expect(detail(result, 'structure')).toMatch(/issuedOn/);
  });
});

describe('OB 2.0 signed badges', () => {
  function publishList(slug: string, revoked: { id: string; reason?: string }[]): string {
    const url = `${site.origin}/${slug}/revocations`;
    site.publish(
      `/${slug}/revocations`,
      buildRevocationList({ id: url, issuerId: `${site.origin}/${slug}/issuer`, revoked }),
    );
    return url;
  }

  it('verifies an issued badge: every check passed, summary filled', async () => {
    const issuer = publishIssuer('s-valid', { revocationListUrl: publishList('s-valid', []) });
    const assertion = signedAssertion(issuer);
    const jws = signAssertion(assertion, key);
    const context = ctx({
      recipient: { kind: 'email', value: EMAIL },
      knownIssuers: [issuer.issuerId],
    });
    const result = await signed(jws, context);
    expect(result.verdict).toBe('valid');
    for (const id of ALL_CHECKS) expect(status(result, id), id).toBe('passed');
    expect(result.summary).toMatchObject({
      format: 'ob2-signed',
      container: 'jws',
      id: assertion.id,
      name: 'Envoyer un mail professionnel',
      issuerName: 'Grange Numérique',
      issuerId: issuer.issuerId,
      validFrom: '2025-01-15T10:00:00Z',
    });
  });

  it('calls a changed payload or a changed signature byte invalid', async () => {
    const issuer = publishIssuer('s-tamper');
    const jws = signAssertion(signedAssertion(issuer), key);
    const [header = '', payload = '', signature = ''] = jws.split('.');
    const changed = { ...JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) };
    changed.issuedOn = '2024-01-15T10:00:00Z';
    const tamperedPayload = await signed(`${header}.${b64(changed)}.${signature}`);
    expect(tamperedPayload.verdict).toBe('invalid');
    expect(status(tamperedPayload, 'proof')).toBe('failed');

    const middle = Math.floor(signature.length / 2);
    const flipped = signature[middle] === 'A' ? 'B' : 'A';
    const badSignature = `${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
    const tamperedSignature = await signed(`${header}.${payload}.${badSignature}`);
    expect(tamperedSignature.verdict).toBe('invalid');
    expect(status(tamperedSignature, 'proof')).toBe('failed');
  });

  it("refuses alg 'none' and an HS256 token made with the issuer's public key", async () => {
    const issuer = publishIssuer('s-alg');
    const assertion = signedAssertion(issuer);
    const none = await signed(`${b64({ alg: 'none' })}.${b64(assertion)}.`);
    expect(none.verdict).toBe('invalid');
    expect(status(none, 'proof')).toBe('failed');

    const input = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(assertion)}`;
    const mac = createHmac('sha256', key.publicKeyPem ?? '')
      .update(input)
      .digest('base64url');
    const hs256 = await signed(`${input}.${mac}`);
    expect(hs256.verdict).toBe('invalid');
    expect(status(hs256, 'proof')).toBe('failed');
  });

  it('refuses a badge signed with a key the issuer does not list', async () => {
    const issuer = publishIssuer('s-rogue');
    const rogueKeyId = `${issuer.base}/keys/rogue`;
    site.publish(
      '/s-rogue/keys/rogue',
      buildCryptographicKey({
        id: rogueKeyId,
        ownerId: issuer.issuerId,
        publicKeyPem: rogue.publicKeyPem ?? '',
      }),
    );
    const assertion = signedAssertion(issuer, {
      verification: { type: 'SignedBadge', creator: rogueKeyId },
    });
    const result = await signed(signAssertion(assertion, rogue));
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'proof')).toBe('passed');
    expect(status(result, 'issuer-key')).toBe('failed');
    expect(detail(result, 'issuer-key')).toContain('does not list');
  });

  it('refuses an unlisted key even when it cannot be fetched', async () => {
    const issuer = publishIssuer('s-rogue-down');
    const assertion = signedAssertion(issuer, {
      verification: { type: 'SignedBadge', creator: `${dead}/keys/1` },
    });
    const result = await signed(signAssertion(assertion, rogue));
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'issuer-key')).toBe('failed');
    expect(status(result, 'proof')).toBe('could-not-check');
  });

  it('refuses a listed key whose owner is another issuer', async () => {
    const issuer = publishIssuer('s-owner', { keyOwner: `${site.origin}/someone-else/issuer` });
    const result = await signed(signAssertion(signedAssertion(issuer), key));
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'proof')).toBe('passed');
    expect(status(result, 'issuer-key')).toBe('failed');
    expect(detail(result, 'issuer-key')).toContain('owner');
  });

  it('keeps what a retired key signed before its retirement valid', async () => {
    const issuer = publishIssuer('s-retired-before', { keyRetiredAt: '2025-03-01T00:00:00Z' });
    const result = await signed(signAssertion(signedAssertion(issuer), key));
    expect(result.verdict).toBe('valid');
    expect(status(result, 'issuer-key')).toBe('passed');
  });

  it('refuses what a retired key signed on or after its retirement (issuer-key failed)', async () => {
    const retiredAt = '2025-03-01T00:00:00Z';
    const issuer = publishIssuer('s-retired-after', { keyRetiredAt: retiredAt });
    const late = signedAssertion(issuer, { issuedOn: '2025-04-02T10:00:00Z' });
    // The library itself refuses to sign with a retired key…
    expect(() => signAssertion(late, { ...key, retiredAt })).toThrow(/retired/);
    // …so play a thief who kept the private key and signs without the retirement date.
    const result = await signed(signAssertion(late, key));
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'proof')).toBe('passed');
    expect(status(result, 'issuer-key')).toBe('failed');
    expect(detail(result, 'issuer-key')).toContain('retired on 2025-03-01');
    const onTheDay = await signed(
      signAssertion(signedAssertion(issuer, { issuedOn: retiredAt }), key),
    );
    expect(status(onTheDay, 'issuer-key')).toBe('failed');
  });

  it('calls a badge in the revocation list revoked, by id, by plain string and by legacy uid', async () => {
    const listUrl = `${site.origin}/s-revoked/revocations`;
    const issuer = publishIssuer('s-revoked', { revocationListUrl: listUrl });
    const assertion = signedAssertion(issuer);
    const plain = signedAssertion(issuer);
    const legacy = { ...signedAssertion(issuer), uid: 'legacy-7' } as Ob2Assertion;
    const list = buildRevocationList({
      id: listUrl,
      issuerId: issuer.issuerId,
      revoked: [{ id: assertion.id, reason: 'Délivré par erreur' }, { id: plain.id }],
    });
    // Entries as {id} objects, plain strings and legacy {uid} objects all count.
    site.publish('/s-revoked/revocations', {
      ...list,
      revokedAssertions: [...list.revokedAssertions, { uid: 'legacy-7' }],
    });

    const result = await signed(signAssertion(assertion, key), asking());
    expect(result.verdict).toBe('revoked');
    expect(result.checks.find((c) => c.id === 'not-revoked')?.message.fr).toContain(
      'Délivré par erreur',
    );
    expect((await signed(signAssertion(plain, key))).verdict).toBe('revoked');
    expect((await signed(signAssertion(legacy, key))).verdict).toBe('revoked');
    expect((await signed(signAssertion(signedAssertion(issuer), key))).verdict).toBe('valid');
  });

  it('says could not check when the revocation list cannot be read', async () => {
    const failing = publishIssuer('s-list-503', {
      revocationListUrl: `${site.origin}/s-list-503/revocations`,
    });
    site.publish('/s-list-503/revocations', { error: 'maintenance' }, 503);
    const result = await signed(signAssertion(signedAssertion(failing), key));
    expect(result.verdict).toBe('could-not-check');
    expect(status(result, 'not-revoked')).toBe('could-not-check');
    expect(status(result, 'proof')).toBe('passed');

    const down = publishIssuer('s-list-down', { revocationListUrl: `${dead}/revocations` });
    const downResult = await signed(signAssertion(signedAssertion(down), key));
    expect(downResult.verdict).toBe('could-not-check');
  });

  it('calls an expired badge expired and one for another email wrong recipient', async () => {
    const issuer = publishIssuer('s-dates');
    const expired = signAssertion(
      signedAssertion(issuer, { expires: '2025-02-01T00:00:00Z' }),
      key,
    );
    expect((await signed(expired)).verdict).toBe('expired');
    const future = signAssertion(
      signedAssertion(issuer, { issuedOn: '2026-01-01T00:00:00Z' }),
      key,
    );
    expect((await signed(future)).verdict).toBe('not-yet-valid');
    const jws = signAssertion(signedAssertion(issuer), key);
    const wrong = await signed(jws, asking('dominique@example.org'));
    expect(wrong.verdict).toBe('wrong-recipient');
    expect((await signed(jws, asking(' CAMILLE.dupont@example.org'))).verdict).toBe('valid');
  });

  it('calls a signed badge without verification.creator malformed', async () => {
    const issuer = publishIssuer('s-no-creator');
    const assertion = signedAssertion(issuer);
    const withoutCreator = {
      ...assertion,
      verification: { type: 'SignedBadge' },
    } as unknown as Ob2Assertion;
    const result = await signed(signAssertion(withoutCreator, key));
    expect(result.verdict).toBe('invalid');
    expect(status(result, 'structure')).toBe('failed');
    expect(detail(result, 'structure')).toContain('creator');
  });

  it('says parsed failed for text that is not a JWS', async () => {
    for (const text of ['', 'abc', 'a.b.c', `${b64({ alg: 'RS256' })}.bm9wZQ.c2ln`]) {
      const result = await signed(text);
      expect(result.verdict).toBe('invalid');
      expect(status(result, 'parsed')).toBe('failed');
    }
  });
});
