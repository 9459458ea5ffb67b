/**
 * Builds an unsigned Open Badges 3.0 `OpenBadgeCredential` (openbadges.md §3.1–3.4). Pure: ids,
 * dates and salts come from the caller, so the same input always gives the same JSON.
 */
import { OB3_CONTEXT, VC_V2_CONTEXT } from '../contexts/bundled-contexts.ts';
import type { IssuerProfile } from '../issuer/issuer.ts';
import { hashIdentity, type IdentifierKind } from '../recipient/identity-hash.ts';
import type {
  BitstringStatusListEntry,
  Ob3Achievement,
  Ob3AchievementSubject,
  Ob3AchievementType,
  Ob3Alignment,
  Ob3Evidence,
  Ob3Image,
  Ob3Profile,
  Ob3ResultDescription,
  OpenBadgeCredential,
} from './credential-types.ts';

export type * from './credential-types.ts';

export type AlignmentInput = {
  targetName: string;
  targetUrl: string;
  targetCode?: string;
  targetFramework?: string;
  targetDescription?: string;
};

export type LevelInput = {
  /** An absolute IRI, e.g. `<achievement id>#level-2`. */
  id: string;
  name: string;
  level?: string;
};

export type AchievementInput = {
  /** The public https URL of the achievement (badge class). */
  id: string;
  name: string;
  description: string;
  criteriaNarrative: string;
  criteriaUrl?: string;
  /** PNG or SVG: an https URL or a data: URI. */
  image?: string;
  achievementType?: Ob3AchievementType;
  alignments: AlignmentInput[];
  /** Ordered levels; they become one `RubricCriterionLevel` result description. */
  levels?: LevelInput[];
  /** The name of that result description (default "Niveau de maîtrise"). */
  levelsName?: string;
  tags?: string[];
  /** BCP 47 language of the texts, e.g. `fr`. */
  inLanguage?: string;
  /** A content hash of the achievement, so a changed badge is a new version. */
  version?: string;
};

export type EvidenceInput = {
  id?: string;
  name?: string;
  narrative?: string;
  description?: string;
};

export type BuildCredentialInput = {
  /** `urn:uuid:…` */
  id: string;
  issuer: IssuerProfile;
  achievement: AchievementInput;
  /** The identifier to hash, with a fresh salt per credential. */
  recipient: { kind: IdentifierKind; value: string; salt: string };
  /** The learner's DID or pairwise `urn:uuid:`; required by the VC-JWT form. */
  subjectId?: string;
  /** The level reached, one of `achievement.levels`. */
  result?: { levelId: string };
  evidence?: EvidenceInput[];
  /** ISO 8601 with a time zone (UTC `…Z` recommended). */
  validFrom: string;
  validUntil?: string;
  /** When the badge was first awarded (`validFrom` changes on re-issue). */
  awardedDate?: string;
  /** The credential's name, shown by wallets. */
  name: string;
  description?: string;
  credentialStatus?: BitstringStatusListEntry;
};

const DEFAULT_LEVELS_NAME = 'Niveau de maîtrise';

/**
 * Builds the credential JSON. The recipient appears only as a salted `sha256$` hash.
 *
 * @param input everything the credential says, ids, dates and salt included.
 * @returns the unsigned credential, with arrays where the OB 3.0 JSON schema wants them and
 *   no undefined or empty members.
 * @throws Error when a date has no time zone or the result names an unknown level (a bug in
 *   the caller, never a learner's input).
 */
