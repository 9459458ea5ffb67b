/** A row of `pin_credentials`: the pin hash of one person and its failure counter. */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseTimestamps } from './column-values.ts';

export class PinCredentialModel extends Model {
  static override tableName = 'pin_credentials';
  static override idColumn = 'personId';

  declare personId: string;
  declare hash: string;
  declare failedAttempts: number;
  declare lockedUntil: Date | null;
  declare updatedAt: Date;

  override $parseDatabaseJson(json: Pojo): Pojo {
    return parseTimestamps(super.$parseDatabaseJson(json), ['lockedUntil', 'updatedAt']);
  }

  override $formatDatabaseJson(json: Pojo): Pojo {
    return formatTimestamps(super.$formatDatabaseJson(json));
  }
}
