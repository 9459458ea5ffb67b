/**
 * What a learner's exports (the CLR 2.0 record and the printable passport) are made of, read
 * once: the person, their standing badges (not revoked, not expired: a record must verify), the
 * skills behind each badge, and their skill states. Only the learner's own rows are read.
 */
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import type { Database } from '../../db/connection.ts';
import {
  type AwardRecord,
  listStandingAwards,
} from '../../db/repositories/badge-awards-repository.ts';
import { PeopleRepository, type Person } from '../../db/repositories/people-repository.ts';
import { learnerLedger } from '../../db/repositories/progress-ledger-repository.ts';
import { ruleLeaves } from '../../domain/criteria/criteria-rule.ts';
import { foldSkillStates, type SkillState } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { UnknownPerson } from '../engine-errors.ts';
import { type CatalogIndex, indexCatalog } from '../issuance/catalog-index.ts';

/** What the export use cases need. */
export interface LearnerExportDeps {
  db: Database;
  catalog: Catalog;
  /** Who signs the record; its keys are re-read from the database when it signs. */
  issuer: Issuer;
  /** The platform's public base URL. */
  publicUrl: string;
  clock: () => Date;
}

export interface LearnerRecord {
  person: Person;
  /** Standing, unexpired awards, oldest first. */
  awards: AwardRecord[];
  states: ReadonlyMap<string, SkillState>;
  index: CatalogIndex;
  /** The public base URL without a trailing slash. */
  base: string;
  now: Date;
}

/**
 * @param deps the database, catalog, public URL and clock.
 * @param personId the learner.
 * @returns their record.
 * @throws UnknownPerson when the person does not exist.
 */
export async function readLearnerRecord(
  deps: LearnerExportDeps,
  personId: string,
): Promise<LearnerRecord> {
  const now = deps.clock();
  const person = await new PeopleRepository(deps.db).findById(personId);
  if (person === null) throw new UnknownPerson(personId);
  const index = indexCatalog(deps.catalog);
  const [awards, ledger] = await Promise.all([
    listStandingAwards(deps.db, personId),
    learnerLedger(deps.db, personId),
  ]);
  const states = foldSkillStates(
    deps.catalog.graph,
    ledger.map((entry) => entry.event),
    { now, validityMonths: index.validityMonths },
  );
  return {
    person,
    awards: awards.filter(
      (award) => award.validUntil === undefined || Date.parse(award.validUntil) > now.getTime(),
    ),
    states,
    index,
    base: deps.publicUrl.replace(/\/+$/, ''),
    now,
  };
}

/**
 * @param award an award.
 * @returns the skills its criteria name, as it was issued (its snapshot), in criteria order.
 */
export function skillsOfAward(award: AwardRecord): string[] {
  const ids = ruleLeaves(award.snapshot.badge.criteria).flatMap((leaf) =>
    leaf.kind === 'skill' ? [leaf.skillId] : [],
  );
  return [...new Set(ids)];
}

/**
 * @param award an award.
 * @returns the badges its criteria name (badges of badges).
 */
export function badgesRequiredBy(award: AwardRecord): string[] {
  return ruleLeaves(award.snapshot.badge.criteria).flatMap((leaf) =>
    leaf.kind === 'badge' ? [leaf.badgeId] : [],
  );
}

/** Whether a skill is validated by a trainer or a jury (a self-assessment proves nothing). */
export function officiallyValidated(state: SkillState | undefined): boolean {
  return state?.status === 'validated' && state.validation?.source !== 'self';
}

/**
 * @param base the public base URL.
 * @param skillId a global skill id.
 * @returns the skill's page on the platform, its id as an achievement.
 */
export function skillPageUrl(base: string, skillId: string): string {
  const [curriculumId = '', localId = ''] = skillId.split('/');
  return `${base}/competences/${encodeURIComponent(curriculumId)}/${encodeURIComponent(localId)}`;
}

/**
 * @param base the public base URL.
 * @param awardId an award.
 * @returns the employer's verification page of the award.
 */
export function verificationPageUrl(base: string, awardId: string): string {
  return `${base}/badges/${awardId}`;
}
