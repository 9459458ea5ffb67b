/**
 * Fuzzing `verifyCredential` from a forger's side, beyond the leaf and byte flips of
 * tests/integration/badges/verify/fuzz.test.ts: fields added, removed and spliced from another
 * badge, proofs swapped or joined by a forged one, dates, issuer, recipient and status entry
 * changed, JWS headers forged (alg none, HS256 keyed with the public key, an impostor's kid or
 * embedded key), in every container. A badge whose signed content changed is never "valid"
 * (judged independently: canonical N-Quads for Data Integrity, the bytes for a JWS), a change
 * that keeps it (member order, whitespace) keeps it valid, and the verifier never trips on a
 * bug of its own.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../badges/verify/verify-credential.ts';
import {
  applyJsonOp,
  applyJwsOp,
  contain,
  containerArb,
  type FuzzCredentials,
  internalErrorOf,
  issueFuzzCredentials,
  jsonOpArb,
  jwsOpArb,
  pathCount,
  sameSignedJws,
  signedQuads,
  sortedJson,
  stillSignedAsOriginal,
} from './support/fuzz-credentials.ts';

/** Runs are multiplied by FUZZ_SCALE (default 1): FUZZ_SCALE=10 makes a longer soak. */
const FUZZ_SCALE = Number(process.env.FUZZ_SCALE ?? 1);

let badges: FuzzCredentials;
let ob3Quads: string;

beforeAll(async () => {
  badges = await issueFuzzCredentials();
  ob3Quads = (await signedQuads(badges.ob3)) as string;
}, 60_000);
afterAll(async () => {
  await badges?.close();
});

async function verify(input: unknown) {
  const report = await verifyCredential(input, badges.options);
  expect(internalErrorOf(report), 'the verifier tripped on a bug of its own').toBeUndefined();
  expect(report.message.fr).not.toBe('');
  return report;
}

