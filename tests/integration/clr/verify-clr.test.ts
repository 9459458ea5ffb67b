/**
 * CLR 2.0: a signed record verifies, with one check per credential inside it; tampering with
 * any embedded credential or with the record itself makes it invalid, naming what changed; a
 * baked PNG (`clrcredential`) verifies the same; the Digital Credentials Consortium library
 * verifies the record's proof.
 */
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import { describe, expect, it } from 'vitest';
import { bakePng } from '../../../badges/baking/png.ts';
import { createDocumentLoader } from '../../../badges/contexts/document-loader.ts';
import { renderBadgePng } from '../../../badges/images/badge-png.ts';
import { renderBadgeSvg } from '../../../badges/images/badge-svg.ts';
import { signCredentialDataIntegrity } from '../../../badges/ob3/data-integrity.ts';
import type { Check, VerificationReport } from '../../../badges/verify/report.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { BADGE_IDS, LEARNER_EMAIL, NOW, offline, signedClr } from './clr-fixture.ts';

function checksOf(report: VerificationReport, id: Check['id']): Check[] {
  return report.checks.filter((c) => c.id === id);
}

function status(report: VerificationReport, id: Check['id']): string | undefined {
  return checksOf(report, id)[0]?.status;
}

describe('CLR 2.0 record', () => {
  it('verifies: its own checks pass and each embedded badge is verified on its own', async () => {
    const { key, clr } = await signedClr();
    const report = await verifyCredential(clr, offline(key));
    expect(report.verdict).toBe('valid');
    expect(report.summary).toMatchObject({ format: 'clr-json', name: clr.name });
    for (const id of [
      'parsed',
      'structure',
      'proof',
      'issuer-key',
      'not-revoked',
      'dates',
    ] as const) {
      expect(status(report, id), id).toBe('passed');
    }
    const embedded = checksOf(report, 'embedded-credential');
    expect(embedded.map((c) => c.embedded?.credentialId)).toEqual(
      clr.credentialSubject.verifiableCredential.map((c) => c.id),
    );
    expect(embedded.every((c) => c.status === 'passed' && c.embedded?.verdict === 'valid')).toBe(
      true,
    );
    expect(embedded[0]?.message.fr).toContain('« Envoyer un courriel »');
    expect(report.embedded?.map((r) => r.verdict)).toEqual(['valid', 'valid']);
  });

  it('checks the learner against the record and every badge in it', async () => {
    const { key, clr } = await signedClr();
    expect(
      (await verifyCredential(clr, offline(key, { email: ` ${LEARNER_EMAIL.toUpperCase()} ` })))
        .verdict,
    ).toBe('valid');
    const other = await verifyCredential(clr, offline(key, { email: 'quelqu.un@example.org' }));
    expect(other.verdict).toBe('wrong-recipient');
    expect(status(other, 'recipient')).toBe('failed');
  });

  it.each([0, 1])(
    'is invalid when one byte of embedded credential %i is changed, and says which',
    async (index) => {
      const { key, clr } = await signedClr();
      const tampered = structuredClone(clr);
      const target = tampered.credentialSubject.verifiableCredential[index] as {
        name: string;
        id: string;
      };
      target.name = `${target.name.slice(0, -1)}${target.name.endsWith('e') ? 'f' : 'e'}`;
      const report = await verifyCredential(tampered, offline(key));
      expect(report.verdict).toBe('invalid');
      const embedded = checksOf(report, 'embedded-credential');
      const failed = embedded.filter((c) => c.status === 'failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]?.embedded).toMatchObject({ credentialId: target.id, verdict: 'invalid' });
      expect(failed[0]?.detail).toContain(target.id);
      expect(failed[0]?.detail).toContain('proof');
      // The other credential is still genuine; the record's own signature covers the change too.
      expect(embedded.filter((c) => c.status === 'passed')).toHaveLength(1);
      expect(status(report, 'proof')).toBe('failed');
      expect(report.embedded?.[index]?.verdict).toBe('invalid');
    },
  );

  it('is invalid when an embedded credential is re-signed by the record issuer after a change', async () => {
    // The record's proof is then intact (re-signed too), so only the badge's own check can catch a
    // badge whose proof no longer matches: here the inner proof is kept while its content changed.
    const { key, clr } = await signedClr();
    const copy = structuredClone(clr) as Record<string, unknown> & typeof clr;
    const inner = copy.credentialSubject.verifiableCredential[1] as { name: string; id: string };
    inner.name = 'Un autre badge';
    const { proof: _dropped, ...unsigned } = copy;
    const resigned = await signCredentialDataIntegrity(unsigned, key, {
      now: new Date('2026-05-02T00:00:00Z'),
    });
    const report = await verifyCredential(resigned, offline(key));
    expect(status(report, 'proof')).toBe('passed');
    expect(report.verdict).toBe('invalid');
    const failed = checksOf(report, 'embedded-credential').filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.embedded?.credentialId)).toEqual([inner.id]);
  });

  it("is invalid when the record's own content is changed", async () => {
    const { key, clr } = await signedClr();
    const report = await verifyCredential({ ...clr, name: `${clr.name}.` }, offline(key));
    expect(report.verdict).toBe('invalid');
    expect(status(report, 'proof')).toBe('failed');
    expect(checksOf(report, 'embedded-credential').every((c) => c.status === 'passed')).toBe(true);
  });

  it('refuses an association that names an achievement the record does not hold', async () => {
    const { key, clr } = await signedClr();
    const { proof: _dropped, ...unsigned } = structuredClone(clr);
    unsigned.credentialSubject.association?.push({
      type: 'Association',
      associationType: 'precedes',
      sourceId: 'https://grange.example/skills/inconnue',
      targetId: BADGE_IDS[0] as string,
    });
    const resigned = await signCredentialDataIntegrity(unsigned, key, {
      now: new Date('2026-05-02T00:00:00Z'),
    });
    const report = await verifyCredential(resigned, offline(key));
    expect(report.verdict).toBe('invalid');
    expect(status(report, 'structure')).toBe('failed');
    expect(checksOf(report, 'structure')[0]?.detail).toContain('skills/inconnue');
  });

  it('verifies the same record baked in a PNG (clrcredential)', async () => {
    const { key, clr } = await signedClr();
    const png = renderBadgePng(renderBadgeSvg({ color: '#2a6f97', icon: 'star' }), 128);
    const baked = bakePng(png, 'clrcredential', JSON.stringify(clr));
    const report = await verifyCredential(new Uint8Array(baked), offline(key));
    expect(report.verdict).toBe('valid');
    expect(report.summary).toMatchObject({ format: 'clr-json', container: 'png' });
    const forged = bakePng(
      png,
      'clrcredential',
      JSON.stringify(clr).replace('Naviguer sur le web', 'Naviguer sur le wed'),
    );
    expect((await verifyCredential(new Uint8Array(forged), offline(key))).verdict).toBe('invalid');
  });

  it("verifies with @digitalcredentials/vc (the wallet's library)", async () => {
    const { key, clr } = await signedClr();
    const { documentLoader } = createDocumentLoader({ preloaded: offline(key).preloaded });
    const result = await dccVc.verifyCredential({
      credential: clr,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader,
      now: NOW,
    });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const tampered = await dccVc.verifyCredential({
      credential: { ...clr, name: 'Autre' },
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader,
      now: NOW,
    });
    expect(tampered.verified).toBe(false);
  });
});
