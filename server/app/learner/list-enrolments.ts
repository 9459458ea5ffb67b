/**
 * "My curricula": each curriculum a learner is enrolled in, since when, the groups in which
 * they follow it, and where they stand (skills acquired, in progress, available; badges
 * earned). States come from the domain fold of the learner's ledger, the very function the
 * progress engine uses, folded once for every curriculum; awards are read once too, so the
 * number of queries does not grow with the number of curricula.
 */
import type { Curriculum } from '../../../curricula/schema.ts';
import type { Database } from '../../db/connection.ts';
import {
  type EnrolmentGroup,
  type LearnerEnrolment,
  listLearnerEnrolments,
} from '../../db/repositories/learner-enrolments-repository.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { qualify } from '../curricula-to-domain.ts';
import { derivedFrom, setKey } from '../ledger-cache.ts';
import { badgesHeldAt, type LearnerSnapshot, readLearnerSnapshot } from './learner-snapshot.ts';

/** Where a learner stands in one curriculum. */
export interface CurriculumProgress {
  curriculumId: string;
  skillsTotal: number;
  /** Validated now (by a trainer or a jury, or self-assessed where the curriculum allows it). */
  skillsAcquired: number;
  /** Worked on but not validated now: in progress, submitted, expired or withdrawn. */
  skillsInProgress: number;
  /** Not started, every prerequisite validated: what the learner can start next. */
  skillsAvailable: number;
  /** Badges of the curriculum the learner holds: issued, not revoked, not expired. */
  badgesEarned: number;
  /** Badges the curriculum offers. */
  badgesTotal: number;
}

/** One curriculum a learner follows. */
export interface EnrolmentView {
  curriculum: Curriculum;
  /** ISO 8601. */
  enrolledAt: string;
  groups: EnrolmentGroup[];
  progress: CurriculumProgress;
}

export interface ListEnrolmentsDeps {
  db: Database;
  catalog: Catalog;
  clock: () => Date;
}

const IN_PROGRESS: ReadonlySet<SkillState['status']> = new Set([
  'in_progress',
  'submitted',
  'expired',
  'withdrawn',
]);

/**
 * @param deps the database, the catalog and the clock.
 * @param learnerId the learner (the signed-in person).
 * @param snapshot the learner's progress when the caller has read it already (a GraphQL
 *   request shares one between its fields); else it is read here.
 * @param read the learner's enrolments when the caller has read them already.
 * @returns their enrolments, oldest first; an enrolment in a curriculum no longer in the
 *   catalog is left out (there is nothing to show of it).
 */
export async function listEnrolments(
  deps: ListEnrolmentsDeps,
  learnerId: string,
  snapshot?: Promise<LearnerSnapshot>,
  read: Promise<LearnerEnrolment[]> = listLearnerEnrolments(deps.db, learnerId),
): Promise<EnrolmentView[]> {
  const enrolments = await read;
  if (enrolments.length === 0) return [];
  const curricula = new Map(deps.catalog.curricula.map((c) => [c.id, c]));
  const progress = await learnerProgress(deps, learnerId, snapshot);
  const views: EnrolmentView[] = [];
  for (const enrolment of enrolments) {
    const curriculum = curricula.get(enrolment.curriculumId);
    if (curriculum === undefined) continue;
    views.push({
      curriculum,
      enrolledAt: enrolment.enrolledAt,
      groups: enrolment.groups,
      progress: progress(curriculum),
    });
  }
  return views;
}

/**
 * Reads a learner's ledger and standing awards once (or takes the snapshot given); the
 * returned function then summarises any curriculum without further queries.
 *
 * @param deps the database, the catalog and the clock.
 * @param learnerId the learner.
 * @param snapshot the learner's progress when the caller has read it already.
 * @returns the learner's progress in a curriculum.
 */
export async function learnerProgress(
  deps: ListEnrolmentsDeps,
  learnerId: string,
  snapshot: Promise<LearnerSnapshot> = readLearnerSnapshot(deps, learnerId),
): Promise<(curriculum: Curriculum) => CurriculumProgress> {
  const read = await snapshot;
  const held = badgesHeldAt(read, deps.clock());
  const heldKey = setKey(held);
  return (curriculum) =>
    derivedFrom(read.states, `progress|${curriculum.id}|${heldKey}`, () =>
      summariseProgress(curriculum, read.states, held),
    );
}

/**
 * @param curriculum the curriculum.
 * @param states the learner's state of every skill of the catalog.
 * @param heldBadges the global ids of the badges the learner holds now.
 * @returns the counts for this curriculum.
 */
export function summariseProgress(
  curriculum: Curriculum,
  states: ReadonlyMap<string, SkillState>,
  heldBadges: ReadonlySet<string>,
): CurriculumProgress {
  let acquired = 0;
  let inProgress = 0;
  let available = 0;
  for (const skill of curriculum.skills) {
    const status = states.get(qualify(curriculum.id, skill.id))?.status ?? 'locked';
    if (status === 'validated') acquired++;
    else if (IN_PROGRESS.has(status)) inProgress++;
    else if (status === 'available') available++;
  }
  const badgesEarned = curriculum.badges.filter((badge) =>
    heldBadges.has(qualify(curriculum.id, badge.id)),
  ).length;
  return {
    curriculumId: curriculum.id,
    skillsTotal: curriculum.skills.length,
    skillsAcquired: acquired,
    skillsInProgress: inProgress,
    skillsAvailable: available,
    badgesEarned,
    badgesTotal: curriculum.badges.length,
  };
}
