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
  readGridGroup,
  readGridGroupHead,
  type SubmittedSkill,
} from '../../db/repositories/group-progress-repository.ts';
import type { Group } from '../../db/repositories/groups-repository.ts';
import type { SkillStatus } from '../../domain/progress/skill-states.ts';
import type { Catalog } from '../check-curricula.ts';
import { curriculumOf } from '../curricula-to-domain.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import type { LedgerCache } from '../ledger-cache.ts';
import { judgeGroupAccess, mayRunGroups, requireGroupAccess } from './access.ts';
import { levelCodesOf, statusCodesOf } from './grid-codes.ts';

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

/** A learner's columns of a grid: the status and level of each skill, in column order. */
export interface GridColumns {
  statuses: readonly SkillStatus[];
  levels: readonly (number | null)[];
  /** The same as letters and digits (`grid-codes.ts`), worked out once with them. */
  statusCodes: string;
  levelCodes: string;
}

/** One learner's row of the grid. */
export interface GridRow extends GridColumns {
  learnerId: string;
  displayName: string;
  /** The grid's columns (the same array for every row). */
  skillIds: readonly string[];
}

/** The grid of a group on a curriculum. */
export interface ProgressGrid {
  groupId: string;
  curriculumId: string;
  /** The curriculum's skills, in prerequisite order: the columns. */
  skillIds: readonly string[];
  rows: GridRow[];
}

export interface ProgressGridDeps {
  db: Database;
  catalog: Catalog;
  clock: () => Date;
  /** Learners' columns kept between requests (`ledger-cache.ts`); none: read each time. */
  gridColumnsCache?: LedgerCache<GridColumns>;
  /** Whole grids kept between requests, by group, under its grid stamp; none: read each time. */
  gridsCache?: LedgerCache<ProgressGrid>;
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
 * The grid reads the skill-state projection of the group's learners in one query; skills
 * without a row have no events, so they are available or locked as the graph says. A
 * learner's columns are kept (`gridColumnsCache`) while their ledger ends where it did: a grid
 * refreshed during a workshop reads again only the rows of the learners validated since.
 * The whole grid is kept too (`gridsCache`), under the group's grid stamp, which triggers move
 * when a member's ledger ends further, a name changes or the roster does (migration
 * 20261127001500): asked again with nothing changed, a grid reads the group's row alone.
 *
 * @throws Forbidden, UnknownGroup.
 */
export async function progressGrid(
  deps: ProgressGridDeps,
  viewer: Viewer,
  input: { groupId: string; curriculumId: string },
): Promise<ProgressGrid> {
  mayRunGroups(viewer);
  const index = indexCatalog(deps.catalog);
  // What a grid depends on besides the group: the catalog and the curriculum.
  const scope = `${index.contentKey}|${input.curriculumId}`;
  const now = deps.clock().getTime();
  const kept = deps.gridsCache;
  if (kept?.has(scope, input.groupId)) {
    // A grid is kept for this group (under some stamp): the group's row says whether it holds.
    const head = judgeGroupAccess(
      viewer,
      input.groupId,
      await readGridGroupHead(deps.db, input.groupId, viewer.personId),
    );
    const grid = kept.find(scope, input.groupId, { lastSeq: head.stamp, now });
    if (grid !== undefined) return grid;
  }
  // The group, whether the viewer trains it, its grid stamp and its learners, each with where
  // their ledger ends, in one statement; read before their rows, so rows newer than these
  // ends are kept as of these ends, never older.
  const found = judgeGroupAccess(
    viewer,
    input.groupId,
    await readGridGroup(deps.db, input.groupId, viewer.personId),
  );
  const { learners } = found;
  const skillIds = index.skillsInOrder(input.curriculumId);
  // The grid holds while every learner's columns do.
  let from = Number.NEGATIVE_INFINITY;
  let until = Number.POSITIVE_INFINITY;
  const columns = new Map<string, GridColumns>();
  const take = (personId: string, held: { value: GridColumns; from: number; until: number }) => {
    columns.set(personId, held.value);
    from = Math.max(from, held.from);
    until = Math.min(until, held.until);
  };
  for (const { personId, lastSeq } of learners) {
    const entry = deps.gridColumnsCache?.findEntry(scope, personId, { lastSeq, now });
    if (entry !== undefined) take(personId, entry);
  }
  const unread = learners.filter((l) => !columns.has(l.personId));
  if (unread.length > 0) {
    const ids = unread.map((l) => l.personId);
    const worked = await readColumns(deps, ids, skillIds, now);
    for (const { personId, lastSeq } of unread) {
      const value = worked.get(personId);
      if (value === undefined) continue;
      take(personId, value);
      deps.gridColumnsCache?.keep(scope, personId, { ...value, throughSeq: lastSeq });
    }
  }
  const grid: ProgressGrid = {
    groupId: input.groupId,
    curriculumId: input.curriculumId,
    skillIds,
    rows: learners.map((learner) => ({
      learnerId: learner.personId,
      displayName: learner.displayName,
      skillIds,
      ...(columns.get(learner.personId) ?? NO_COLUMNS),
    })),
  };
  kept?.keep(scope, input.groupId, { throughSeq: found.stamp, from, until, value: grid });
  return grid;
}

/** The columns of a learner whose rows could not be read (none of the grid's skills). */
const NO_COLUMNS: GridColumns = { statuses: [], levels: [], statusCodes: '', levelCodes: '' };

/**
 * @returns each learner's columns from their projection rows, with the instants between which
 *   they hold (a validation lapsing turns `validated` into `expired` without any event).
 */
async function readColumns(
  deps: ProgressGridDeps,
  learnerIds: readonly string[],
  skillIds: readonly string[],
  now: number,
): Promise<Map<string, { value: GridColumns; from: number; until: number }>> {
  const graph = deps.catalog.graph;
  // The curriculum's skills, and those of any curriculum holding one of their prerequisites
  // (an untouched skill is available when its prerequisites are validated): not the others.
  const curricula = new Set(skillIds.map(curriculumOf));
  for (const skillId of skillIds) {
    for (const ancestor of graph.ancestors(skillId)) curricula.add(curriculumOf(ancestor));
  }
  const rows = await listStateRowsOfLearners(deps.db, learnerIds, [...curricula]);
  const byLearner = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const row of rows) {
    let states = byLearner.get(row.learnerId);
    if (states === undefined) {
      states = new Map();
      byLearner.set(row.learnerId, states);
    }
    states.set(row.skillId, row);
  }
  const worked = new Map<string, { value: GridColumns; from: number; until: number }>();
  for (const learnerId of learnerIds) {
    const states = byLearner.get(learnerId) ?? new Map();
    let from = Number.NEGATIVE_INFINITY;
    let until = Number.POSITIVE_INFINITY;
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
      } else if (row.status === 'validated' && row.expiresAt !== null) {
        // The projection says what the ledger said at its last event: a lapse needs no event.
        const lapse = Date.parse(row.expiresAt);
        if (lapse <= now) from = Math.max(from, lapse);
        else until = Math.min(until, lapse);
        status = lapse <= now ? 'expired' : 'validated';
      } else {
        status = row.status as SkillStatus;
      }
      memo.set(skillId, status);
      return status;
    };
    const statuses = skillIds.map(statusOf);
    const levels = skillIds.map((skillId) => states.get(skillId)?.level ?? null);
    worked.set(learnerId, {
      value: {
        statuses,
        levels,
        statusCodes: statusCodesOf(statuses),
        levelCodes: levelCodesOf(levels),
      },
      from,
      until,
    });
  }
  return worked;
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
