/** A row of `guardian_consents`: a parent's or guardian's consent for a minor's account. */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseTimestamps } from './column-values.ts';

export class GuardianConsentModel extends Model {
  static override tableName = 'guardian_consents';

  declare id: string;
  declare personId: string;
  declare guardianName: string;
  declare guardianContact: string | null;
  declare scope: string;
  declare recordedBy: string;
  declare givenAt: Date;
  declare withdrawnAt: Date | null;
  declare allowsPublicShare: boolean | number;

  override $parseDatabaseJson(json: Pojo): Pojo {
    return parseTimestamps(super.$parseDatabaseJson(json), ['givenAt', 'withdrawnAt']);
  }

  override $formatDatabaseJson(json: Pojo): Pojo {
    return formatTimestamps(super.$formatDatabaseJson(json));
  }
}
