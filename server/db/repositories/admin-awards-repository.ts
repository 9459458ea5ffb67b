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
