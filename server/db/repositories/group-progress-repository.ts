/**
 * Reads across a group: its members with their names, the skill-state rows of all its learners
 * at once, and the evidence awaiting review. Each function is a fixed number of queries,
 * whatever the number of learners, so trainer screens never issue one query per learner.
 */
import type { Database } from '../connection.ts';
import { placeholders, selectRowArrays, selectRows } from '../select-rows.ts';
import {
  EVIDENCE_COLUMNS,
  type EvidenceRecord,
  type EvidenceRow,
  evidenceFromRow,
} from './evidence-repository.ts';
import type { Group } from './groups-repository.ts';

/** A member of a group, with the name to show. */
export interface GroupMember {
  groupId: string;
  personId: string;
  role: 'trainer' | 'learner';
  displayName: string;
}

/** A projection row as the grid needs it. */
export interface GridStateRow {
  learnerId: string;
  skillId: string;
  status: string;
  level: number | null;
  expiresAt: string | null;
}

/** A skill awaiting review, with the evidence of its latest submission. */
export interface SubmittedSkill {
  learnerId: string;
  skillId: string;
  submittedAt: string;
  evidence: EvidenceRecord[];
}

interface GroupRow {
  id: string;
  name: string;
  curriculumId: string | null;
  createdAt: Date | string;
  archivedAt: Date | string | null;
}

/**
 * @param trainerId only the groups this person trains; undefined: every active group.
 * @returns active groups, by name.
 */
export async function listActiveGroups(db: Database, trainerId?: string): Promise<Group[]> {
  const query = db('groups').select('groups.*').whereNull('groups.archivedAt');
  if (trainerId !== undefined) {
    query.whereIn(
      'groups.id',
      db('groupMembers').select('groupId').where({ personId: trainerId, role: 'trainer' }),
    );
  }
  const rows = (await query.orderBy(['groups.name', 'groups.id'])) as GroupRow[];
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    curriculumId: row.curriculumId,
    createdAt: new Date(row.createdAt),
    archivedAt: row.archivedAt === null ? null : new Date(row.archivedAt),
  }));
}

/** @returns the members of the groups, in one query, by group then name. */
export async function listGroupMembers(
  db: Database,
  groupIds: readonly string[],
): Promise<GroupMember[]> {
  if (groupIds.length === 0) return [];
  const unique = [...new Set(groupIds)];
  // Read by every grid: written out for `selectRows` rather than built.
  const rows = await selectRows<{
    groupId: string;
    personId: string;
    role: string;
    displayName: string;
  }>(
    db,
    `select m.group_id as "groupId", m.person_id as "personId", m.role,
       p.display_name as "displayName"
     from group_members m join people p on p.id = m.person_id
     where m.group_id in (${placeholders(unique.length)})
     order by m.group_id, p.display_name, m.person_id`,
    unique,
  );
  return rows.map((row) => ({
    ...row,
    role: row.role === 'trainer' ? 'trainer' : 'learner',
  }));
}

/** A learner of a group's grid, with where their ledger ends. */
export interface GridLearner {
  personId: string;
  displayName: string;
  /** The `seq` of their last event; 0 when they have none. */
  lastSeq: number;
}

/** A group as its grid reads it: whether the viewer trains it, and its learners. */
export interface GridGroup {
  /** What access is judged by (`judgeGroupAccess`). */
  group: Pick<Group, 'id' | 'archivedAt'>;
  /** Whether the person asking is one of its trainers. */
  trains: boolean;
  /** By name, each with where their ledger ends. */
  learners: GridLearner[];
  /** The group's grid stamp as it was when these learners were read (migration 20261127001500). */
  stamp: number;
}

/** A group as a kept grid is checked against: its grid stamp, without its learners. */
export type GridGroupHead = Omit<GridGroup, 'learners'>;

/** Whether a person trains the group, asked once (not once per learner row). */
const TRAINS = `exists (select 1 from group_members t
         where t.group_id = ? and t.person_id = ? and t.role = 'trainer') as trains`;

/**
 * A group, whether a person trains it and its grid stamp, in one statement of one row: what a
 * grid kept under that stamp needs to be shown again (the group's learners unchanged).
 *
 * @returns null when no group has this id.
 */
export async function readGridGroupHead(
  db: Database,
  groupId: string,
  personId: string,
): Promise<GridGroupHead | null> {
  const [row] = await selectRowArrays<
    [archivedAt: Date | string | null, trains: boolean | number, stamp: number | string]
  >(db, `select g.archived_at, ${TRAINS}, g.grid_stamp from groups g where g.id = ?`, [
    groupId,
    personId,
    groupId,
  ]);
  return row === undefined ? null : headOf(groupId, row);
}

/** The group's part of a grid read, from the first columns of its row. */
function headOf(
  groupId: string,
  [archivedAt, trains, stamp]: readonly [
    Date | string | null,
    boolean | number,
    number | string,
    ...unknown[],
  ],
): GridGroupHead {
  return {
    group: { id: groupId, archivedAt: archivedAt === null ? null : new Date(archivedAt) },
    trains: Boolean(trains),
    stamp: Number(stamp),
  };
}

/**
 * A group, whether a person trains it, and its learners by name each with where their ledger
 * ends (what says whether their kept grid columns still hold), in ONE statement: a grid is
 * asked for again and again during a workshop, and on PostgreSQL each statement is a round
 * trip. The caller decides access before showing any of it (`judgeGroupAccess`).
 *
 * @param db the database.
 * @param groupId the group.
 * @param personId who asks.
 * @returns null when no group has this id.
 */
