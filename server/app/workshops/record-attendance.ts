/**
 * Roll-call: a trainer marks learners of the session's group present. Calling it again with
 * the same learners changes nothing; everyone named must be a learner of the group, or no one
 * is recorded. Unlike the learners' QR check-in, it has no closing time (a trainer corrects the
 * list after the session, or days later), but it opens only on the session's day, in the
 * workshops' time zone: marking people present at next week's session is a wrong tap.
 */
import type { Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import { listGroupMembers } from '../../db/repositories/group-progress-repository.ts';
import {
  type AttendanceRecord,
  addAttendance,
  listAttendance,
} from '../../db/repositories/workshops-repository.ts';
import { calendarDayOf, startOfCalendarDay } from '../../domain/calendar.ts';
import { NotInGroup, RollCallNotOpen } from './errors.ts';
import { requireWorkshopSession } from './find-workshop-session.ts';

/**
 * @param deps the database, the clock and the workshops' time zone (what "the session's day" is).
 * @returns everyone present at the session after the roll-call.
 * @throws UnknownWorkshopSession, Forbidden, RollCallNotOpen (before the session's day),
 *   NotInGroup: nothing written.
 */
export async function recordAttendance(
  deps: { db: Database; clock: () => Date; timeZone: string },
  viewer: Viewer,
  input: { sessionId: string; learnerIds: readonly string[] },
): Promise<AttendanceRecord[]> {
  const session = await requireWorkshopSession(deps.db, viewer, input.sessionId);
  const opensAt = startOfCalendarDay(
    calendarDayOf(Date.parse(session.startsAt), deps.timeZone),
    deps.timeZone,
  );
  if (deps.clock().getTime() < opensAt) {
    throw new RollCallNotOpen({ ...session, timeZone: deps.timeZone }, opensAt);
  }
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
