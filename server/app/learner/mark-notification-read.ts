/** A person marks one of their notifications read. */
import type { Database } from '../../db/connection.ts';
import { markNotificationRead as markRead } from '../../db/repositories/notifications-repository.ts';
import { UnknownNotification } from './errors.ts';

/**
 * @param deps the database and the clock.
 * @param command whose notification (the signed-in person) and which.
 * @throws UnknownNotification when the person has no such notification (another person's
 *   notification is answered the same way, so its existence is not revealed).
 */
export async function markNotificationRead(
  deps: { db: Database; clock: () => Date },
  command: { personId: string; notificationId: string },
): Promise<void> {
  const found = await markRead(
    deps.db,
    command.personId,
    command.notificationId,
    deps.clock().toISOString(),
  );
  if (!found) throw new UnknownNotification(command.notificationId);
}
