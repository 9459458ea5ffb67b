/**
 * A complete, deterministic OB 3.0 builder input shared by the OB 3.0 tests.
 */
import type { IssuerProfile } from '../../../../badges/issuer/issuer.ts';
import type { BuildCredentialInput } from '../../../../badges/ob3/build-credential.ts';

export const SAMPLE_EMAIL = 'camille.martin@example.org';

export const SAMPLE_ISSUER: IssuerProfile = {
  id: 'did:web:grange.example',
  name: 'Grange Numérique',
  url: 'https://grange.example',
  email: 'contact@grange.example',
  description: 'Tiers-lieu numérique',
  image: 'https://grange.example/logo.png',
};

const ACHIEVEMENT_ID = 'https://grange.example/achievements/mail-basics';

/**
 * @param overrides members replacing the sample's.
 * @returns a full input: levels, result, alignments, evidence, status entry.
 */
export function sampleInput(overrides: Partial<BuildCredentialInput> = {}): BuildCredentialInput {
  return {
    id: 'urn:uuid:3f0e5f4c-8f0a-4d3e-9c55-1b2f6f8e9a01',
    issuer: SAMPLE_ISSUER,
    achievement: {
      id: ACHIEVEMENT_ID,
      name: 'Envoyer un courriel',
      description: 'Rédiger et envoyer un courriel avec une pièce jointe.',
      criteriaNarrative: 'A envoyé trois courriels avec pièce jointe devant un médiateur.',
      criteriaUrl: 'https://grange.example/achievements/mail-basics/criteria',
      image: 'https://grange.example/achievements/mail-basics.png',
      achievementType: 'Competency',
      alignments: [
        {
          targetName: 'Communiquer par courriel',
          targetUrl: 'https://pix.fr/competences/2.1',
          targetCode: '2.1',
          targetFramework: 'Pix',
        },
      ],
      levels: [
        { id: `${ACHIEVEMENT_ID}#level-1`, name: 'Découverte', level: '1' },
        { id: `${ACHIEVEMENT_ID}#level-2`, name: 'Autonome', level: '2' },
      ],
      tags: ['courriel', 'bureautique'],
      inLanguage: 'fr',
      version: 'sha256-1a2b3c',
    },
    recipient: { kind: 'email', value: SAMPLE_EMAIL, salt: 'b1c2d3e4f5a6b7c8' },
    subjectId: 'urn:uuid:6c1d2b55-0c8e-4a51-9d7f-2f4a0a7b1c11',
    result: { levelId: `${ACHIEVEMENT_ID}#level-2` },
    evidence: [{ name: 'Observation', narrative: 'Observé en atelier le 3 mars.' }],
    validFrom: '2026-03-04T10:00:00Z',
    awardedDate: '2026-03-04T10:00:00Z',
    name: 'Envoyer un courriel — Grange Numérique',
    description: 'Badge délivré par Grange Numérique.',
    credentialStatus: {
      id: 'https://grange.example/status/1#42',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '42',
      statusListCredential: 'https://grange.example/status/1',
    },
    ...overrides,
  };
}
