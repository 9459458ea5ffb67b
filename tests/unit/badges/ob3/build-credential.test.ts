import { describe, expect, it } from 'vitest';
import { generateEd25519Key } from '../../../../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../../badges/ob3/data-integrity.ts';
import { checkOb3Shape } from '../../../../badges/ob3/ob3-schema.ts';
import { identityMatches } from '../../../../badges/recipient/identity-hash.ts';
import { SAMPLE_EMAIL, sampleInput } from './sample-input.ts';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

describe('buildOpenBadgeCredential', () => {
  it('orders the contexts VC 2.0 then OB 3.0.3 and adds nothing else', () => {
    const credential = buildOpenBadgeCredential(sampleInput());
    expect(credential['@context']).toEqual([VC_V2, OB_303]);
  });

  it('has the required members and array types (§3.2–3.4)', () => {
    const credential = buildOpenBadgeCredential(sampleInput());
    expect(credential.id).toBe('urn:uuid:3f0e5f4c-8f0a-4d3e-9c55-1b2f6f8e9a01');
    expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(credential.validFrom).toBe('2026-03-04T10:00:00Z');
    expect(credential.name).toBe('Envoyer un courriel — Grange Numérique');
    expect(credential.issuer).toEqual({
      id: 'did:web:grange.example',
      type: ['Profile'],
      name: 'Grange Numérique',
      url: 'https://grange.example',
      email: 'contact@grange.example',
      description: 'Tiers-lieu numérique',
      image: { id: 'https://grange.example/logo.png', type: 'Image' },
    });
    const subject = credential.credentialSubject;
    expect(subject.type).toEqual(['AchievementSubject']);
    expect(subject.id).toBe('urn:uuid:6c1d2b55-0c8e-4a51-9d7f-2f4a0a7b1c11');
    const achievement = subject.achievement;
    expect(achievement.type).toEqual(['Achievement']);
    expect(achievement.achievementType).toBe('Competency');
    expect(achievement.criteria).toEqual({
      id: 'https://grange.example/achievements/mail-basics/criteria',
      narrative: 'A envoyé trois courriels avec pièce jointe devant un médiateur.',
    });
    expect(achievement.image).toEqual({
      id: 'https://grange.example/achievements/mail-basics.png',
      type: 'Image',
    });
    expect(achievement.alignment).toEqual([
      {
        type: ['Alignment'],
        targetName: 'Communiquer par courriel',
        targetUrl: 'https://pix.fr/competences/2.1',
        targetCode: '2.1',
        targetFramework: 'Pix',
      },
    ]);
    expect(achievement.tag).toEqual(['courriel', 'bureautique']);
    expect(achievement.inLanguage).toBe('fr');
    expect(achievement.version).toBe('sha256-1a2b3c');
    expect(credential.evidence).toEqual([
      { type: ['Evidence'], name: 'Observation', narrative: 'Observé en atelier le 3 mars.' },
    ]);
    expect(credential.credentialStatus?.statusListIndex).toBe('42');
    expect(checkOb3Shape(credential)).toBeUndefined();
  });

  it('turns levels into one RubricCriterionLevel result description and points the result at it', () => {
    const credential = buildOpenBadgeCredential(sampleInput());
    const descriptions = credential.credentialSubject.achievement.resultDescription ?? [];
    expect(descriptions).toHaveLength(1);
    const [description] = descriptions;
    expect(description?.resultType).toBe('RubricCriterionLevel');
    expect(description?.type).toEqual(['ResultDescription']);
    expect(description?.rubricCriterionLevel.map((l) => [l.id, l.type, l.name, l.level])).toEqual([
      [
        'https://grange.example/achievements/mail-basics#level-1',
        ['RubricCriterionLevel'],
        'Découverte',
        '1',
      ],
      [
        'https://grange.example/achievements/mail-basics#level-2',
        ['RubricCriterionLevel'],
        'Autonome',
        '2',
      ],
    ]);
    expect(credential.credentialSubject.result).toEqual([
      {
        type: ['Result'],
        resultDescription: description?.id,
        achievedLevel: 'https://grange.example/achievements/mail-basics#level-2',
        status: 'Completed',
      },
    ]);
  });

  it('hashes the recipient and never writes the email in clear', () => {
    const input = sampleInput({
      recipient: { kind: 'email', value: '  Camille.Martin@Example.ORG ', salt: 'pepper' },
    });
    const credential = buildOpenBadgeCredential(input);
    const [identity] = credential.credentialSubject.identifier;
    expect(identity).toMatchObject({
      type: 'IdentityObject',
      hashed: true,
      identityType: 'emailAddress',
      salt: 'pepper',
    });
    expect(identity?.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(
      identityMatches('email', SAMPLE_EMAIL, identity?.identityHash ?? '', true, 'pepper'),
    ).toBe(true);
    const json = JSON.stringify(credential).toLowerCase();
    expect(json).not.toContain('camille.martin');
    expect(json).not.toContain('@example.org');
  });

  it('matches the OB 3.0 identityHash test vector (a@example.com + Kosher)', () => {
    const credential = buildOpenBadgeCredential(
      sampleInput({ recipient: { kind: 'email', value: 'a@example.com', salt: 'Kosher' } }),
    );
    expect(credential.credentialSubject.identifier[0]?.identityHash).toBe(
      'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
    );
  });

  it('uses identityType "identifier" for a phone number or URL', () => {
    const credential = buildOpenBadgeCredential(
      sampleInput({ recipient: { kind: 'telephone', value: '+33 6 12 34 56 78', salt: 's' } }),
    );
    expect(credential.credentialSubject.identifier[0]?.identityType).toBe('identifier');
    expect(JSON.stringify(credential)).not.toContain('612345678');
  });

  it('omits undefined and empty members, and defaults achievementType to Badge', () => {
    const base = sampleInput();
    const credential = buildOpenBadgeCredential({
      id: base.id,
      issuer: { id: 'https://grange.example', name: 'Grange', url: 'https://grange.example' },
      achievement: {
        id: base.achievement.id,
        name: 'Badge',
        description: 'Un badge.',
        criteriaNarrative: 'Critères.',
        alignments: [],
        levels: [],
        tags: [],
      },
      recipient: base.recipient,
      validFrom: base.validFrom,
      name: 'Badge',
    });
    expect(Object.keys(credential).sort()).toEqual(
      ['@context', 'credentialSubject', 'id', 'issuer', 'name', 'type', 'validFrom'].sort(),
    );
    expect(credential.issuer).toEqual({
      id: 'https://grange.example',
      type: ['Profile'],
      name: 'Grange',
      url: 'https://grange.example',
    });
    expect(Object.keys(credential.credentialSubject).sort()).toEqual([
      'achievement',
      'identifier',
      'type',
    ]);
    expect(credential.credentialSubject.achievement).toEqual({
      id: base.achievement.id,
      type: ['Achievement'],
      achievementType: 'Badge',
      name: 'Badge',
      description: 'Un badge.',
      criteria: { narrative: 'Critères.' },
    });
    expect(JSON.stringify(credential)).not.toContain('null');
  });

  it('refuses a result level the achievement does not have, and dates without a time zone', () => {
    expect(() =>
      buildOpenBadgeCredential(sampleInput({ result: { levelId: 'https://elsewhere.example#x' } })),
    ).toThrow(/not one of the achievement's levels/);
    expect(() =>
      buildOpenBadgeCredential(sampleInput({ validFrom: '2026-03-04T10:00:00' })),
    ).toThrow(/time zone/);
  });

  it('is pure: the same input gives the same JSON', () => {
    expect(JSON.stringify(buildOpenBadgeCredential(sampleInput()))).toBe(
      JSON.stringify(buildOpenBadgeCredential(sampleInput())),
    );
  });

  it('uses only terms its contexts define: signing (JSON-LD safe mode) accepts it', async () => {
    const credential = buildOpenBadgeCredential(sampleInput());
    const key = await generateEd25519Key(credential.issuer.id, '2026-01-01T00:00:00Z');
    const signed = await signCredentialDataIntegrity(credential, key, {
      now: new Date('2026-03-04T10:00:00Z'),
    });
    expect(signed.proof).toHaveLength(1);
    // An undefined term is refused in safe mode, which is what protects us here.
    await expect(
      signCredentialDataIntegrity({ ...credential, grade: 'A' }, key, {
        now: new Date('2026-03-04T10:00:00Z'),
      }),
    ).rejects.toThrow();
  });
});