describe('verifyCredential against a forger', () => {
  it('starts from genuine badges, and refuses a proof by a key the issuer does not publish', async () => {
    for (const badge of [badges.ob3, badges.jwt, badges.ob2Hosted, badges.ob2Signed]) {
      expect((await verify(badge)).verdict).toBe('valid');
    }
    expect(ob3Quads).toContain('OpenBadgeCredential');
    for (const forged of [badges.ob3RogueKey, badges.ob3ForeignKey]) {
      const report = await verify(forged);
      expect(report.verdict).toBe('invalid');
      expect(report.checks.find((c) => c.id === 'issuer-key')?.status).toBe('failed');
    }
  });

  it('never says valid when an OB 3.0 badge’s signed content or proof changed', async () => {
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonOpArb, { minLength: 1, maxLength: 3 }),
        containerArb,
        async (ops, container) => {
          let credential = structuredClone(badges.ob3);
          for (const op of ops) credential = applyJsonOp(credential, op, badges);
          const genuine = await stillSignedAsOriginal(credential, badges.ob3, ob3Quads);
          const report = await verify(contain(credential, container, '3.0'));
          if (!genuine) {
            changed += 1;
            expect(report.verdict).not.toBe('valid');
          }
        },
      ),
      { numRuns: 200 * FUZZ_SCALE },
    );
    expect(changed).toBeGreaterThan(100);
  }, 180_000);

  it('never says valid when any one value of an OB 3.0 badge is retyped ("42" ↔ 42)', async () => {
    // Every member in turn, not a sample: a canonicalisation that ignored JSON types would
    // sign "42" and 42 alike.
    for (let at = 0; at < pathCount(badges.ob3); at++) {
      const credential = applyJsonOp(structuredClone(badges.ob3), { kind: 'retype', at }, badges);
      const report = await verify(credential);
      if (!(await stillSignedAsOriginal(credential, badges.ob3, ob3Quads))) {
        expect(report.verdict, JSON.stringify(credential).slice(0, 200)).not.toBe('valid');
      }
    }
  }, 180_000);

  it('keeps an OB 3.0 badge valid when only its member order or whitespace changed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), containerArb, async (seed, container) => {
        const credential = applyJsonOp(
          structuredClone(badges.ob3),
          { kind: 'reorder', seed },
          badges,
        );
        expect(await stillSignedAsOriginal(credential, badges.ob3, ob3Quads)).toBe(true);
        expect((await verify(contain(credential, container, '3.0'))).verdict).toBe('valid');
      }),
      { numRuns: 12 * FUZZ_SCALE },
    );
  }, 180_000);

  it('never says valid when a VC-JWT or an OB 2.0 signed badge’s signed bytes changed', async () => {
    const tokens = {
      '3.0': [badges.jwt, badges.jwtOther],
      '2.0': [badges.ob2Signed, badges.ob2Signed],
    } as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('3.0' as const, '2.0' as const),
        fc.array(jwsOpArb, { minLength: 1, maxLength: 2 }),
        containerArb,
        async (version, ops, container) => {
          const [original, other] = tokens[version];
          let jws: string = original;
          for (const op of ops) jws = applyJwsOp(jws, op, badges, other);
          const report = await verify(contain(jws, container, version));
          if (!sameSignedJws(jws, original)) expect(report.verdict).not.toBe('valid');
          // The same signed bytes written differently (padding) may be refused, never forged.
          if (jws === original) expect(report.verdict).toBe('valid');
        },
      ),
      { numRuns: 200 * FUZZ_SCALE },
    );
  }, 180_000);

  it('never says valid when a hosted OB 2.0 assertion differs from the one its issuer hosts', async () => {
    const original = sortedJson(badges.ob2Hosted);
    await fc.assert(
      fc.asyncProperty(
        fc.array(jsonOpArb, { minLength: 1, maxLength: 3 }),
        containerArb,
        async (ops, container) => {
          let assertion = structuredClone(badges.ob2Hosted);
          for (const op of ops) assertion = applyJsonOp(assertion, op, badges);
          const report = await verify(contain(assertion, container, '2.0'));
          if (sortedJson(assertion) !== original) expect(report.verdict).not.toBe('valid');
          else expect(report.verdict).toBe('valid');
        },
      ),
      { numRuns: 80 * FUZZ_SCALE },
    );
  }, 180_000);

  it('answers "invalid", not "could not check", to the forgeries the fuzz found', async () => {
    // Members named toString made String() throw inside the verifier (see badges/verify/printable.ts).
    const hostile = { toString: 1 };
    const header = applyJwsOp(
      badges.ob2Signed,
      { kind: 'header', header: { alg: hostile } },
      badges,
      badges.ob2Signed,
    );
    const hostedId = { ...badges.ob2Hosted, id: hostile };
    const proofType = {
      ...badges.ob3,
      proof: [{ ...(badges.ob3.proof as object[])[0], type: hostile }],
    };
    const jwtAlg = applyJwsOp(
      badges.jwt,
      { kind: 'header', header: { alg: hostile } },
      badges,
      badges.jwt,
    );
    for (const forged of [header, hostedId, proofType, jwtAlg]) {
      expect((await verify(forged)).verdict).toBe('invalid');
    }
  });

  it('never says valid, nor trips, on badge-shaped JSON with arbitrary members', async () => {
    const contexts = [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      'https://w3id.org/openbadges/v2',
    ];
    const shaped = fc.record(
      {
        '@context': fc.subarray(contexts),
        type: fc.subarray(['VerifiableCredential', 'OpenBadgeCredential', 'Assertion']),
        id: fc.oneof(fc.webUrl(), fc.jsonValue()),
        issuer: fc.oneof(fc.constant(badges.ob3.issuer), fc.jsonValue({ maxDepth: 2 })),
        credentialSubject: fc.jsonValue({ maxDepth: 2 }),
        credentialStatus: fc.oneof(fc.constant(badges.ob3.credentialStatus), fc.jsonValue()),
        proof: fc.oneof(
          fc.constant(badges.ob3.proof),
          fc.jsonValue({ maxDepth: 2 }),
          fc.constantFrom({ type: { toString: 1 } }, [{ cryptosuite: [] }], { proofValue: 7 }),
        ),
        validFrom: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.jsonValue(),
        ),
        recipient: fc.jsonValue({ maxDepth: 2 }),
        badge: fc.jsonValue({ maxDepth: 2 }),
        verification: fc.jsonValue({ maxDepth: 2 }),
      },
      { requiredKeys: ['@context'] },
    );
    await fc.assert(
      fc.asyncProperty(shaped, containerArb, async (value, container) => {
        const version = value['@context'].includes(contexts[2] as string) ? '2.0' : '3.0';
        const report = await verify(contain(value as Record<string, unknown>, container, version));
        expect(report.verdict).not.toBe('valid');
      }),
      { numRuns: 150 * FUZZ_SCALE },
    );
  }, 180_000);
});
