/** The projection of the ledger: one learner's state of one skill, as of event `lastSeq`. */
import { EngineRowModel } from './engine-row.model.ts';

export class SkillStateModel extends EngineRowModel {
  static override tableName = 'skill_states';
  static override idColumn = ['learnerId', 'skillId'];
  static override instantColumns = ['validatedAt', 'expiresAt'];
  static override integerColumns = ['level', 'lastSeq'];

  declare learnerId: string;
  declare skillId: string;
  declare status: string;
  declare level: number | null;
  declare source: string | null;
  declare validatedBy: string | null;
  declare validatedAt: string | null;
  declare expiresAt: string | null;
  declare lastSeq: number;
}
