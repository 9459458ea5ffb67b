/**
 * A learner checks in to a session by scanning its QR code. Only learners of the session's
 * group can, and only around the session's hours; checking in twice keeps the first time.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import { listGroupMembers } from '../../db/repositories/group-progress-repository.ts';
import {
  addAttendance,
  findWorkshopSessionByCode,
  type WorkshopSession,
} from '../../db/repositories/workshops-repository.ts';
import { CheckInClosed, InvalidCheckInCode, NotInGroup } from './errors.ts';

/**
 * Check-in opens this long before the session starts (people arrive early and scan while the
 * room is set up) and closes when it ends: the code shown in the room, or photographed and
 * shared, then no longer marks anyone present. Late corrections are the trainer's roll-call.
 */
export const CHECK_IN_OPENS_BEFORE_MS = 30 * 60_000;

/**
 * @param session the session's times.
 * @returns when checking in by QR code opens and closes, in milliseconds since the epoch.
 */
export function checkInWindow(session: Pick<WorkshopSession, 'startsAt' | 'endsAt'>): {
  opensAt: number;
  closesAt: number;
} {
  return {
    opensAt: Date.parse(session.startsAt) - CHECK_IN_OPENS_BEFORE_MS,
    closesAt: Date.parse(session.endsAt),
  };
}

/**
 * @param deps the database, the clock and the workshops' time zone (for the refusal's wording).
 * @returns the session checked in to.
 * @throws InvalidCheckInCode; NotInGroup when the viewer is not a learner of its group;
 *   CheckInClosed outside the check-in window. Nothing is written when one is thrown.
 */
export async function checkIn(
  deps: { db: Database; clock: () => Date; timeZone: string },
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
  const now = deps.clock();
  const window = checkInWindow(session);
  if (now.getTime() < window.opensAt || now.getTime() > window.closesAt) {
    throw new CheckInClosed({ ...session, timeZone: deps.timeZone }, window, now.getTime());
  }
  await addAttendance(deps.db, [
    {
      sessionId: session.id,
      personId: viewer.personId,
      method: 'qr',
      checkedInAt: now.toISOString(),
    },
  ]);
  return session;
}
