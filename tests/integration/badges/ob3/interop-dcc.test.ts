/**
 * Interoperability: what Grange signs verifies with the Digital Credentials Consortium stack
 * (@digitalcredentials/vc, used by the Learner Credential Wallet and VerifierPlus), what that
 * stack signs verifies with Grange's verifier, and Grange's verifier and signer agree with the
 * Open Badges 3.0 specification's own Data Integrity test vector.
 */
import { readFileSync } from 'node:fs';
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import * as DccEd25519Multikey from '@digitalcredentials/ed25519-multikey';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../../../badges/contexts/document-loader.ts';
import { buildControllerDocument } from '../../../../badges/issuer/issuer.ts';
import {
  generateEd25519Key,
  type IssuerKey,
  publicPart,
} from '../../../../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import { verifyOb3Json } from '../../../../badges/ob3/verify-ob3.ts';
import type { VerifyContext } from '../../../../badges/verify/pipeline.ts';
import { buildReport, type CheckId } from '../../../../badges/verify/report.ts';
import { createFetcher } from '../../../../badges/verify/safe-fetch.ts';
import { SAMPLE_EMAIL, sampleInput } from '../../../unit/badges/ob3/sample-input.ts';

const NOW = new Date('2026-06-01T00:00:00Z');
const SIGNED_AT = new Date('2026-03-04T10:00:00Z');
const FIXTURES = new URL('../../../fixtures/ob3-spec/', import.meta.url);

function context(overrides: Partial<VerifyContext> = {}): VerifyContext {
  return {
    now: NOW,
    // Nothing here needs the network: did:key resolves locally, the rest is preloaded.
    fetcher: createFetcher({ allowLoopback: false, timeoutMs: 1_000 }),
    didWebOverHttp: false,
    knownIssuers: [],
    ...overrides,
  };
}

function statuses(checks: { id: CheckId; status: string }[]): Record<string, string> {
  return Object.fromEntries(checks.map((c) => [c.id, c.status]));
}

