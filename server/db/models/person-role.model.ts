/** A row of `person_roles`: one role held by one person. */
import { Model } from 'objection';

export class PersonRoleModel extends Model {
  static override tableName = 'person_roles';
  static override idColumn = ['personId', 'role'];

  declare personId: string;
  declare role: string;
}
