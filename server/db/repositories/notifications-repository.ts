/** Notifications: what to tell a person (a badge earned, a validation rejected). */
import type { Database } from '../connection.ts';
import { toIsoInstant } from '../models/engine-row.model.ts';
import { NotificationModel } from '../models/notification.model.ts';
import { selectRows } from '../select-rows.ts';

export type NotificationKind = 'badge-earned' | 'badge-revoked' | 'validation-rejected';

export interface NotificationRecord {
  id: string;
  personId: string;
  kind: NotificationKind;
  payload: Record<string, unknown>;
  createdAt: string;
  readAt?: string;
}

/**
 * @param db the database or a transaction.
 * @param notification the notification, unread.
 */
export async function addNotification(
  db: Database,
  notification: Omit<NotificationRecord, 'readAt'>,
): Promise<void> {
  await NotificationModel.query(db).insert({
    id: notification.id,
    personId: notification.personId,
    kind: notification.kind,
    payload: JSON.stringify(notification.payload),
    createdAt: notification.createdAt,
  });
}

/**
 * @param db the database or a transaction.
 * @param personId whose notifications.
 * @returns newest first.
 */
export async function listNotifications(
  db: Database,
  personId: string,
): Promise<NotificationRecord[]> {
  // Read by every home page: written out for `selectRows` rather than built.
  const rows = await selectRows<{
    id: string;
    personId: string;
    kind: string;
    payload: string;
    createdAt: unknown;
    readAt: unknown;
  }>(
    db,
    `select id, person_id as "personId", kind, payload, created_at as "createdAt",
       read_at as "readAt"
     from notifications where person_id = ? order by created_at desc, id desc`,
    [personId],
  );
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    kind: row.kind as NotificationKind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: toIsoInstant(row.createdAt),
    ...(row.readAt === null ? {} : { readAt: toIsoInstant(row.readAt) }),
  }));
}

/**
 * @param db the database or a transaction.
 * @param personId whose notifications.
 * @returns how many are unread.
 */
export async function countUnreadNotifications(db: Database, personId: string): Promise<number> {
  const [row] = await selectRows<{ unread: number | string }>(db, UNREAD_NOTIFICATIONS_SQL, [
    personId,
  ]);
  return Number(row?.unread ?? 0);
}

/**
 * The statement of {@link countUnreadNotifications} (one binding: the person), read by every
 * home page: written out for `selectRows`; `learner-facts-repository.ts` reads it beside others.
 */
export const UNREAD_NOTIFICATIONS_SQL =
  'select count(*) as "unread" from notifications where person_id = ? and read_at is null';

/**
 * Marks one of a person's notifications read (the first reading is kept).
 *
 * @param db the database or a transaction.
 * @param personId whose notification: another person's id matches nothing.
 * @param id the notification.
 * @param at when it was read.
 * @returns whether the person has such a notification.
 */
export async function markNotificationRead(
  db: Database,
  personId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const found = await NotificationModel.query(db)
    .where({ id, personId })
    .first()
    .select('id', 'readAt');
  if (found === undefined) return false;
  if (found.readAt === null) {
    await NotificationModel.query(db)
      .patch({ readAt: at })
      .where({ id, personId })
      .whereNull('readAt');
  }
  return true;
}