export function buildOpenBadgeCredential(input: BuildCredentialInput): OpenBadgeCredential {
  for (const [field, value] of [
    ['validFrom', input.validFrom],
    ['validUntil', input.validUntil],
    ['awardedDate', input.awardedDate],
  ] as const) {
    if (value !== undefined) assertDateTimeZ(field, value);
  }
  const achievement = buildAchievement(input.achievement);
  const subject: Ob3AchievementSubject = omitEmpty({
    id: input.subjectId,
    type: ['AchievementSubject'],
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
    achievement,
    result: input.result ? [buildResult(achievement, input.result.levelId)] : undefined,
  });
  return omitEmpty({
    '@context': [VC_V2_CONTEXT, OB3_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: input.name,
    description: input.description,
    issuer: buildProfile(input.issuer),
    validFrom: input.validFrom,
    validUntil: input.validUntil,
    awardedDate: input.awardedDate,
    credentialSubject: subject,
    evidence: input.evidence?.map(
      (item): Ob3Evidence =>
        omitEmpty({
          id: item.id,
          type: ['Evidence'],
          name: item.name,
          narrative: item.narrative,
          description: item.description,
        }),
    ),
    credentialStatus: input.credentialStatus,
  });
}

/**
 * The issuer `Profile`, embedded as an object.
 *
 * @param profile the issuer as Grange knows it.
 */
export function buildProfile(profile: IssuerProfile): Ob3Profile {
  return omitEmpty({
    id: profile.id,
    type: ['Profile'],
    name: profile.name,
    url: profile.url,
    email: profile.email,
    description: profile.description,
    image: image(profile.image),
  });
}

/**
 * An `Achievement` from what Grange knows of a badge or a skill (also used by CLR 2.0 records).
 *
 * @param input the achievement's ids, texts, alignments and levels.
 */
export function buildAchievement(input: AchievementInput): Ob3Achievement {
  const levels = input.levels ?? [];
  const resultDescription: Ob3ResultDescription[] =
    levels.length === 0
      ? []
      : [
          {
            id: `${input.id}#levels`,
            type: ['ResultDescription'],
            name: input.levelsName ?? DEFAULT_LEVELS_NAME,
            resultType: 'RubricCriterionLevel',
            rubricCriterionLevel: levels.map((level) =>
              omitEmpty({
                id: level.id,
                type: ['RubricCriterionLevel'] as ['RubricCriterionLevel'],
                name: level.name,
                level: level.level,
              }),
            ),
          },
        ];
  return omitEmpty({
    id: input.id,
    type: ['Achievement'],
    achievementType: input.achievementType ?? 'Badge',
    name: input.name,
    description: input.description,
    criteria: omitEmpty({ id: input.criteriaUrl, narrative: input.criteriaNarrative }),
    image: image(input.image),
    alignment: input.alignments.map(
      (alignment): Ob3Alignment =>
        omitEmpty({
          type: ['Alignment'],
          targetName: alignment.targetName,
          targetUrl: alignment.targetUrl,
          targetCode: alignment.targetCode,
          targetFramework: alignment.targetFramework,
          targetDescription: alignment.targetDescription,
        }),
    ),
    resultDescription,
    tag: input.tags,
    inLanguage: input.inLanguage,
    version: input.version,
  });
}

function buildResult(achievement: Ob3Achievement, levelId: string) {
  const description = achievement.resultDescription?.[0];
  if (!description?.rubricCriterionLevel.some((level) => level.id === levelId)) {
    throw new Error(`the result level ${levelId} is not one of the achievement's levels`);
  }
  return {
    type: ['Result'] as ['Result'],
    resultDescription: description.id,
    achievedLevel: levelId,
    status: 'Completed' as const,
  };
}

function image(id: string | undefined): Ob3Image | undefined {
  return id ? { id, type: 'Image' } : undefined;
}

function assertDateTimeZ(field: string, value: string): void {
  // OB 3.0 DateTimeZ: a readable instant with a zone designator, or validators reject it.
  if (Number.isNaN(Date.parse(value)) || !/(Z|[+-]\d\d:\d\d)$/.test(value)) {
    throw new Error(`${field} must be an ISO 8601 date-time with a time zone, got ${value}`);
  }
}

/** Drops members that are undefined, empty strings or empty arrays (OB serialization rule). */
function omitEmpty<T extends object>(value: T): T {
  const kept = Object.entries(value).filter(
    ([, member]) =>
      member !== undefined && member !== '' && !(Array.isArray(member) && member.length === 0),
  );
  return Object.fromEntries(kept) as T;
}
