/**
 * At the end of a workshop, a trainer validates one skill for every learner present at once.
 * Each learner's validation is recorded by the progress engine in its own transaction, so one
 * learner's refusal (a level out of range, an account gone) leaves the others validated, and
 * each gets the badges the validation completes. A trainer never validates themselves.
 */
import { Forbidden, type LocalisedError } from '../../auth/errors.ts';
import { canValidate, type Viewer } from '../../auth/policies.ts';
import { GroupsRepository } from '../../db/repositories/groups-repository.ts';
import { listAttendance } from '../../db/repositories/workshops-repository.ts';
import { EngineError, UnknownProgressSkill } from '../engine-errors.ts';
import type { IssuedAward } from '../issue-badge.ts';
import { type RecordProgressDeps, recordProgress } from '../record-progress.ts';
import { requireWorkshopSession } from './find-workshop-session.ts';

/** What happened for one present learner. */
export type BulkValidationOutcome =
  | { learnerId: string; outcome: 'validated'; issued: IssuedAward[] }
  | { learnerId: string; outcome: 'skipped'; reason: 'self' }
  | { learnerId: string; outcome: 'error'; error: LocalisedError };

/**
 * @returns one outcome per learner present, in check-in order.
 * @throws UnknownWorkshopSession, Forbidden (not a trainer of the group), UnknownProgressSkill:
 *   nothing written.
 */
export async function bulkValidate(
  deps: RecordProgressDeps,
  viewer: Viewer,
  input: { sessionId: string; skillId: string; level?: number },
): Promise<BulkValidationOutcome[]> {
  const session = await requireWorkshopSession(deps.db, viewer, input.sessionId);
  if (!deps.catalog.graph.has(input.skillId)) throw new UnknownProgressSkill(input.skillId);
  const present = (await listAttendance(deps.db, session.id)).map((a) => a.personId);
  const memberships = await new GroupsRepository(deps.db).activeMembershipsOf([
    viewer.personId,
    ...present,
  ]);
  // Validating attests having seen the skill: only a trainer of this group may (not an admin).
  const trainsGroup = memberships.some(
    (m) => m.personId === viewer.personId && m.groupId === session.groupId && m.role === 'trainer',
  );
  if (!trainsGroup) throw new Forbidden();
  const outcomes: BulkValidationOutcome[] = [];
  for (const learnerId of present) {
    if (learnerId === viewer.personId) {
      outcomes.push({ learnerId, outcome: 'skipped', reason: 'self' });
      continue;
    }
    if (!canValidate(viewer, learnerId, memberships)) {
      outcomes.push({ learnerId, outcome: 'error', error: new Forbidden() });
      continue;
    }
    try {
      const result = await recordProgress(deps, {
        learnerId,
        skillId: input.skillId,
        type: 'skill-validated',
        actorId: viewer.personId,
        sessionId: session.id,
        ...(input.level === undefined ? {} : { level: input.level }),
      });
      outcomes.push({ learnerId, outcome: 'validated', issued: result.issued });
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      outcomes.push({ learnerId, outcome: 'error', error });
    }
  }
  return outcomes;
}
