/** Notifications: what to tell a person (a badge earned, a validation rejected). */
import type { Database } from '../connection.ts';
import { NotificationModel } from '../models/notification.model.ts';

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
  const rows = await NotificationModel.query(db)
    .where('personId', personId)
    .orderBy([
      { column: 'createdAt', order: 'desc' },
      { column: 'id', order: 'desc' },
    ]);
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    kind: row.kind as NotificationKind,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: row.createdAt,
    ...(row.readAt === null ? {} : { readAt: row.readAt }),
  }));
}

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
