/** One row of the append-only progress ledger; `seq` is the order events are folded in. */
import { EngineRowModel } from './engine-row.model.ts';

export class ProgressEventModel extends EngineRowModel {
  static override tableName = 'progress_events';
  static override idColumn = 'seq';
  static override instantColumns = ['occurredAt', 'recordedAt'];
  static override integerColumns = ['seq'];

  declare seq: number;
  declare id: string;
  declare learnerId: string;
  declare skillId: string;
  declare type: string;
  /** JSON text: level, comment, outcome, evidence id. */
  declare payload: string;
  declare actorId: string;
  declare sessionId: string | null;
  declare curriculumHash: string | null;
  declare occurredAt: string;
  declare recordedAt: string;
}
