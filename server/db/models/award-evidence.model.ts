/** Which ledger events earned an award. */
import { EngineRowModel } from './engine-row.model.ts';

export class AwardEvidenceModel extends EngineRowModel {
  static override tableName = 'award_evidence';
  static override idColumn = ['awardId', 'eventId'];

  declare awardId: string;
  declare eventId: string;
}
