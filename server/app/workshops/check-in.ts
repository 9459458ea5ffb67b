/**
 * A learner checks in to a session by scanning its QR code. Only learners of the session's
 * group can; checking in twice keeps the first time.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import { listGroupMembers } from '../../db/repositories/group-progress-repository.ts';
import {
  addAttendance,
  findWorkshopSessionByCode,
  type WorkshopSession,
} from '../../db/repositories/workshops-repository.ts';
import { InvalidCheckInCode, NotInGroup } from './errors.ts';

/**
 * @returns the session checked in to.
 * @throws InvalidCheckInCode; NotInGroup when the viewer is not a learner of its group.
 */
export async function checkIn(
  deps: { db: Database; clock: () => Date },
  viewer: Viewer,
  code: string,
): Promise<WorkshopSession> {
  const trimmed = code.trim();
  const session = trimmed === '' ? null : await findWorkshopSessionByCode(deps.db, trimmed);
  if (session === null) throw new InvalidCheckInCode();
  const members = await listGroupMembers(deps.db, [session.groupId]);
  if (!members.some((m) => m.personId === viewer.personId && m.role === 'learner')) {
    throw new NotInGroup([viewer.personId]);
  }
  await addAttendance(deps.db, [
    {
      sessionId: session.id,
      personId: viewer.personId,
      method: 'qr',
      checkedInAt: deps.clock().toISOString(),
    },
  ]);
  return session;
}
