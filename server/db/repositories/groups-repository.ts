/**
 * Groups and their members (trainers and learners). The only code that touches `groups` and
 * `group_members`.
 */
import type { Knex } from 'knex';
import type { GroupMembership } from '../../auth/policies.ts';
import type { Database } from '../connection.ts';
import { GroupModel } from '../models/group.model.ts';
import { GroupMemberModel } from '../models/group-member.model.ts';

/** A workshop group. */
export interface Group {
  id: string;
  name: string;
  curriculumId: string | null;
  createdAt: Date;
  archivedAt: Date | null;
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
    return row
      ? {
          id: row.id,
          name: row.name,
          curriculumId: row.curriculumId,
          createdAt: row.createdAt,
          archivedAt: row.archivedAt,
        }
      : null;
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
    const rows = await GroupMemberModel.query(trx ?? this.db)
      .select('groupMembers.groupId', 'groupMembers.personId', 'groupMembers.role')
      .join('groups', 'groups.id', 'groupMembers.groupId')
      .whereIn('groupMembers.personId', [...new Set(personIds)])
      .whereNull('groups.archivedAt')
      .orderBy(['groupMembers.groupId', 'groupMembers.personId', 'groupMembers.role']);
    return rows.map((row) => ({
      groupId: row.groupId,
      personId: row.personId,
      role: row.role === 'trainer' ? 'trainer' : 'learner',
    }));
  }
}
