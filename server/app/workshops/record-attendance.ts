/**
 * Roll-call: a trainer marks learners of the session's group present. Calling it again with
 * the same learners changes nothing; everyone named must be a learner of the group, or no one
 * is recorded.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import { listGroupMembers } from '../../db/repositories/group-progress-repository.ts';
import {
  type AttendanceRecord,
  addAttendance,
  listAttendance,
} from '../../db/repositories/workshops-repository.ts';
import { NotInGroup } from './errors.ts';
import { requireWorkshopSession } from './find-workshop-session.ts';

/**
 * @returns everyone present at the session after the roll-call.
 * @throws UnknownWorkshopSession, Forbidden, NotInGroup: nothing written.
 */
export async function recordAttendance(
  deps: { db: Database; clock: () => Date },
  viewer: Viewer,
  input: { sessionId: string; learnerIds: readonly string[] },
): Promise<AttendanceRecord[]> {
  const session = await requireWorkshopSession(deps.db, viewer, input.sessionId);
  const learnerIds = [...new Set(input.learnerIds)];
  const learners = new Set(
    (await listGroupMembers(deps.db, [session.groupId]))
      .filter((m) => m.role === 'learner')
      .map((m) => m.personId),
  );
  const strangers = learnerIds.filter((id) => !learners.has(id));
  if (strangers.length > 0) throw new NotInGroup(strangers);
  const at = deps.clock().toISOString();
  return deps.db.transaction(async (trx) => {
    await addAttendance(
      trx,
      learnerIds.map((personId) => ({
        sessionId: session.id,
        personId,
        method: 'roll-call' as const,
        checkedInAt: at,
      })),
    );
    return listAttendance(trx, session.id);
  });
}
