/** A revocation status list; `state` holds the serialised StatusList JSON. */
import { EngineRowModel } from './engine-row.model.ts';

export class StatusListModel extends EngineRowModel {
  static override tableName = 'status_lists';
  static override idColumn = 'id';
  static override instantColumns = ['updatedAt'];

  declare id: string;
  declare purpose: string;
  declare state: string;
  declare updatedAt: string;
}
