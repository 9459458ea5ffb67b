/** Something to tell a person (badge earned, validation rejected…); `payload` is JSON text. */
import { EngineRowModel } from './engine-row.model.ts';

export class NotificationModel extends EngineRowModel {
  static override tableName = 'notifications';
  static override idColumn = 'id';
  static override instantColumns = ['createdAt', 'readAt'];

  declare id: string;
  declare personId: string;
  declare kind: string;
  declare payload: string;
  declare createdAt: string;
  declare readAt: string | null;
}
