/**
 * The signed-in learner's CLR 2.0 record: every standing badge they hold, embedded exactly as
 * it was issued (each keeps its own proof), the skills behind those badges and the other skills
 * a trainer or a jury validated, and the links between them — a skill `isChildOf` its badge
 * (and the badge `isParentOf` it), a prerequisite `precedes` the skill it opens, a badge named
 * by another badge's criteria `precedes` it. Signed like the badges, with the issuer's newest
 * active Ed25519 key, and made afresh on each request (nothing is stored: the record is only a
 * signed view of awards that are stored and revocable one by one).
 */
import { randomUUID } from 'node:crypto';
import {
  type AssociationType,
  achievementIdsOf,
  buildClrCredential,
  type ClrCredential,
} from '../../../badges/clr/build-clr.ts';
import { signingKey } from '../../../badges/keys/issuer-key.ts';
import type { AchievementInput } from '../../../badges/ob3/build-credential.ts';
import type { DataIntegrityProofValue } from '../../../badges/ob3/credential-types.ts';
import { signCredentialDataIntegrity } from '../../../badges/ob3/data-integrity.ts';
import { newSalt } from '../../../badges/recipient/identity-hash.ts';
import { currentIssuer } from '../issuance/current-issuer.ts';
import { NoBadgeToExport } from './errors.ts';
import {
  badgesRequiredBy,
  type LearnerExportDeps,
  type LearnerRecord,
  officiallyValidated,
  readLearnerRecord,
  skillPageUrl,
  skillsOfAward,
} from './learner-record.ts';

export type SignedClrCredential = ClrCredential & { proof: DataIntegrityProofValue[] };

/**
 * @param deps the database, catalog, issuer, public URL and clock.
 * @param personId the learner (the signed-in person: never someone else).
 * @returns the signed record.
 * @throws NoBadgeToExport when the learner holds no standing badge.
 * @throws UnknownPerson when the person does not exist.
 */
export async function exportLearnerClr(
  deps: LearnerExportDeps,
  personId: string,
): Promise<SignedClrCredential> {
  const record = await readLearnerRecord(deps, personId);
  if (record.awards.length === 0) throw new NoBadgeToExport();
  const { base, now } = record;
  const nowIso = now.toISOString();

  const badgeAchievement = new Map<string, string>();
  for (const award of record.awards) {
    const [achievementId] = achievementIdsOf(award.credential as Record<string, unknown>);
    if (achievementId !== undefined) badgeAchievement.set(award.badgeId, achievementId);
  }
  const skillIds = new Set(record.awards.flatMap(skillsOfAward));
  for (const [skillId, state] of record.states) {
    if (officiallyValidated(state)) skillIds.add(skillId);
  }
  const skills = [...skillIds].map((id) => skillAchievement(record, id));

  const associations: { associationType: AssociationType; sourceId: string; targetId: string }[] =
    [];
  const link = (associationType: AssociationType, sourceId: string, targetId: string) =>
    associations.push({ associationType, sourceId, targetId });
  for (const award of record.awards) {
    const badgeId = badgeAchievement.get(award.badgeId);
    if (badgeId === undefined) continue;
    for (const skillId of skillsOfAward(award)) {
      link('isChildOf', skillPageUrl(base, skillId), badgeId);
      link('isParentOf', badgeId, skillPageUrl(base, skillId));
    }
    for (const required of badgesRequiredBy(award)) {
      const requiredId = badgeAchievement.get(required);
      if (requiredId !== undefined) link('precedes', requiredId, badgeId);
    }
  }
  for (const node of record.index.skillNodes) {
    if (!skillIds.has(node.id)) continue;
    for (const prerequisite of node.prerequisites) {
      if (skillIds.has(prerequisite)) {
        link('precedes', skillPageUrl(base, prerequisite), skillPageUrl(base, node.id));
      }
    }
  }

  const recipient =
    record.person.email === null
      ? { kind: 'url' as const, value: `${base}/learners/${encodeURIComponent(personId)}` }
      : { kind: 'email' as const, value: record.person.email };
  const unsigned = buildClrCredential({
    id: `urn:uuid:${randomUUID()}`,
    issuer: deps.issuer.profile,
    name: `Relevé de compétences — ${deps.issuer.profile.name}`,
    description:
      'Les badges Open Badges 3.0 du titulaire, tels que délivrés, et les compétences validées qui les composent.',
    recipient: { ...recipient, salt: newSalt() },
    credentials: record.awards.map((award) => award.credential as Record<string, unknown>),
    achievements: skills,
    associations,
    validFrom: nowIso,
  });
  const issuer = await currentIssuer(deps.db, deps.issuer.profile);
  return signCredentialDataIntegrity(unsigned, signingKey(issuer.keys, 'Ed25519', nowIso), {
    now,
  });
}

/** A validated skill as a CLR achievement (a competency), from the catalog when it has it. */
function skillAchievement(record: LearnerRecord, skillId: string): AchievementInput {
  const id = skillPageUrl(record.base, skillId);
  const found = record.index.skill(skillId);
  if (found === undefined) {
    // A skill since removed from its curriculum: its id is all that is left to say.
    return {
      id,
      name: skillId,
      description: skillId,
      criteriaNarrative: 'Validée par un animateur de Grange.',
      achievementType: 'Competency',
      alignments: [],
    };
  }
  const { skill } = found;
  return {
    id,
    name: skill.title.fr,
    description: skill.description.fr,
    criteriaNarrative: 'Validée par un animateur ou un jury, en atelier ou sur preuve.',
    achievementType: 'Competency',
    alignments: skill.alignments.map((alignment) => ({
      targetName: alignment.name,
      targetUrl: alignment.url,
      targetFramework: alignment.framework,
      ...(alignment.code === undefined ? {} : { targetCode: alignment.code }),
    })),
    ...(skill.levels === undefined || skill.levels.length === 0
      ? {}
      : {
          levels: skill.levels.map((level) => ({
            id: `${id}#niveau-${level.level}`,
            name: level.title.fr,
            level: String(level.level),
          })),
        }),
    inLanguage: 'fr',
  };
}
