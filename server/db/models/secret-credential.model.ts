/**
 * A row of `password_credentials` or `pin_credentials`: the two tables have the same columns
 * (one person's secret hash and its failure counter), so they share one model shape.
 */
import { Model, type Pojo } from 'objection';
import { formatTimestamps, parseTimestamps } from './column-values.ts';

abstract class SecretCredentialModel extends Model {
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

export class PasswordCredentialModel extends SecretCredentialModel {
  static override tableName = 'password_credentials';
}

export class PinCredentialModel extends SecretCredentialModel {
  static override tableName = 'pin_credentials';
}
