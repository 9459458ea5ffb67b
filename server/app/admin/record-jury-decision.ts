/**
 * An administrator records an outside jury's decision (reçu, ajourné, refusé) on a skill the
 * curriculum has a jury validate, such as the BAFA's final decision. A "reçu" validates the
 * skill (and may complete a badge); "refusé" flags standing badges it breaks.
 */
import type { JuryOutcome } from '../../domain/progress/events.ts';
import { UnknownProgressSkill } from '../engine-errors.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import {
  type RecordProgressDeps,
  type RecordProgressResult,
  recordProgress,
} from '../record-progress.ts';
import { NotAJurySkill } from './errors.ts';

export interface JuryDecisionCommand {
  learnerId: string;
  skillId: string;
  outcome: JuryOutcome;
  comment?: string;
  /** The administrator recording it. */
  actorId: string;
}

/**
 * @param deps what recording progress needs.
 * @param command the decision.
 * @returns the recorded progress (issued and flagged awards included).
 * @throws NotAJurySkill when the skill's validation methods do not include a jury;
 *   UnknownProgressSkill, UnknownPerson: nothing is written then.
 */
export async function recordJuryDecision(
  deps: RecordProgressDeps,
  command: JuryDecisionCommand,
): Promise<RecordProgressResult> {
  const indexed = indexCatalog(deps.catalog).skill(command.skillId);
  if (indexed === undefined) throw new UnknownProgressSkill(command.skillId);
  if (!indexed.skill.validation.methods.includes('jury')) {
    throw new NotAJurySkill(command.skillId);
  }
  return recordProgress(deps, {
    learnerId: command.learnerId,
    skillId: command.skillId,
    type: 'jury-decided',
    outcome: command.outcome,
    actorId: command.actorId,
    ...(command.comment === undefined ? {} : { comment: command.comment }),
  });
}
