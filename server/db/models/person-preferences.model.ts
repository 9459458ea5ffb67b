/**
 * The display preferences of a row of `people`, read and written on their own: the web client
 * asks for them at every sign-in, and they never touch the account's identity or secrets.
 */
import { Model, type Pojo } from 'objection';
import { parseBooleans } from './column-values.ts';

export class PersonPreferencesModel extends Model {
  static override tableName = 'people';

  declare id: string;
  declare locale: string;
  declare largeText: boolean;
  declare highContrast: boolean;
  declare updatedAt: string;

  override $parseDatabaseJson(json: Pojo): Pojo {
    return parseBooleans(super.$parseDatabaseJson(json), ['largeText', 'highContrast']);
  }
}
