/**
 * A trainer takes back a validation: the "undo" right after a mistaken tap in a live workshop,
 * or later for an error or a fraud. The withdrawal joins the ledger through the progress
 * engine with its reason; a badge that relied on the validation is flagged for an
 * administrator, never revoked here (revoking is a person's decision). Allowed to a trainer of
 * one of the learner's groups and to administrators, never for oneself.
 */
import { Forbidden } from '../../auth/errors.ts';
import { canWithdrawValidation, type Viewer } from '../../auth/policies.ts';
import { GroupsRepository } from '../../db/repositories/groups-repository.ts';
import type { SkillState } from '../../domain/progress/skill-states.ts';
import { indexCatalog } from '../issuance/catalog-index.ts';
import {
  type FlaggedAward,
  type RecordProgressDeps,
  type RecordProgressResult,
  recordProgress,
} from '../record-progress.ts';
import { NothingToWithdraw } from './errors.ts';

export interface WithdrawValidationCommand {
  learnerId: string;
  /** Global skill id, `<curriculum>/<skill>`. */
  skillId: string;
  /** Why: the learner reads it, and it explains the flag on any badge it affects. */
  reason: string;
  /** The workshop session it happens in, if any. */
  sessionId?: string;
}

export interface WithdrawValidationResult {
  /** The learner's state on the skill after the withdrawal. */
  state: SkillState;
  /** Standing awards whose criteria the withdrawal broke, now flagged for an administrator. */
  flagged: FlaggedAward[];
  recorded: RecordProgressResult;
}

/**
 * @param deps what recording progress needs.
 * @param viewer who withdraws.
 * @param command the learner, the skill, the reason and the session.
 * @returns the new state of the skill and the awards flagged.
 * @throws Forbidden (not a trainer of the learner's groups, nor an admin; or oneself);
 *   NothingToWithdraw (no validation stands, judged under the learner's lock);
 *   InvalidProgressEvent (empty reason, unknown session), UnknownProgressSkill, UnknownPerson.
 *   Nothing is written then.
 */
export async function withdrawValidation(
  deps: RecordProgressDeps,
  viewer: Viewer,
  command: WithdrawValidationCommand,
): Promise<WithdrawValidationResult> {
  const memberships = await new GroupsRepository(deps.db).activeMembershipsOf([
    viewer.personId,
    command.learnerId,
  ]);
  if (!canWithdrawValidation(viewer, command.learnerId, memberships)) throw new Forbidden();

  const recorded = await recordProgress(
    deps,
    {
      learnerId: command.learnerId,
      skillId: command.skillId,
      type: 'validation-withdrawn',
      actorId: viewer.personId,
      comment: command.reason,
      ...(command.sessionId === undefined ? {} : { sessionId: command.sessionId }),
    },
    {
      precondition: (before) => {
        if (holdsValidation(before.get(command.skillId))) return;
        const title = indexCatalog(deps.catalog).skill(command.skillId)?.skill.title ?? {
          fr: command.skillId,
          en: command.skillId,
        };
        throw new NothingToWithdraw(command.learnerId, command.skillId, title);
      },
    },
  );
  const state = recorded.states.get(command.skillId);
  // The engine refuses skills outside the graph, so the fold has a state for this one.
  if (state === undefined) throw new Error(`no state for ${command.skillId} after recording`);
  return { state, flagged: recorded.flagged, recorded };
}

/**
 * Whether a withdrawal would take something back: a validation standing or lapsed, or a
 * self-assessment kept under a pending submission (a withdrawal removes both).
 */
function holdsValidation(state: SkillState | undefined): boolean {
  return state?.validation !== undefined || state?.selfAssessment !== undefined;
}