export async function readGridGroup(
  db: Database,
  groupId: string,
  personId: string,
): Promise<GridGroup | null> {
  // The group's columns come with each learner: only the two access is judged by. Arrays,
  // not objects: 25 rows on every refresh of a trainer's grid (selectRowArrays).
  const rows = await selectRowArrays<
    [
      archivedAt: Date | string | null,
      trains: boolean | number,
      stamp: number | string,
      personId: string | null,
      displayName: string | null,
      lastSeq: number | string | null,
    ]
  >(
    db,
    // The stamp in the same statement as the learners: what they are as of it.
    `select g.archived_at, ${TRAINS}, g.grid_stamp,
       m.person_id, p.display_name, p.ledger_end
     from groups g
     left join group_members m on m.group_id = g.id and m.role = 'learner'
     left join people p on p.id = m.person_id
     where g.id = ?
     order by p.display_name, m.person_id`,
    [groupId, personId, groupId],
  );
  const [first] = rows;
  if (first === undefined) return null;
  return {
    ...headOf(groupId, first),
    // A group without learners is one row with none.
    learners: rows.flatMap(([, , , learnerId, displayName, lastSeq]) =>
      learnerId === null
        ? []
        : [{ personId: learnerId, displayName: displayName ?? '', lastSeq: Number(lastSeq ?? 0) }],
    ),
  };
}

/**
 * @param learnerIds the learners.
 * @param curriculumIds only the skills of these curricula (skill ids are `<curriculum>/<skill>`).
 * @returns the skill-state rows of these learners, in ONE query.
 */
export async function listStateRowsOfLearners(
  db: Database,
  learnerIds: readonly string[],
  curriculumIds: readonly string[],
): Promise<GridStateRow[]> {
  if (learnerIds.length === 0 || curriculumIds.length === 0) return [];
  const learners = [...new Set(learnerIds)];
  const prefixes = [...new Set(curriculumIds)].map((curriculumId) => `${curriculumId}/`);
  // Thousands of rows for a large group: written out for `selectRows` rather than built (no
  // column-name mapping per row). A prefix compared exactly: no LIKE wildcards, no collation
  // ordering on PostgreSQL.
  const rows = await selectRows<{
    learnerId: string;
    skillId: string;
    status: string;
    level: number | null;
    expiresAt: Date | string | null;
  }>(
    db,
    `select learner_id as "learnerId", skill_id as "skillId", status, level,
       expires_at as "expiresAt"
     from skill_states
     where learner_id in (${placeholders(learners.length)})
       and (${prefixes.map(() => 'substr(skill_id, 1, ?) = ?').join(' or ')})`,
    [...learners, ...prefixes.flatMap((prefix) => [prefix.length, prefix])],
  );
  return rows.map((row) => ({
    ...row,
    level: row.level === null ? null : Number(row.level),
    expiresAt: row.expiresAt === null ? null : new Date(row.expiresAt).toISOString(),
  }));
}

/**
 * The skills these learners submitted evidence for that nobody has reviewed yet (projection
 * status `submitted`), each with the evidence named by its latest `evidence-submitted` event.
 * Three queries whatever the number of learners.
 *
 * @returns oldest submission first.
 */
export async function listSubmittedSkills(
  db: Database,
  learnerIds: readonly string[],
): Promise<SubmittedSkill[]> {
  if (learnerIds.length === 0) return [];
  const ids = [...new Set(learnerIds)];
  const states = (await db('skillStates')
    .select('learnerId', 'skillId')
    .whereIn('learnerId', ids)
    .where('status', 'submitted')) as { learnerId: string; skillId: string }[];
  if (states.length === 0) return [];
  const wanted = new Set(states.map((s) => `${s.learnerId}\u0000${s.skillId}`));
  const events = (await db('progressEvents')
    .select('learnerId', 'skillId', 'payload', 'occurredAt')
    .whereIn('learnerId', [...new Set(states.map((s) => s.learnerId))])
    .where('type', 'evidence-submitted')
    .orderBy('seq')) as {
    learnerId: string;
    skillId: string;
    payload: string;
    occurredAt: Date | string;
  }[];
  // Later events overwrite earlier ones: what remains is the latest submission of each skill.
  const latest = new Map<string, { evidenceId: string | undefined; occurredAt: string }>();
  for (const event of events) {
    const key = `${event.learnerId}\u0000${event.skillId}`;
    if (!wanted.has(key)) continue;
    const payload = JSON.parse(event.payload) as { evidenceId?: string };
    latest.set(key, {
      evidenceId: payload.evidenceId,
      occurredAt: new Date(event.occurredAt).toISOString(),
    });
  }
  const evidenceIds = [...latest.values()]
    .map((l) => l.evidenceId)
    .filter((id): id is string => id !== undefined);
  const evidenceRows: EvidenceRow[] =
    evidenceIds.length === 0
      ? []
      : await db('evidence')
          .select(...EVIDENCE_COLUMNS)
          .whereIn('id', evidenceIds);
  const evidence = new Map<string, EvidenceRecord>(
    evidenceRows.map((row) => [row.id, evidenceFromRow(row)]),
  );
  const result: SubmittedSkill[] = [];
  for (const state of states) {
    const submission = latest.get(`${state.learnerId}\u0000${state.skillId}`);
    if (submission === undefined) continue;
    const row =
      submission.evidenceId === undefined ? undefined : evidence.get(submission.evidenceId);
    result.push({
      learnerId: state.learnerId,
      skillId: state.skillId,
      submittedAt: submission.occurredAt,
      evidence: row === undefined ? [] : [row],
    });
  }
  return result.sort(
    (a, b) => a.submittedAt.localeCompare(b.submittedAt) || a.learnerId.localeCompare(b.learnerId),
  );
}
