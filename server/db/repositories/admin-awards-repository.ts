/**
 * The administrator's view of badge awards: every award with its learner's display name, its
 * flag and its revocation, filtered. Reads only; revoking goes through `revoke-badge.ts`.
 */
import type { Database } from '../connection.ts';

/** What an administrator filters awards on (all optional, combined with AND). */
export interface AwardFilter {
  learnerId?: string;
  badgeId?: string;
  /** Only awards flagged for review (and not yet revoked). */
  flaggedOnly?: boolean;
  /** true: only revoked awards; false: only standing ones; absent: both. */
  revoked?: boolean;
}

/** One award as the administration list shows it. */
export interface AdminAwardRow {
  id: string;
  learnerId: string;
  learnerDisplayName: string;
  badgeId: string;
  issuedAt: string;
  validUntil?: string;
  flaggedAt?: string;
  flagReason?: string;
  revokedAt?: string;
  revocationReason?: string;
  revokedBy?: string;
}

interface Row {
  id: string;
  learnerId: string;
  learnerDisplayName: string;
  badgeId: string;
  issuedAt: string | Date;
  validUntil: string | Date | null;
  flaggedAt: string | Date | null;
  flagReason: string | null;
  revokedAt: string | Date | null;
  revocationReason: string | null;
  revokedBy: string | null;
}

/** Most awards an administration list returns at once. */
export const AWARD_LIST_LIMIT = 500;

/**
 * @param db the database or a transaction.
 * @param filter which awards.
 * @returns the awards, newest first, at most {@link AWARD_LIST_LIMIT}.
 */
export async function listAwardsForAdmin(
  db: Database,
  filter: AwardFilter = {},
): Promise<AdminAwardRow[]> {
  const query = db('badgeAwards as a')
    .join('people as p', 'p.id', 'a.learnerId')
    .select(
      'a.id',
      'a.learnerId',
      'p.displayName as learnerDisplayName',
      'a.badgeId',
      'a.issuedAt',
      'a.validUntil',
      'a.flaggedAt',
      'a.flagReason',
      'a.revokedAt',
      'a.revocationReason',
      'a.revokedBy',
    )
    .orderBy([
      { column: 'a.issuedAt', order: 'desc' },
      { column: 'a.id', order: 'desc' },
    ])
    .limit(AWARD_LIST_LIMIT);
  if (filter.learnerId !== undefined) query.where('a.learnerId', filter.learnerId);
  if (filter.badgeId !== undefined) query.where('a.badgeId', filter.badgeId);
  if (filter.flaggedOnly === true) query.whereNotNull('a.flaggedAt').whereNull('a.revokedAt');
  if (filter.revoked === true) query.whereNotNull('a.revokedAt');
  if (filter.revoked === false) query.whereNull('a.revokedAt');
  const rows: Row[] = await query;
  return rows.map((row) => ({
    id: row.id,
    learnerId: row.learnerId,
    learnerDisplayName: row.learnerDisplayName,
    badgeId: row.badgeId,
    issuedAt: iso(row.issuedAt),
    ...optional('validUntil', row.validUntil),
    ...optional('flaggedAt', row.flaggedAt),
    ...(row.flagReason === null ? {} : { flagReason: row.flagReason }),
    ...optional('revokedAt', row.revokedAt),
    ...(row.revocationReason === null ? {} : { revocationReason: row.revocationReason }),
    ...(row.revokedBy === null ? {} : { revokedBy: row.revokedBy }),
  }));
}

// SQLite returns the ISO text written, PostgreSQL a Date: both become ISO text.
function iso(value: string | Date): string {
  return new Date(value).toISOString();
}

function optional<K extends string>(
  key: K,
  value: string | Date | null,
): Partial<Record<K, string>> {
  return value === null ? {} : ({ [key]: iso(value) } as Record<K, string>);
}

