/**
 * A signed CLR 2.0 record for the CLR suites: two OB 3.0 badges of one learner, signed by a
 * did:web issuer whose DID document is preloaded (no network), a skill of each badge and a
 * prerequisite between the skills.
 */
import { buildClrCredential, type ClrCredential } from '../../../badges/clr/build-clr.ts';
import { buildControllerDocument } from '../../../badges/issuer/issuer.ts';
import { generateEd25519Key, type IssuerKey, publicPart } from '../../../badges/keys/issuer-key.ts';
import { buildOpenBadgeCredential } from '../../../badges/ob3/build-credential.ts';
import { signCredentialDataIntegrity } from '../../../badges/ob3/data-integrity.ts';
import type { VerifyOptions } from '../../../badges/verify/verify-credential.ts';
import { SAMPLE_EMAIL, SAMPLE_ISSUER, sampleInput } from '../../unit/badges/ob3/sample-input.ts';

export const NOW = new Date('2026-06-01T00:00:00Z');
export const LEARNER_EMAIL = SAMPLE_EMAIL;
const BASE = 'https://grange.example';

export const BADGE_IDS = [
  `${BASE}/badges/definitions/a/courriel`,
  `${BASE}/badges/definitions/a/web`,
];
export const SKILL_IDS = [`${BASE}/skills/a/ecrire`, `${BASE}/skills/a/naviguer`];

export type SignedClr = ClrCredential & { proof: unknown[] };

/** @returns the issuer's key and a signed record holding two signed badges. */
export async function signedClr(): Promise<{ key: IssuerKey; clr: SignedClr }> {
  const key = await generateEd25519Key(SAMPLE_ISSUER.id, '2026-01-01T00:00:00Z');
  const badges = await Promise.all(
    BADGE_IDS.map(async (id, index) => {
      const base = sampleInput({ credentialStatus: undefined });
      return signCredentialDataIntegrity(
        buildOpenBadgeCredential({
          ...base,
          id: `urn:uuid:00000000-0000-4000-8000-00000000000${index + 1}`,
          name: index === 0 ? 'Envoyer un courriel' : 'Naviguer sur le web',
          achievement: {
            ...base.achievement,
            id,
            name: index === 0 ? 'Envoyer un courriel' : 'Naviguer sur le web',
            levels: [],
          },
          result: undefined,
          recipient: { kind: 'email', value: LEARNER_EMAIL, salt: `sel-${index}` },
        }),
        key,
        { now: new Date('2026-03-04T10:00:00Z') },
      );
    }),
  );
  const clr = buildClrCredential({
    id: 'urn:uuid:11111111-1111-4111-8111-111111111111',
    issuer: SAMPLE_ISSUER,
    name: 'Passeport de compétences — Camille',
    recipient: { kind: 'email', value: LEARNER_EMAIL, salt: 'sel-clr' },
    credentials: badges,
    achievements: SKILL_IDS.map((id, index) => ({
      id,
      name: index === 0 ? 'Écrire un courriel' : 'Naviguer',
      description: 'Une compétence.',
      criteriaNarrative: 'Validée par un médiateur.',
      achievementType: 'Competency' as const,
      alignments: [],
    })),
    associations: [
      {
        associationType: 'isChildOf',
        sourceId: SKILL_IDS[0] as string,
        targetId: BADGE_IDS[0] as string,
      },
      {
        associationType: 'isParentOf',
        sourceId: BADGE_IDS[0] as string,
        targetId: SKILL_IDS[0] as string,
      },
      {
        associationType: 'isChildOf',
        sourceId: SKILL_IDS[1] as string,
        targetId: BADGE_IDS[1] as string,
      },
      {
        associationType: 'precedes',
        sourceId: SKILL_IDS[1] as string,
        targetId: SKILL_IDS[0] as string,
      },
    ],
    validFrom: '2026-05-01T00:00:00Z',
  });
  const signed = await signCredentialDataIntegrity(clr, key, {
    now: new Date('2026-05-01T00:00:00Z'),
  });
  return { key, clr: signed };
}

/** Verifier options for records signed by `key`: its DID document known, no network. */
export function offline(key: IssuerKey, extra: VerifyOptions = {}): VerifyOptions {
  return {
    now: NOW,
    knownIssuers: [SAMPLE_ISSUER.id],
    preloaded: new Map([
      [SAMPLE_ISSUER.id, buildControllerDocument(SAMPLE_ISSUER.id, [publicPart(key)])],
    ]),
    ...extra,
  };
}
