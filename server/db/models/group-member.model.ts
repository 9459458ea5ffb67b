/** A row of `group_members`: a person in a group, as trainer or learner. */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseTimestamps } from './column-values.ts';

export class GroupMemberModel extends Model {
  static override tableName = 'group_members';
  static override idColumn = ['groupId', 'personId', 'role'];

  declare groupId: string;
  declare personId: string;
  declare role: string;
  declare joinedAt: Date;

  override $parseDatabaseJson(json: Pojo): Pojo {
    return parseTimestamps(super.$parseDatabaseJson(json), ['joinedAt']);
  }

  override $formatDatabaseJson(json: Pojo): Pojo {
    return formatTimestamps(super.$formatDatabaseJson(json));
  }
}
