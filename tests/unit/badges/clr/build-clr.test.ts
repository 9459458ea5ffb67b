/**
 * The CLR 2.0 builder (pure): the record's shape, the learner only as a salted hash, and the
 * caller's mistakes refused before anything is signed.
 */
import { describe, expect, it } from 'vitest';
import { type BuildClrInput, buildClrCredential } from '../../../../badges/clr/build-clr.ts';
import { hashIdentity } from '../../../../badges/recipient/identity-hash.ts';
import { SAMPLE_EMAIL, SAMPLE_ISSUER } from '../ob3/sample-input.ts';

const BADGE = 'https://grange.example/badges/definitions/a/b';
const SKILL = 'https://grange.example/competences/a/s';

function input(overrides: Partial<BuildClrInput> = {}): BuildClrInput {
  return {
    id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
    issuer: SAMPLE_ISSUER,
    name: 'Relevé',
    recipient: { kind: 'email', value: SAMPLE_EMAIL, salt: 'sel' },
    credentials: [
      {
        id: 'urn:uuid:1',
        credentialSubject: { achievement: { id: BADGE } },
        proof: [{ type: 'DataIntegrityProof' }],
      },
    ],
    achievements: [
      { id: SKILL, name: 'S', description: 'S', criteriaNarrative: 'n', alignments: [] },
    ],
    associations: [{ associationType: 'isChildOf', sourceId: SKILL, targetId: BADGE }],
    validFrom: '2026-05-01T00:00:00Z',
    ...overrides,
  };
}

describe('buildClrCredential', () => {
  it('builds a ClrCredential with the CLR 2.0.1 context and a hashed learner', () => {
    const clr = buildClrCredential(input());
    expect(clr['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.credentialSubject.identifier[0]?.identityHash).toBe(
      hashIdentity('email', SAMPLE_EMAIL, 'sel'),
    );
    expect(JSON.stringify(clr)).not.toContain(SAMPLE_EMAIL);
    expect(clr.credentialSubject.association).toEqual([
      { type: 'Association', associationType: 'isChildOf', sourceId: SKILL, targetId: BADGE },
    ]);
    expect(clr.credentialSubject.achievement?.[0]).toMatchObject({
      id: SKILL,
      type: ['Achievement'],
    });
  });

  it('refuses an unsigned credential, an association outside the record and a date without zone', () => {
    expect(() => buildClrCredential(input({ credentials: [{ id: 'urn:uuid:2' }] }))).toThrow(
      /no proof/,
    );
    expect(() =>
      buildClrCredential(
        input({
          associations: [
            {
              associationType: 'precedes',
              sourceId: 'https://elsewhere.example/x',
              targetId: BADGE,
            },
          ],
        }),
      ),
    ).toThrow(/not in the record/);
    expect(() => buildClrCredential(input({ validFrom: '2026-05-01T00:00:00' }))).toThrow(
      /time zone/,
    );
  });
});
