/** A row of `people`: anyone with an account (learner, trainer, counsellor, admin). */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseBooleans, parseTimestamps } from './column-values.ts';

export class PersonModel extends Model {
  static override tableName = 'people';

  declare id: string;
  declare displayName: string;
  declare email: string | null;
  declare learnerCode: string | null;
  declare locale: string;
  declare isMinor: boolean;
  declare privateProfile: boolean;
  declare largeText: boolean;
  declare createdAt: Date;
  declare updatedAt: Date;
  /** Set while an administrator has disabled the account: no sign-in, tokens refused. */
  declare disabledAt: Date | null;
  declare disabledReason: string | null;
  /** Set once the person deleted their account: the row is a tombstone (nothing personal). */
  declare deletedAt: Date | null;
  /** Where their progress ledger ends (`appendProgressEvent` keeps it). */
  declare ledgerEnd: number;
  /** Moves whenever their standing badges, enrolments or unread count change (triggers). */
  declare factsStamp: number;

  override $parseDatabaseJson(json: Pojo): Pojo {
    const parsed = super.$parseDatabaseJson(json);
    parseBooleans(parsed, ['isMinor', 'privateProfile', 'largeText']);
    return parseTimestamps(parsed, ['createdAt', 'updatedAt', 'disabledAt', 'deletedAt']);
  }

  override $formatDatabaseJson(json: Pojo): Pojo {
    return formatTimestamps(super.$formatDatabaseJson(json));
  }
}
