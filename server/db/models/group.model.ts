/** A row of `groups`: a workshop group (e.g. "Code club, Wednesday"), trained by trainers. */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseTimestamps } from './column-values.ts';

export class GroupModel extends Model {
  static override tableName = 'groups';

  declare id: string;
  declare name: string;
  declare curriculumId: string | null;
  declare createdAt: Date;
  declare archivedAt: Date | null;

  override $parseDatabaseJson(json: Pojo): Pojo {
    return parseTimestamps(super.$parseDatabaseJson(json), ['createdAt', 'archivedAt']);
  }

  override $formatDatabaseJson(json: Pojo): Pojo {
    return formatTimestamps(super.$formatDatabaseJson(json));
  }
}
