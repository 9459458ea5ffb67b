/**
 * A learner says "I can do it" for a skill, where the curriculum allows it. Self-assessment
 * unlocks the next skills for guidance; it counts for a badge only when the badge says so.
 */
import { UnknownProgressSkill } from '../engine-errors.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import {
  type RecordProgressDeps,
  type RecordProgressResult,
  recordProgress,
} from '../record-progress.ts';
import { SelfAssessmentForbidden } from './errors.ts';

export interface SelfAssessCommand {
  /** The learner (the signed-in person). */
  learnerId: string;
  skillId: string;
  level?: number;
}

/**
 * @param deps what recording progress needs.
 * @param command who, which skill, which level.
 * @returns the recorded progress.
 * @throws SelfAssessmentForbidden where the curriculum has a trainer or jury validate the
 *   skill; UnknownProgressSkill, LevelOutOfRange: nothing is written then.
 */
export async function selfAssess(
  deps: RecordProgressDeps,
  command: SelfAssessCommand,
): Promise<RecordProgressResult> {
  const indexed = indexCatalog(deps.catalog).skill(command.skillId);
  if (indexed === undefined) throw new UnknownProgressSkill(command.skillId);
  if (!indexed.skill.validation.selfAssessment) {
    throw new SelfAssessmentForbidden(command.skillId, indexed.skill.title);
  }
  return recordProgress(deps, {
    learnerId: command.learnerId,
    skillId: command.skillId,
    type: 'skill-self-assessed',
    actorId: command.learnerId,
    ...(command.level === undefined ? {} : { level: command.level }),
  });
}
