/**
 * During a workshop a trainer notes that a learner has started a skill without showing it
 * yet ("En cours" on the phone): the `skill-started` event joins the learner's ledger through
 * the progress engine. Nothing is validated and the learner gets no message; a skill already
 * validated, submitted or withdrawn keeps its status (the fold's rule), the event stays as a
 * trace of the session. Allowed to whoever may validate the skill: a trainer of one of the
 * learner's groups, never for oneself.
 */
import { Forbidden } from '../../auth/errors.ts';
import { canValidate, type Viewer } from '../../auth/policies.ts';
import { GroupsRepository } from '../../db/repositories/groups-repository.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { type RecordProgressDeps, recordProgress } from '../record-progress.ts';

export interface MarkSkillInProgressCommand {
  learnerId: string;
  /** Global skill id, `<curriculum>/<skill>`. */
  skillId: string;
  /** The workshop session it happens in, if any. */
  sessionId?: string;
}

/**
 * @param deps what recording progress needs.
 * @param viewer who marks the skill.
 * @param command the learner, the skill and the session.
 * @returns the learner's state on the skill after the event.
 * @throws Forbidden (not a trainer of the learner's groups, or oneself); UnknownProgressSkill,
 *   UnknownPerson, InvalidProgressEvent (a session that does not exist). Nothing is written then.
 */
export async function markSkillInProgress(
  deps: RecordProgressDeps,
  viewer: Viewer,
  command: MarkSkillInProgressCommand,
): Promise<{ state: SkillState }> {
  const memberships = await new GroupsRepository(deps.db).activeMembershipsOf([
    viewer.personId,
    command.learnerId,
  ]);
  if (!canValidate(viewer, command.learnerId, memberships)) throw new Forbidden();
  const recorded = await recordProgress(deps, {
    learnerId: command.learnerId,
    skillId: command.skillId,
    type: 'skill-started',
    actorId: viewer.personId,
    ...(command.sessionId === undefined ? {} : { sessionId: command.sessionId }),
  });
  const state = recorded.states.get(command.skillId);
  // The engine refuses skills outside the graph, so the fold has a state for this one.
  if (state === undefined) throw new Error(`no state for ${command.skillId} after recording`);
  return { state };
}
