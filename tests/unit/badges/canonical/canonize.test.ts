/**
 * The shape-template canonicalization (`badges/canonical/`) against the libraries' own path on
 * documents other than badges (status lists, proof options with rarer members), the cases it
 * must hand over to the libraries, and the assumption it rests on: no bundled context defines
 * a term that would make JSON-LD expand an absolute IRI value of ours.
 */
import { describe, expect, it } from 'vitest';
import {
  canonize,
  canonizeCounts,
  referenceCanonize,
} from '../../../../badges/canonical/canonize.ts';
import { readShape } from '../../../../badges/canonical/credential-shape.ts';
import { canonizeUniqueBlankNodes } from '../../../../badges/canonical/rdfc-unique.ts';
import { BUNDLED_CONTEXTS } from '../../../../badges/contexts/bundled-contexts.ts';
import { createDocumentLoader } from '../../../../badges/contexts/document-loader.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { createStatusList } from '../../../../badges/status/status-list.ts';
import { unsignedStatusListCredential } from '../../../../badges/status/status-list-credential.ts';
import { sampleInput } from '../ob3/sample-input.ts';

const { documentLoader } = createDocumentLoader();
const options = { documentLoader };

async function sameAsReference(document: unknown): Promise<void> {
  expect(await canonize(document, options)).toBe(await referenceCanonize(document, options));
}

describe('canonize', () => {
  it('gives the reference N-Quads for a status list credential and rarer proof options', async () => {
    const list = createStatusList({ id: 'https://grange.example/status/1' });
    list.revoke(list.allocate());
    const statusList = unsignedStatusListCredential(
      list,
      'did:web:grange.example',
      '2026-03-04T10:00:00Z',
      '2026-04-04T10:00:00Z',
    );
    await sameAsReference(statusList);
    const before = canonizeCounts.template;
    await sameAsReference({
      '@context': statusList['@context'],
      type: 'DataIntegrityProof',
      created: '2026-03-04T10:00:00Z',
      expires: '2027-03-04T10:00:00Z',
      verificationMethod: 'did:web:grange.example#z6MkexampleKey',
      cryptosuite: 'eddsa-rdfc-2022',
      proofPurpose: 'assertionMethod',
      domain: 'https://verifier.example',
      challenge: 'a "challenge"\nwith a newline',
    });
    expect(canonizeCounts.template).toBe(before + 1);
  });

  it('hands a value JSON-LD would not keep as it is to the libraries, with the same result', async () => {
    const credential = buildOpenBadgeCredential(sampleInput());
    await canonize(credential, options);
    const before = { ...canonizeCounts };
    // A blank-node id where the shape has an IRI: the template cannot stand for it.
    const odd = structuredClone(credential) as unknown as {
      credentialSubject: { achievement: { image: { id: string } } };
    };
    odd.credentialSubject.achievement.image.id = '_:image';
    await sameAsReference(odd);
    expect(canonizeCounts.reference).toBe(before.reference + 1);
  });

  it('labels look-alike blank nodes through the full algorithm, with the same result', async () => {
    const input = sampleInput();
    const alignment = input.achievement.alignments[0];
    if (alignment === undefined) throw new Error('the sample has an alignment');
    const credential = buildOpenBadgeCredential({
      ...input,
      achievement: { ...input.achievement, alignments: [alignment, { ...alignment }] },
    });
    const before = canonizeCounts.templateFullLabelling;
    await sameAsReference(credential);
    expect(canonizeCounts.templateFullLabelling).toBe(before + 1);
    expect(
      canonizeUniqueBlankNodes([
        ['<urn:x>', '<urn:p>', '_:b0', ''],
        ['<urn:x>', '<urn:p>', '_:b1', ''],
      ]),
    ).toBeUndefined();
  });
});

describe('readShape', () => {
  const credential = buildOpenBadgeCredential(sampleInput());

  it('gives two credentials differing only in values one shape', () => {
    const other = buildOpenBadgeCredential(
      sampleInput({ id: 'urn:uuid:0b8b3a5e-6f5d-4d2a-9d1e-0c9f8e7d6c5b', name: 'Autre' }),
    );
    expect(readShape(other)?.key).toBe(readShape(credential)?.key);
    expect(readShape(other)?.values).not.toEqual(readShape(credential)?.values);
  });

  it('keeps types, and the scheme of each value, in the shape', () => {
    const typed = { ...credential, type: ['VerifiableCredential', 'AchievementCredential'] };
    expect(readShape(typed)?.key).not.toBe(readShape(credential)?.key);
    const didSubject = {
      ...credential,
      credentialSubject: { ...credential.credentialSubject, id: 'did:example:learner' },
    };
    expect(readShape(didSubject)?.key).not.toBe(readShape(credential)?.key);
  });

  it('takes no document with an unbundled or nested context, or values JSON would not carry', () => {
    expect(readShape({ ...credential, '@context': ['https://example.org/ctx'] })).toBeUndefined();
    expect(
      readShape({ ...credential, evidence: [{ '@context': { x: 'https://x/' }, x: 'y' }] }),
    ).toBeUndefined();
    expect(readShape({ ...credential, validFrom: new Date() })).toBeUndefined();
    // A kept value that looks like a marker could be taken for one.
    expect(
      readShape({ ...credential, type: ['VerifiableCredential', 'urn:grange-slot:0'] }),
    ).toBeUndefined();
    expect(readShape({ ...credential, name: undefined })).toBeUndefined();
  });
});

describe('the bundled contexts', () => {
  it('define no term that an absolute IRI value of ours could be read as', () => {
    const schemes = new Set(['http', 'https', 'urn', 'did', 'data']);
    const offending: string[] = [];
    const walk = (value: unknown, where: string): void => {
      if (Array.isArray(value)) {
        value.forEach((item, i) => {
          walk(item, `${where}[${i}]`);
        });
      }
      if (typeof value !== 'object' || value === null) return;
      for (const [key, member] of Object.entries(value)) {
        if (schemes.has(key) || /^(https?:\/\/|urn:|did:|data:)/.test(key)) {
          offending.push(`${where}.${key}`);
        }
        walk(member, `${where}.${key}`);
      }
    };
    for (const [url, document] of BUNDLED_CONTEXTS) walk(document, url);
    expect(offending).toEqual([]);
  });
});
