/** A badge issued to a learner: the signed credential, its status entry and its fate. */
import { EngineRowModel } from './engine-row.model.ts';

export class BadgeAwardModel extends EngineRowModel {
  static override tableName = 'badge_awards';
  static override idColumn = 'id';
  static override instantColumns = [
    'issuedAt',
    'validUntil',
    'revokedAt',
    'flaggedAt',
    'flagClearedAt',
    'expiryRemindedAt',
  ];
  static override integerColumns = ['statusIndex'];

  declare id: string;
  declare learnerId: string;
  declare badgeId: string;
  declare curriculumHash: string;
  /** JSON text of the BadgeSnapshot. */
  declare definitionSnapshot: string;
  declare statusListId: string | null;
  declare statusIndex: number | null;
  declare recipientSalt: string;
  declare issuedAt: string;
  declare validUntil: string | null;
  /** JSON text of the signed OB 3.0 credential. */
  declare credential: string;
  /** JSON text of the hosted OB 2.0 assertion. */
  declare ob2Assertion: string | null;
  declare revokedAt: string | null;
  declare revocationReason: string | null;
  declare revokedBy: string | null;
  declare flaggedAt: string | null;
  declare flagReason: string | null;
  /** The ledger event that raised the flag (null: raised by hand, or none). */
  declare flagEventId: string | null;
  /** The last time an administrator kept the award after a flag, who, and why. */
  declare flagClearedAt: string | null;
  declare flagClearedBy: string | null;
  declare flagClearComment: string | null;
  declare expiryRemindedAt: string | null;
}
