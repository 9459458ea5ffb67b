/**
 * Grange's verifier on the Open Badges 3.0 specification's own JSON examples (the appendix
 * "Examples" of the specification, as written in its source and as its published build signed
 * them, and the implementation guide's issuer quickstart), with no network at all. For each,
 * the test states what an honest verifier must say; where the spec's signatures are involved,
 * @digitalcredentials/vc (Data Integrity) or jsonwebtoken (VC-JWT) must agree with it.
 * Provenance of every file: tests/fixtures/ob3-spec/README.md.
 */
import { createPublicKey, type JsonWebKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../../../badges/contexts/document-loader.ts';
import { buildControllerDocument } from '../../../../badges/issuer/issuer.ts';
import type { Check, CheckId, VerificationReport } from '../../../../badges/verify/report.ts';
import type { Fetcher } from '../../../../badges/verify/safe-fetch.ts';
import { verifyCredential } from '../../../../badges/verify/verify-credential.ts';

type Json = Record<string, unknown>;

const NOW = new Date('2026-06-01T00:00:00Z');
const EXAMPLES = new URL('../../../fixtures/ob3-spec/examples/', import.meta.url);

function example<T = Json>(file: string): T {
  return JSON.parse(readFileSync(new URL(file, EXAMPLES), 'utf8')) as T;
}

/** Verifies with a fetcher that reaches nothing: every request is refused and remembered. */
async function verifyOffline(
  input: unknown,
  preloaded?: ReadonlyMap<string, unknown>,
): Promise<{ report: VerificationReport; requested: string[] }> {
  const requested: string[] = [];
  const fetcher: Fetcher = async (url) => {
    requested.push(url);
    return { ok: false, url, reason: 'network', detail: 'offline test: no network' };
  };
  const report = await verifyCredential(input, {
    now: NOW,
    fetcher,
    ...(preloaded ? { preloaded } : {}),
  });
  return { report, requested };
}

function statuses(report: VerificationReport): Record<string, string> {
  return Object.fromEntries(report.checks.map((c) => [c.id, c.status]));
}

function checkOf(report: VerificationReport, id: CheckId): Check {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no ${id} check in the report`);
  return found;
}

function issuerIdOf(credential: Json): string {
  const issuer = credential.issuer as { id: string };
  return issuer.id;
}

function proofOf(credential: Json): Json {
  const [proof] = credential.proof as Json[];
  if (!proof) throw new Error('no proof');
  return proof;
}

/**
 * The controller document the issuer would serve at its URL, publishing the Multikey the proof
 * names as `<issuer id>#<publicKeyMultibase>` (the form of the spec's examples and test vector).
 * The spec's issuers are not online: this is the document a verifier would have fetched.
 */
function issuerDocumentFor(credential: Json): Map<string, unknown> {
  const method = proofOf(credential).verificationMethod as string;
  const [controller = '', publicKeyMultibase] = method.split('#');
  const document = buildControllerDocument(controller, [
    {
      id: method,
      controller,
      algorithm: 'Ed25519',
      createdAt: '2024-01-01T00:00:00Z',
      ...(publicKeyMultibase ? { publicKeyMultibase } : {}),
    },
  ]);
  return new Map([[controller, document]]);
}

/** @digitalcredentials/vc's verdict on the signature alone, with the same documents and no network. */
async function dccVerifies(credential: Json, preloaded: ReadonlyMap<string, unknown>) {
  const result = await dccVc.verifyCredential({
    credential: structuredClone(credential),
    suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
    documentLoader: createDocumentLoader({ preloaded }).documentLoader,
    // Only the signature is compared here: the examples' revocation lists are not online.
    checkStatus: async () => ({ verified: true }),
    now: NOW,
  });
  return result.verified === true;
}

function withoutProof(credential: Json): Json {
  const { proof: _proof, ...rest } = credential;
  return rest;
}

const NOT_SIGNED = 'This badge is not signed.';

describe('unsigned examples of the specification (appendix Examples)', () => {
  const cases = [
    ['basic-openbadgecredential.json', 'Teamwork Badge'],
    ['complete-openbadgecredential.json', '1EdTech University Degree for Example Student'],
    ['endorsementcredential.json', 'SDE endorsement'],
    ['skill-assertion-case.json', 'Robot Programming Skill Credential'],
  ] as const;

  it.each(cases)('%s: well formed, not signed, so never valid', async (file, name) => {
    const { report, requested } = await verifyOffline(example(file));
    expect(checkOf(report, 'parsed').status).toBe('passed');
    expect(checkOf(report, 'structure')).toMatchObject({ status: 'passed' });
    expect(checkOf(report, 'proof')).toMatchObject({
      status: 'failed',
      message: { en: NOT_SIGNED },
    });
    expect(checkOf(report, 'issuer-key').status).toBe('failed');
    expect(report.verdict).toBe('invalid');
    expect(report.summary).toMatchObject({ format: 'ob3-json', name });
    // Nothing an unsigned credential names (issuer, revocation list) is worth fetching.
    expect(requested).toEqual([]);
  });

  it('an EndorsementCredential whose subject names nothing endorsed is malformed', async () => {
    const endorsement = example('endorsementcredential.json');
    const { id: _id, ...subject } = endorsement.credentialSubject as Json;
    const { report } = await verifyOffline({ ...endorsement, credentialSubject: subject });
    expect(checkOf(report, 'structure')).toMatchObject({
      status: 'failed',
      detail: 'credentialSubject.id: Invalid input: expected string, received undefined',
    });
  });
});

describe('signed examples of the specification (published build, eddsa-rdfc-2022)', () => {
  // [signed file, source file, whether it names a revocation list (1EdTechRevocationList)]
  const cases = [
    ['basic-openbadgecredential.signed.json', 'basic-openbadgecredential.json', false],
    ['complete-openbadgecredential.signed.json', 'complete-openbadgecredential.json', true],
    ['endorsementcredential.signed.json', 'endorsementcredential.json', true],
    ['skill-assertion-case.signed.json', 'skill-assertion-case.json', false],
  ] as const;

  describe.each(cases)('%s', (file, sourceFile, hasRevocationList) => {
    const signed = example(file);
    const issuerId = issuerIdOf(signed);

    it('is the source example with one Data Integrity proof by a key of its issuer', () => {
      expect(withoutProof(signed)).toEqual(example(sourceFile));
      expect(signed.proof).toHaveLength(1);
      expect(proofOf(signed)).toMatchObject({
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        proofPurpose: 'assertionMethod',
      });
      expect(proofOf(signed).verificationMethod).toMatch(new RegExp(`^${issuerId}#z6Mk`));
    });

    it('offline, without the issuer document: could not check, never valid by guess', async () => {
      const { report, requested } = await verifyOffline(signed);
      expect(statuses(report)).toMatchObject({
        parsed: 'passed',
        structure: 'passed',
        proof: 'could-not-check',
        'issuer-key': 'could-not-check',
        dates: 'passed',
      });
      expect(report.verdict).toBe('could-not-check');
      // The key in the fragment is not trusted: the verifier asked the issuer for its document.
      expect(requested).toContain(issuerId);
    });

    it('with the issuer document: the signature verifies, the verdict follows status and dates', async () => {
      const { report, requested } = await verifyOffline(signed, issuerDocumentFor(signed));
      expect(statuses(report)).toMatchObject({
        parsed: 'passed',
        structure: 'passed',
        proof: 'passed',
        'issuer-key': 'passed',
        'not-revoked': hasRevocationList ? 'could-not-check' : 'passed',
        dates: 'passed',
      });
      if (hasRevocationList) {
        // The 1EdTechRevocationList lives on the example issuer's site, which is not online.
        const status = signed.credentialStatus as { id: string };
        expect(requested).toEqual([status.id]);
        expect(report.verdict).toBe('could-not-check');
      } else {
        expect(requested).toEqual([]);
        expect(report.verdict).toBe('valid');
      }
    });

    it('@digitalcredentials/vc agrees that the signature is genuine', async () => {
      expect(await dccVerifies(signed, issuerDocumentFor(signed))).toBe(true);
    });

    it('an altered copy is invalid, for both verifiers', async () => {
      const altered = { ...signed, name: `${String(signed.name)} (edited)` };
      const { report } = await verifyOffline(altered, issuerDocumentFor(signed));
      expect(checkOf(report, 'proof').status).toBe('failed');
      expect(report.verdict).toBe('invalid');
      expect(await dccVerifies(altered, issuerDocumentFor(signed))).toBe(false);
    });
  });
});

describe('VC-JWT examples of the specification (published build, RS256, key in the jwk header)', () => {
  const cases = [
    ['basic-openbadgecredential.vc-jwt.json', 'basic-openbadgecredential.json'],
    ['complete-openbadgecredential.vc-jwt.json', 'complete-openbadgecredential.json'],
  ] as const;

  function parts(token: string): { header: Json; payload: Json; signature: string } {
    const [header = '', payload = '', signature = ''] = token.split('.');
    return {
      header: JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as Json,
      payload: JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Json,
      signature,
    };
  }

  /** jsonwebtoken's answer with the key the header carries, algorithm pinned. */
  function jsonwebtokenVerifies(token: string): boolean {
    const { header } = parts(token);
    try {
      const key = createPublicKey({ key: header.jwk as JsonWebKey, format: 'jwk' });
      jwt.verify(token, key, {
        algorithms: ['RS256'],
        ignoreNotBefore: true,
        ignoreExpiration: true,
      });
      return true;
    } catch {
      return false;
    }
  }

  describe.each(cases)('%s', (file, sourceFile) => {
    const token = example<string>(file);
    const source = example(sourceFile);

    it('carries the source example with iss, jti and sub but no nbf, signed by the header key', () => {
      const { header, payload } = parts(token);
      expect(Object.keys(header).sort()).toEqual(['alg', 'jwk', 'typ']);
      expect(header.alg).toBe('RS256');
      const { iss, jti, sub, ...credential } = payload;
      expect(credential).toEqual(source);
      expect({ iss, jti, sub }).toEqual({
        iss: issuerIdOf(source),
        jti: source.id,
        sub: (source.credentialSubject as Json).id,
      });
      // OB 3.0 §8.2.4.1: "The JSON object MUST have the nbf claim"; this example has none.
      expect(payload.nbf).toBeUndefined();
      expect(jsonwebtokenVerifies(token)).toBe(true);
    });

    it('is invalid: the required nbf claim is missing and the key is only self-asserted', async () => {
      const { report, requested } = await verifyOffline(token);
      expect(statuses(report)).toMatchObject({
        parsed: 'passed',
        structure: 'passed',
        proof: 'failed',
        'issuer-key': 'failed',
        dates: 'passed',
      });
      expect(report.summary).toMatchObject({ format: 'ob3-jwt', container: 'jws' });
      // The signature itself is good (jsonwebtoken agrees above): what fails is the claims.
      expect(checkOf(report, 'proof').detail).toContain('nbf is undefined');
      expect(checkOf(report, 'issuer-key').message.en).toBe(
        'The key comes with the badge itself: nothing ties it to the issuer.',
      );
      expect(report.verdict).toBe('invalid');
      expect(requested).toEqual([]);
    });

    it('an altered copy fails on its signature, for both verifiers', async () => {
      const [header, , signature] = token.split('.');
      const { payload } = parts(token);
      const forged = Buffer.from(
        JSON.stringify({ ...payload, name: 'Leadership Badge' }),
        'utf8',
      ).toString('base64url');
      const altered = `${header}.${forged}.${signature}`;
      expect(jsonwebtokenVerifies(altered)).toBe(false);
      const { report } = await verifyOffline(altered);
      expect(checkOf(report, 'proof')).toMatchObject({
        status: 'failed',
        detail: 'invalid signature',
      });
      expect(report.verdict).toBe('invalid');
    });
  });
});

describe('implementation guide, issuer quickstart (getting-started)', () => {
  const credential = example('impl-signed-credential.json');
  const profile = example('impl-issuer-profile.json');
  // The guide's issuer profile is its DID document: given to the verifier as if fetched.
  const preloaded = new Map([[profile.id as string, profile]]);

  it('the "signed" credential is malformed and its proof illustrative: invalid', async () => {
    const { report, requested } = await verifyOffline(credential, preloaded);
    expect(checkOf(report, 'parsed').status).toBe('passed');
    const structure = checkOf(report, 'structure');
    expect(structure.status).toBe('failed');
    // `identifier` is one object, not the array the model requires; the achievement's `type` is "".
    expect(structure.detail).toContain('credentialSubject.identifier');
    expect(structure.detail).toContain(
      'credentialSubject.achievement.type: type must include Achievement',
    );
    // "eddsa-rdf-2022" is no cryptosuite (openbadges.md §3.5 item 5): the proof proves nothing.
    expect(checkOf(report, 'proof')).toMatchObject({
      status: 'failed',
      detail: 'proof types: DataIntegrityProof/eddsa-rdf-2022',
    });
    expect(report.verdict).toBe('invalid');
    expect(requested).toEqual([]);
  });

  it('@digitalcredentials/vc does not verify that proof either, with the same profile', async () => {
    expect(await dccVerifies(credential, preloaded)).toBe(false);
  });

  it('an altered copy is not valid either', async () => {
    const { report } = await verifyOffline({ ...credential, name: 'Basic Shoe Tie' }, preloaded);
    expect(checkOf(report, 'proof').status).toBe('failed');
    expect(report.verdict).toBe('invalid');
  });

  it('an Achievement definition is not a credential: said plainly, without throwing', async () => {
    const { report, requested } = await verifyOffline(example('impl-achievement.json'));
    expect(report.checks).toEqual([
      expect.objectContaining({
        id: 'parsed',
        status: 'failed',
        detail: 'this JSON is not an Open Badge (neither 2.0 nor 3.0)',
      }),
    ]);
    expect(report.verdict).toBe('invalid');
    expect(requested).toEqual([]);
  });

  it('an issuer profile is not a credential either: its structure says why', async () => {
    const { report } = await verifyOffline(profile);
    const structure = checkOf(report, 'structure');
    expect(structure.status).toBe('failed');
    expect(structure.detail).toContain('type: type must include VerifiableCredential');
    expect(report.verdict).toBe('invalid');
  });
});