describe('Grange → Digital Credentials Consortium', () => {
  const issuerId = 'did:web:grange.example';

  async function signed(): Promise<{ credential: Record<string, unknown>; key: IssuerKey }> {
    const key = await generateEd25519Key(issuerId, '2026-01-01T00:00:00Z');
    const credential = buildOpenBadgeCredential(
      sampleInput({
        issuer: { id: issuerId, name: 'Grange', url: 'https://grange.example' },
        credentialStatus: undefined,
      }),
    );
    return {
      credential: await signCredentialDataIntegrity(credential, key, { now: SIGNED_AT }),
      key,
    };
  }

  function dccLoader(key: IssuerKey) {
    // Our loader: bundled contexts only, plus the issuer's DID document (no network).
    return createDocumentLoader({
      preloaded: new Map([[issuerId, buildControllerDocument(issuerId, [publicPart(key)])]]),
    }).documentLoader;
  }

  it('verifies with @digitalcredentials/vc and its eddsa-rdfc-2022 cryptosuite', async () => {
    const { credential, key } = await signed();
    const result = await dccVc.verifyCredential({
      credential,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader: dccLoader(key),
      now: NOW,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('is rejected by @digitalcredentials/vc once altered (the check can fail)', async () => {
    const { credential, key } = await signed();
    const result = await dccVc.verifyCredential({
      credential: { ...credential, name: 'Autre badge' },
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader: dccLoader(key),
      now: NOW,
    });
    expect(result.verified).toBe(false);
  });
});

describe('Digital Credentials Consortium → Grange', () => {
  async function dccSigned(): Promise<Record<string, unknown>> {
    const keyPair = await DccEd25519Multikey.generate();
    const did = `did:key:${keyPair.publicKeyMultibase}`;
    keyPair.id = `${did}#${keyPair.publicKeyMultibase}`;
    keyPair.controller = did;
    const credential = buildOpenBadgeCredential(
      sampleInput({
        issuer: { id: did, name: 'DCC test issuer', url: 'https://dcc.example' },
        credentialStatus: undefined,
      }),
    );
    return dccVc.issue({
      credential: structuredClone(credential) as Record<string, unknown>,
      suite: new DccDataIntegrityProof({
        signer: keyPair.signer(),
        cryptosuite: dccEddsaRdfc2022,
        date: SIGNED_AT,
      }),
      documentLoader: createDocumentLoader().documentLoader,
    });
  }

  it('verifies a credential signed by @digitalcredentials/vc with a did:key issuer', async () => {
    const credential = await dccSigned();
    const ctx = context({ recipient: { kind: 'email', value: SAMPLE_EMAIL } });
    const result = await verifyOb3Json(credential, ctx);
    const report = buildReport(result.checks, true, result.summary);
    expect(statuses(report.checks)).toEqual({
      parsed: 'passed',
      structure: 'passed',
      proof: 'passed',
      'issuer-key': 'passed',
      'issuer-known': 'could-not-check',
      'not-revoked': 'passed',
      dates: 'passed',
      recipient: 'passed',
    });
    expect(report.verdict).toBe('valid');
  });

  it('rejects that credential once altered', async () => {
    const credential = await dccSigned();
    const result = await verifyOb3Json(
      { ...credential, validFrom: '2026-01-01T00:00:00Z' },
      context(),
    );
    expect(statuses(result.checks).proof).toBe('failed');
  });
});

describe('Open Badges 3.0 specification test vector (impl guide, Linked Data Proof)', () => {
  type Vector = {
    keyPair: {
      id: string;
      controller: string;
      publicKeyMultibase: string;
      secretKeyMultibase: string;
    };
    credential: Record<string, unknown>;
    proofOptions: Record<string, string>;
    proofValue: string;
  };
  const vector = JSON.parse(
    readFileSync(new URL('linked-data-proof-ob.json', FIXTURES), 'utf8'),
  ) as Vector;
  const specKey: IssuerKey = {
    id: vector.keyPair.id,
    controller: vector.keyPair.controller,
    algorithm: 'Ed25519',
    createdAt: '2010-01-01T00:00:00Z',
    publicKeyMultibase: vector.keyPair.publicKeyMultibase,
    secretKeyMultibase: vector.keyPair.secretKeyMultibase,
  };
  const signedCredential = {
    ...vector.credential,
    proof: { ...vector.proofOptions, proofValue: vector.proofValue },
  };
  // The spec's issuer (example.edu) is not online: its controller document is given to the verifier.
  const preloaded = new Map([
    [specKey.controller, buildControllerDocument(specKey.controller, [publicPart(specKey)])],
  ]);

  it("verifies the specification's signed credential", async () => {
    const result = await verifyOb3Json(signedCredential, context({ preloaded }));
    expect(statuses(result.checks)).toMatchObject({
      parsed: 'passed',
      structure: 'passed',
      proof: 'passed',
      'issuer-key': 'passed',
      'not-revoked': 'passed',
      dates: 'passed',
    });
    expect(buildReport(result.checks, false, result.summary).verdict).toBe('valid');
    expect(result.summary).toMatchObject({ name: 'Teamwork Badge', issuerName: 'Example Corp' });
  });

  it("rejects the specification's credential once altered", async () => {
    const altered = { ...signedCredential, name: 'Leadership Badge' };
    const result = await verifyOb3Json(altered, context({ preloaded }));
    expect(statuses(result.checks).proof).toBe('failed');
  });

  it("reproduces the specification's proofValue byte for byte when signing with its key", async () => {
    const ours = await signCredentialDataIntegrity(vector.credential, specKey, {
      now: new Date(vector.proofOptions.created as string),
    });
    expect(ours.proof).toEqual([{ ...vector.proofOptions, proofValue: vector.proofValue }]);
  });
});
