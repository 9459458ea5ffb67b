/**
 * Pure builders for domain tests: a skill node from a global id, a graph that must be valid,
 * and ledger events with sensible defaults.
 */
import type {
  BadgeDefinition,
  CriteriaRule,
} from '../../../server/domain/criteria/criteria-rule.ts';
import type { ProgressEvent } from '../../../server/domain/progress/events.ts';
import {
  requireSkillGraph,
  type SkillGraph,
  type SkillNodeInput,
} from '../../../server/domain/skills/skill-graph.ts';

/** `c/a` → a skill of curriculum `c`, module `m`, order 1, no levels. */
export function buildSkill(
  id: string,
  prerequisites: readonly string[] = [],
  overrides: Partial<SkillNodeInput> = {},
): SkillNodeInput {
  const slash = id.indexOf('/');
  return {
    id,
    prerequisites,
    levelCount: 0,
    curriculumId: slash > 0 ? id.slice(0, slash) : 'c',
    module: 'm',
    order: 1,
    moduleOrder: 1,
    ...overrides,
  };
}

/** A graph from `{ id: prerequisites }`; throws if invalid. */
export function buildGraph(
  prerequisitesOf: Record<string, readonly string[]>,
  overrides: Record<string, Partial<SkillNodeInput>> = {},
): SkillGraph {
  return requireSkillGraph(
    Object.entries(prerequisitesOf).map(([id, prerequisites]) =>
      buildSkill(id, prerequisites, overrides[id]),
    ),
  );
}

export function buildBadge(
  id: string,
  criteria: CriteriaRule,
  overrides: Partial<BadgeDefinition> = {},
): BadgeDefinition {
  return {
    id,
    curriculumId: id.slice(0, Math.max(0, id.indexOf('/'))) || 'c',
    criteria,
    acceptsSelfAssessment: false,
    ...overrides,
  };
}

type EventOf<T extends ProgressEvent['type']> = Extract<ProgressEvent, { type: T }>;
type Extra<T extends ProgressEvent['type']> = Omit<
  EventOf<T>,
  'type' | 'id' | 'learnerId' | 'skillId' | 'at' | 'by'
> &
  Partial<Pick<EventOf<T>, 'by'>>;

let counter = 0;

/** An event of `type` for `skillId` at `at`; `by` defaults to a trainer, or the learner for learner acts. */
export function buildEvent<T extends ProgressEvent['type']>(
  type: T,
  skillId: string,
  at: string,
  extra: Extra<T>,
): EventOf<T> {
  counter += 1;
  const learnerActs =
    type === 'skill-started' || type === 'evidence-submitted' || type === 'skill-self-assessed';
  return {
    id: `event-${counter}`,
    learnerId: 'learner-1',
    skillId,
    at,
    by: learnerActs ? 'learner-1' : 'trainer-1',
    type,
    ...extra,
  } as EventOf<T>;
}
