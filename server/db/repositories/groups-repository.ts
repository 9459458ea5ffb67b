/**
 * Groups and their members (trainers and learners). The only code that touches `groups` and
 * `group_members`.
 */
import type { Knex } from 'knex';
import type { GroupMembership } from '../../auth/policies.ts';
import type { Database } from '../connection.ts';
import { GroupModel } from '../models/group.model.ts';
import { GroupMemberModel } from '../models/group-member.model.ts';
import { placeholders, selectRows } from '../select-rows.ts';

/** A workshop group. */
export interface Group {
  id: string;
  name: string;
  curriculumId: string | null;
  createdAt: Date;
  archivedAt: Date | null;
}

/** A group with how many trainers and learners it has. */
export interface GroupWithCounts extends Group {
  trainerCount: number;
  learnerCount: number;
}

/** An active group a person belongs to, with its name. */
export interface NamedMembership extends GroupMembership {
  groupName: string;
}

function toGroup(row: GroupModel): Group {
  return {
    id: row.id,
    name: row.name,
    curriculumId: row.curriculumId,
    createdAt: row.createdAt,
    archivedAt: row.archivedAt,
  };
}

/** Reads and writes groups. Every method takes an optional transaction. */
export class GroupsRepository {
  constructor(private readonly db: Database) {}

  /** Creates a group. */
  async create(
    group: { id: string; name: string; curriculumId?: string | null },
    now: Date,
    trx?: Knex.Transaction,
  ): Promise<Group> {
    const row = {
      id: group.id,
      name: group.name,
      curriculumId: group.curriculumId ?? null,
      createdAt: now,
      archivedAt: null,
    };
    await GroupModel.query(trx ?? this.db).insert(row);
    return row;
  }

  /** @returns the group, or null. */
  async findById(id: string, trx?: Knex.Transaction): Promise<Group | null> {
    const row = await GroupModel.query(trx ?? this.db).findById(id);
    return row ? toGroup(row) : null;
  }

  /**
   * A group, and whether a person is one of its trainers, in one statement: what every
   * request about one group (a trainer's grid, a session) checks first.
   *
   * @returns null when no group has this id.
   */
  async findWithTrainer(
    groupId: string,
    personId: string,
    trx?: Knex.Transaction,
  ): Promise<{ group: Group; trains: boolean } | null> {
    const [row] = await selectRows<{
      id: string;
      name: string;
      curriculumId: string | null;
      createdAt: Date | string;
      archivedAt: Date | string | null;
      trains: boolean | number;
    }>(
      trx ?? this.db,
      `select g.id, g.name, g.curriculum_id as "curriculumId", g.created_at as "createdAt",
         g.archived_at as "archivedAt",
         exists (select 1 from group_members m
           where m.group_id = g.id and m.person_id = ? and m.role = 'trainer') as "trains"
       from groups g where g.id = ?`,
      [personId, groupId],
    );
    if (row === undefined) return null;
    return {
      group: {
        id: row.id,
        name: row.name,
        curriculumId: row.curriculumId,
        createdAt: new Date(row.createdAt),
        archivedAt: row.archivedAt === null ? null : new Date(row.archivedAt),
      },
      trains: Boolean(row.trains),
    };
  }

  /**
   * @param options.includeArchived whether archived groups are listed too.
   * @param options.ids only these groups, when given.
   * @returns the groups by name, each with its number of trainers and learners (two queries).
   */
  async listWithCounts(
    options: { includeArchived: boolean; ids?: readonly string[] },
    trx?: Knex.Transaction,
  ): Promise<GroupWithCounts[]> {
    const executor = trx ?? this.db;
    const query = GroupModel.query(executor).orderBy(['name', 'id']);
    if (!options.includeArchived) query.whereNull('archivedAt');
    if (options.ids !== undefined) query.whereIn('id', [...new Set(options.ids)]);
    const groups = (await query).map(toGroup);
    if (groups.length === 0) return [];
    const counts: Array<{ groupId: string; role: string; n: number | string }> = await executor(
      'groupMembers',
    )
      .select('groupId', 'role')
      .count({ n: '*' })
      .whereIn(
        'groupId',
        groups.map((group) => group.id),
      )
      .groupBy('groupId', 'role');
    const countOf = (groupId: string, role: string) =>
      Number(counts.find((c) => c.groupId === groupId && c.role === role)?.n ?? 0);
    return groups.map((group) => ({
      ...group,
      trainerCount: countOf(group.id, 'trainer'),
      learnerCount: countOf(group.id, 'learner'),
    }));
  }

