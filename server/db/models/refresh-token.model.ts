/** A row of `refresh_tokens`: the hash of one refresh token, in its rotation family. */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseTimestamps } from './column-values.ts';

export class RefreshTokenModel extends Model {
  static override tableName = 'refresh_tokens';

  declare id: string;
  declare personId: string;
  declare tokenHash: string;
  declare familyId: string;
  declare createdAt: Date;
  declare expiresAt: Date;
  declare revokedAt: Date | null;
  declare replacedBy: string | null;

  override $parseDatabaseJson(json: Pojo): Pojo {
    return parseTimestamps(super.$parseDatabaseJson(json), ['createdAt', 'expiresAt', 'revokedAt']);
  }

  override $formatDatabaseJson(json: Pojo): Pojo {
    return formatTimestamps(super.$formatDatabaseJson(json));
  }
}