/** The ledger event behind a flag: which validation was taken back, by whom, when and why. */
export interface AwardFlagOrigin {
  awardId: string;
  eventId: string;
  type: 'validation-withdrawn' | 'jury-decided';
  skillId: string;
  byPersonId: string;
  byDisplayName: string;
  /** When it happened. */
  occurredAt: string;
  /** When it was recorded (and the award flagged). */
  recordedAt: string;
  /** The withdrawal's reason or the jury's comment. */
  comment?: string;
}

/** The last time an administrator kept a flagged award. */
export interface AwardFlagClearance {
  awardId: string;
  at: string;
  byPersonId: string;
  byDisplayName: string;
  comment: string;
}

/** What an administrator reviewing awards sees beside the flag itself. */
export interface AwardReview {
  /** The event that raised the standing flag; absent when not flagged, or flagged by hand. */
  origin?: AwardFlagOrigin;
  lastClearance?: AwardFlagClearance;
}

interface ReviewRow {
  awardId: string;
  eventId: string | null;
  eventType: string | null;
  skillId: string | null;
  payload: string | null;
  actorId: string | null;
  actorDisplayName: string | null;
  occurredAt: string | Date | null;
  recordedAt: string | Date | null;
  flagClearedAt: string | Date | null;
  flagClearedBy: string | null;
  clearerDisplayName: string | null;
  flagClearComment: string | null;
}

/**
 * One query for any number of awards (the administration list asks for all of its rows at
 * once through a per-request loader).
 *
 * @param db the database or a transaction.
 * @param awardIds the awards.
 * @returns the review details of each award found, by award id.
 */
export async function listAwardReviews(
  db: Database,
  awardIds: readonly string[],
): Promise<Map<string, AwardReview>> {
  const reviews = new Map<string, AwardReview>();
  if (awardIds.length === 0) return reviews;
  const rows: ReviewRow[] = await db('badgeAwards as a')
    .leftJoin('progressEvents as e', 'e.id', 'a.flagEventId')
    .leftJoin('people as actor', 'actor.id', 'e.actorId')
    .leftJoin('people as clearer', 'clearer.id', 'a.flagClearedBy')
    .whereIn('a.id', [...new Set(awardIds)])
    .select(
      'a.id as awardId',
      'e.id as eventId',
      'e.type as eventType',
      'e.skillId',
      'e.payload',
      'e.actorId',
      'actor.displayName as actorDisplayName',
      'e.occurredAt',
      'e.recordedAt',
      'a.flagClearedAt',
      'a.flagClearedBy',
      'clearer.displayName as clearerDisplayName',
      'a.flagClearComment',
    );
  for (const row of rows) reviews.set(row.awardId, toReview(row));
  return reviews;
}

function toReview(row: ReviewRow): AwardReview {
  const review: AwardReview = {};
  if (
    row.eventId !== null &&
    (row.eventType === 'validation-withdrawn' || row.eventType === 'jury-decided') &&
    row.occurredAt !== null &&
    row.recordedAt !== null
  ) {
    const payload = JSON.parse(row.payload ?? '{}') as { comment?: unknown };
    review.origin = {
      awardId: row.awardId,
      eventId: row.eventId,
      type: row.eventType,
      skillId: row.skillId ?? '',
      byPersonId: row.actorId ?? '',
      byDisplayName: row.actorDisplayName ?? '',
      occurredAt: iso(row.occurredAt),
      recordedAt: iso(row.recordedAt),
      ...(typeof payload.comment === 'string' ? { comment: payload.comment } : {}),
    };
  }
  if (row.flagClearedAt !== null && row.flagClearedBy !== null) {
    review.lastClearance = {
      awardId: row.awardId,
      at: iso(row.flagClearedAt),
      byPersonId: row.flagClearedBy,
      byDisplayName: row.clearerDisplayName ?? '',
      comment: row.flagClearComment ?? '',
    };
  }
  return review;
}