  /** Renames a group. */
  async rename(id: string, name: string, trx?: Knex.Transaction): Promise<void> {
    await GroupModel.query(trx ?? this.db)
      .findById(id)
      .patch({ name });
  }

  /** Archives a group: it leaves every list and policy, its history stays. */
  async archive(id: string, at: Date, trx?: Knex.Transaction): Promise<void> {
    await GroupModel.query(trx ?? this.db)
      .findById(id)
      .patch({ archivedAt: at })
      .whereNull('archivedAt');
  }

  /** @returns whether the person was a member in that role (and no longer is). */
  async removeMember(member: GroupMembership, trx?: Knex.Transaction): Promise<boolean> {
    const deleted = await GroupMemberModel.query(trx ?? this.db)
      .delete()
      .where({ groupId: member.groupId, personId: member.personId, role: member.role });
    return deleted > 0;
  }

  /**
   * @param personIds the people concerned.
   * @returns their memberships in groups that are not archived, with the group's name, by
   *   person then group name.
   */
  async activeMembershipsWithNamesOf(
    personIds: readonly string[],
    trx?: Knex.Transaction,
  ): Promise<NamedMembership[]> {
    if (personIds.length === 0) return [];
    const rows: Array<{ groupId: string; personId: string; role: string; groupName: string }> =
      await (trx ?? this.db)('groupMembers')
        .join('groups', 'groups.id', 'groupMembers.groupId')
        .select(
          'groupMembers.groupId',
          'groupMembers.personId',
          'groupMembers.role',
          'groups.name as groupName',
        )
        .whereIn('groupMembers.personId', [...new Set(personIds)])
        .whereNull('groups.archivedAt')
        .orderBy(['groupMembers.personId', 'groups.name', 'groupMembers.groupId']);
    return rows.map((row) => ({
      groupId: row.groupId,
      personId: row.personId,
      role: row.role === 'trainer' ? 'trainer' : 'learner',
      groupName: row.groupName,
    }));
  }

  /** Adds a person to a group in a role; adding them again changes nothing. */
  async addMember(member: GroupMembership, now: Date, trx?: Knex.Transaction): Promise<void> {
    await GroupMemberModel.query(trx ?? this.db)
      .insert({ ...member, joinedAt: now })
      .onConflict(['groupId', 'personId', 'role'])
      .ignore();
  }

  /**
   * @param personIds the people concerned (e.g. the viewer and a learner).
   * @returns their memberships in groups that are not archived: what the policy functions need.
   */
  async activeMembershipsOf(
    personIds: readonly string[],
    trx?: Knex.Transaction,
  ): Promise<GroupMembership[]> {
    if (personIds.length === 0) return [];
    const unique = [...new Set(personIds)];
    // What policies judge by, on many requests: written out for `selectRows` rather than built.
    const rows = await selectRows<{ groupId: string; personId: string; role: string }>(
      trx ?? this.db,
      `select m.group_id as "groupId", m.person_id as "personId", m.role
       from group_members m join groups g on g.id = m.group_id
       where m.person_id in (${placeholders(unique.length)}) and g.archived_at is null
       order by m.group_id, m.person_id, m.role`,
      unique,
    );
    return rows.map((row) => ({
      groupId: row.groupId,
      personId: row.personId,
      role: row.role === 'trainer' ? 'trainer' : 'learner',
    }));
  }
}
