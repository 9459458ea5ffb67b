/** One issuer signing key; `key` holds the IssuerKey JSON, secret parts included. */
import { EngineRowModel } from './engine-row.model.ts';

export class IssuerKeyModel extends EngineRowModel {
  static override tableName = 'issuer_keys';
  static override idColumn = 'id';
  static override instantColumns = ['createdAt', 'retiredAt'];

  declare id: string;
  declare algorithm: string;
  declare key: string;
  declare createdAt: string;
  declare retiredAt: string | null;
}
