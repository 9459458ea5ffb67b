/**
 * What a trainer reads about their groups: the groups and members, the progress grid (learners
 * × skills of a curriculum) and the evidence awaiting review. Each is a fixed number of queries,
 * whatever the number of learners.
 */
import { isAdmin, type Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import {
  type GroupMember,
  listActiveGroups,
  listGroupMembers,
  listStateRowsOfLearners,
  listSubmittedSkills,
  type SubmittedSkill,
} from '../../db/repositories/group-progress-repository.ts';
import type { Group } from '../../db/repositories/groups-repository.ts';
import type { SkillStatus } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { curriculumOf } from '../curricula-to-domain.ts';
import { requireGroupAccess } from './access.ts';

/** A group with its members. */
export interface GroupWithMembers extends Group {
  members: GroupMember[];
}

/** One cell of the grid. */
export interface GridCell {
  skillId: string;
  status: SkillStatus;
  level: number | null;
}

/** One learner's row of the grid. */
export interface GridRow {
  learnerId: string;
  displayName: string;
  cells: GridCell[];
}

/** The grid of a group on a curriculum. */
export interface ProgressGrid {
  groupId: string;
  curriculumId: string;
  /** The curriculum's skills, in prerequisite order: the columns. */
  skillIds: string[];
  rows: GridRow[];
}

/** @returns the groups the viewer trains (an admin: every active group), with members. */
export async function listMyGroups(db: Database, viewer: Viewer): Promise<GroupWithMembers[]> {
  const groups = await listActiveGroups(db, isAdmin(viewer) ? undefined : viewer.personId);
  return withMembers(db, groups);
}

/**
 * @returns the group with its members.
 * @throws Forbidden, UnknownGroup.
 */
export async function findGroup(
  db: Database,
  viewer: Viewer,
  groupId: string,
): Promise<GroupWithMembers> {
  const group = await requireGroupAccess(db, viewer, groupId);
  const [found] = await withMembers(db, [group]);
  return found ?? { ...group, members: [] };
}

/**
 * The grid reads the skill-state projection of all the group's learners in one query; skills
 * without a row have no events, so they are available or locked as the graph says.
 *
 * @throws Forbidden, UnknownGroup.
 */
export async function progressGrid(
  deps: { db: Database; catalog: Catalog; clock: () => Date },
  viewer: Viewer,
  input: { groupId: string; curriculumId: string },
): Promise<ProgressGrid> {
  await requireGroupAccess(deps.db, viewer, input.groupId);
  const learners = (await listGroupMembers(deps.db, [input.groupId])).filter(
    (m) => m.role === 'learner',
  );
  const graph = deps.catalog.graph;
  const skillIds = graph.topologicalOrder().filter((id) => curriculumOf(id) === input.curriculumId);
  // The curriculum's skills, and those of any curriculum holding one of their prerequisites
  // (an untouched skill is available when its prerequisites are validated): not the others.
  const curricula = new Set([input.curriculumId]);
  for (const skillId of skillIds) {
    for (const ancestor of graph.ancestors(skillId)) curricula.add(curriculumOf(ancestor));
  }
  const rows = await listStateRowsOfLearners(
    deps.db,
    learners.map((l) => l.personId),
    [...curricula],
  );
  const byLearner = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const row of rows) {
    let states = byLearner.get(row.learnerId);
    if (states === undefined) {
      states = new Map();
      byLearner.set(row.learnerId, states);
    }
    states.set(row.skillId, row);
  }
  const now = deps.clock().getTime();
  return {
    groupId: input.groupId,
    curriculumId: input.curriculumId,
    skillIds,
    rows: learners.map((learner) => {
      const states = byLearner.get(learner.personId) ?? new Map();
      const memo = new Map<string, SkillStatus>();
      const statusOf = (skillId: string): SkillStatus => {
        const known = memo.get(skillId);
        if (known !== undefined) return known;
        const row = states.get(skillId);
        let status: SkillStatus;
        if (row === undefined) {
          // As the fold: a skill without events unlocks when every prerequisite is validated.
          status = graph.prerequisites(skillId).every((p) => statusOf(p) === 'validated')
            ? 'available'
            : 'locked';
        } else if (
          row.status === 'validated' &&
          row.expiresAt !== null &&
          Date.parse(row.expiresAt) <= now
        ) {
          // The projection says what the ledger said at its last event: a lapse needs no event.
          status = 'expired';
        } else {
          status = row.status as SkillStatus;
        }
        memo.set(skillId, status);
        return status;
      };
      return {
        learnerId: learner.personId,
        displayName: learner.displayName,
        cells: skillIds.map((skillId) => ({
          skillId,
          status: statusOf(skillId),
          level: states.get(skillId)?.level ?? null,
        })),
      };
    }),
  };
}

/**
 * @param groupId one group (the viewer must train it), or undefined: every group they train.
 * @returns learners' submissions awaiting review, oldest first.
 * @throws Forbidden, UnknownGroup.
 */
export async function validationQueue(
  db: Database,
  viewer: Viewer,
  groupId?: string,
): Promise<SubmittedSkill[]> {
  const groups =
    groupId === undefined ? await listMyGroups(db, viewer) : [await findGroup(db, viewer, groupId)];
  const learnerIds = new Set(
    groups.flatMap((g) => g.members.filter((m) => m.role === 'learner').map((m) => m.personId)),
  );
  learnerIds.delete(viewer.personId);
  return listSubmittedSkills(db, [...learnerIds]);
}

async function withMembers(db: Database, groups: readonly Group[]): Promise<GroupWithMembers[]> {
  const members = await listGroupMembers(
    db,
    groups.map((g) => g.id),
  );
  return groups.map((group) => ({
    ...group,
    members: members.filter((m) => m.groupId === group.id),
  }));
}
