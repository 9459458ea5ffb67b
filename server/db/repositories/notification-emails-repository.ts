/**
 * Notifications by email and expiry reminders: which notifications still have to be emailed
 * (to people who have an email), marking them sent, and which standing awards are about to
 * expire without a reminder yet. Knex tables only, as every repository.
 */
import type { Database } from '../connection.ts';
import { toIsoInstant } from '../models/engine-row.model.ts';

/** The notification kinds that are also sent by email. */
export const EMAILED_KINDS = ['badge-earned', 'validation-rejected', 'expiry-soon'] as const;

/** One notification of a kind sent by email, with its recipient. */
export interface PendingEmail {
  id: string;
  personId: string;
  kind: (typeof EMAILED_KINDS)[number];
  payload: Record<string, unknown>;
  createdAt: string;
  email: string;
  displayName: string;
}

interface PendingRow {
  id: string;
  personId: string;
  kind: string;
  payload: string;
  createdAt: string | Date;
  email: string;
  displayName: string;
}

/**
 * @param db the database or a transaction.
 * @param limit most rows returned.
 * @returns notifications not yet emailed of people who have an email, oldest first.
 */
export async function listPendingEmails(db: Database, limit = 200): Promise<PendingEmail[]> {
  const rows: PendingRow[] = await db('notifications as n')
    .join('people as p', 'p.id', 'n.personId')
    .whereNull('n.emailedAt')
    .whereNotNull('p.email')
    .whereIn('n.kind', [...EMAILED_KINDS])
    .select('n.id', 'n.personId', 'n.kind', 'n.payload', 'n.createdAt', 'p.email', 'p.displayName')
    .orderBy([{ column: 'n.createdAt' }, { column: 'n.id' }])
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    personId: row.personId,
    kind: row.kind as PendingEmail['kind'],
    payload: JSON.parse(row.payload) as Record<string, unknown>,
    createdAt: toIsoInstant(row.createdAt),
    email: row.email,
    displayName: row.displayName,
  }));
}

/**
 * Marks a notification emailed, unless it already was.
 *
 * @param db the database or a transaction.
 * @param id the notification.
 * @param at when it was sent.
 * @returns whether this call marked it (false: another sender got there first).
 */
export async function markNotificationEmailed(
  db: Database,
  id: string,
  at: string,
): Promise<boolean> {
  const changed = await db('notifications')
    .where({ id })
    .whereNull('emailedAt')
    .update({ emailedAt: at });
  return Number(changed) === 1;
}

/** A standing award whose validity ends soon. */
export interface ExpiringAward {
  id: string;
  learnerId: string;
  badgeId: string;
  validUntil: string;
}

/**
 * @param db the database or a transaction.
 * @param from now.
 * @param until the end of the reminder window.
 * @returns standing awards (not revoked) valid until a moment in [from, until], not reminded yet.
 */
export async function listAwardsToRemind(
  db: Database,
  from: Date,
  until: Date,
): Promise<ExpiringAward[]> {
  const rows: Array<{ id: string; learnerId: string; badgeId: string; validUntil: string | Date }> =
    await db('badgeAwards')
      .whereNull('revokedAt')
      .whereNull('expiryRemindedAt')
      .whereNotNull('validUntil')
      .where('validUntil', '>=', from.toISOString())
      .where('validUntil', '<=', until.toISOString())
      .select('id', 'learnerId', 'badgeId', 'validUntil')
      .orderBy([{ column: 'validUntil' }, { column: 'id' }]);
  return rows.map((row) => ({ ...row, validUntil: toIsoInstant(row.validUntil) }));
}

/**
 * Records that an award's holder was reminded of its expiry, unless already done.
 *
 * @param db the database or a transaction.
 * @param awardId the award.
 * @param at when.
 * @returns whether this call recorded it (false: already reminded).
 */
export async function markExpiryReminded(
  db: Database,
  awardId: string,
  at: string,
): Promise<boolean> {
  const changed = await db('badgeAwards')
    .where({ id: awardId })
    .whereNull('expiryRemindedAt')
    .update({ expiryRemindedAt: at });
  return Number(changed) === 1;
}

/**
 * @param db the database or a transaction.
 * @param notification an 'expiry-soon' notification, unread.
 */
export async function addExpiryNotification(
  db: Database,
  notification: {
    id: string;
    personId: string;
    payload: Record<string, unknown>;
    createdAt: string;
  },
): Promise<void> {
  await db('notifications').insert({
    id: notification.id,
    personId: notification.personId,
    kind: 'expiry-soon',
    payload: JSON.stringify(notification.payload),
    createdAt: notification.createdAt,
  });
}

/**
 * Gives a notification back to the pending ones after its email could not be sent.
 *
 * @param db the database or a transaction.
 * @param id the notification.
 */
export async function releaseNotificationEmail(db: Database, id: string): Promise<void> {
  await db('notifications').where({ id }).update({ emailedAt: null });
}
