/**
 * Builds an unsigned CLR 2.0 `ClrCredential` (openbadges.md §4): one record bundling a
 * learner's Open Badges 3.0 credentials exactly as they were issued (each keeps its own proof),
 * the achievements behind them (a badge's skills) and the associations between achievements
 * (a skill is part of a badge, a prerequisite precedes a skill). Pure: ids, dates and the salt
 * come from the caller, so the same input always gives the same JSON. Signed afterwards with
 * `signCredentialDataIntegrity`, like a badge.
 */
import { CLR_CONTEXT, OB3_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled-contexts.ts';
import type { IssuerProfile } from '../issuer/issuer.ts';
import { type AchievementInput, buildAchievement, buildProfile } from '../ob3/build-credential.ts';
import type { Ob3Achievement, Ob3Profile } from '../ob3/credential-types.ts';
import { hashIdentity, type IdentifierKind } from '../recipient/identity-hash.ts';

/** The association types of CLR 2.0 (`AssociationType` enumeration). */
export const ASSOCIATION_TYPES = [
  'exactMatchOf',
  'isChildOf',
  'isParentOf',
  'isPartOf',
  'isPeerOf',
  'isRelatedTo',
  'precedes',
  'replacedBy',
] as const;

export type AssociationType = (typeof ASSOCIATION_TYPES)[number];

export type ClrAssociation = {
  type: 'Association';
  associationType: AssociationType;
  /** The id of an achievement of the record. */
  sourceId: string;
  /** The id of another achievement of the record. */
  targetId: string;
};

export type ClrIdentityObject = {
  type: 'IdentityObject';
  hashed: true;
  identityHash: string;
  identityType: 'emailAddress' | 'identifier';
  salt: string;
};

export type ClrSubject = {
  id?: string;
  type: ['ClrSubject'];
  identifier: ClrIdentityObject[];
  achievement?: Ob3Achievement[];
  /** The learner's credentials, as issued (signed JSON objects). */
  verifiableCredential: Record<string, unknown>[];
  association?: ClrAssociation[];
};

export type ClrCredential = {
  '@context': [typeof VC_V2_CONTEXT, typeof CLR_CONTEXT, typeof OB3_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'ClrCredential'];
  name: string;
  description?: string;
  issuer: Ob3Profile;
  validFrom: string;
  validUntil?: string;
  /** True when the record leaves out some of the learner's achievements on purpose. */
  partial?: boolean;
  credentialSubject: ClrSubject;
};

export type BuildClrInput = {
  /** `urn:uuid:…` */
  id: string;
  issuer: IssuerProfile;
  name: string;
  description?: string;
  /** The learner's identifier to hash, with a fresh salt: never written in clear. */
  recipient: { kind: IdentifierKind; value: string; salt: string };
  subjectId?: string;
  /** Signed OB 3.0 credentials of this learner, embedded untouched. */
  credentials: readonly Record<string, unknown>[];
  /** Achievements the record describes besides the credentials' own (e.g. skills). */
  achievements: readonly AchievementInput[];
  associations: readonly Omit<ClrAssociation, 'type'>[];
  /** ISO 8601 with a time zone. */
  validFrom: string;
  validUntil?: string;
  partial?: boolean;
};

/**
 * @param input everything the record says.
 * @returns the unsigned `ClrCredential`.
 * @throws Error when a date has no time zone, an embedded credential is unsigned, an
 *   association names an achievement the record does not hold, or its type is not a CLR
 *   association type (bugs of the caller, never a learner's input).
 */
export function buildClrCredential(input: BuildClrInput): ClrCredential {
  for (const [field, value] of [
    ['validFrom', input.validFrom],
    ['validUntil', input.validUntil],
  ] as const) {
    if (value !== undefined && !isDateTimeZ(value)) {
      throw new Error(`${field} must be an ISO 8601 date-time with a time zone, got ${value}`);
    }
  }
  for (const credential of input.credentials) {
    // An unsigned credential would make the whole record fail other verifiers (openbadges.md §6.13).
    if (credential.proof === undefined) {
      throw new Error(`the credential ${String(credential.id)} has no proof: embed it as issued`);
    }
  }
  const achievements = input.achievements.map(buildAchievement);
  const known = new Set([
    ...achievements.map((a) => a.id),
    ...input.credentials.flatMap(achievementIdsOf),
  ]);
  const associations = input.associations.map((association): ClrAssociation => {
    if (!ASSOCIATION_TYPES.includes(association.associationType)) {
      throw new Error(`${String(association.associationType)} is not a CLR association type`);
    }
    for (const id of [association.sourceId, association.targetId]) {
      if (!known.has(id)) throw new Error(`the association names ${id}, not in the record`);
    }
    return { type: 'Association', ...association };
  });
  const subject: ClrSubject = {
    ...(input.subjectId === undefined ? {} : { id: input.subjectId }),
    type: ['ClrSubject'],
    identifier: [
      {
        type: 'IdentityObject',
        hashed: true,
        identityHash: hashIdentity(
          input.recipient.kind,
          input.recipient.value,
          input.recipient.salt,
        ),
        identityType: input.recipient.kind === 'email' ? 'emailAddress' : 'identifier',
        salt: input.recipient.salt,
      },
    ],
    ...(achievements.length === 0 ? {} : { achievement: achievements }),
    verifiableCredential: input.credentials.map((credential) => structuredClone(credential)),
    ...(associations.length === 0 ? {} : { association: associations }),
  };
  return {
    '@context': [VC_V2_CONTEXT, CLR_CONTEXT, OB3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'ClrCredential'],
    name: input.name,
    ...(input.description === undefined ? {} : { description: input.description }),
    issuer: buildProfile(input.issuer),
    validFrom: input.validFrom,
    ...(input.validUntil === undefined ? {} : { validUntil: input.validUntil }),
    ...(input.partial === undefined ? {} : { partial: input.partial }),
    credentialSubject: subject,
  };
}

/** The achievement ids a credential's subject names (an OB 3.0 credential has one). */
export function achievementIdsOf(credential: Record<string, unknown>): string[] {
  const subjects = ([] as unknown[]).concat(credential.credentialSubject ?? []);
  return subjects.flatMap((subject) => {
    if (typeof subject !== 'object' || subject === null) return [];
    const achievement = (subject as { achievement?: unknown }).achievement;
    if (typeof achievement !== 'object' || achievement === null) return [];
    const id = (achievement as { id?: unknown }).id;
    return typeof id === 'string' ? [id] : [];
  });
}

function isDateTimeZ(value: string): boolean {
  return !Number.isNaN(Date.parse(value)) && /(Z|[+-]\d\d:\d\d)$/.test(value);
}
