/**
 * The counts behind an administrator's view of the curricula: enrolments per curriculum and
 * awards per badge. Each is one aggregate query, whatever the number of people.
 */
import type { Knex } from 'knex';
import type { Database } from '../connection.ts';

/** How many times a badge was issued, and how many of those awards are revoked. */
export interface BadgeAwardCount {
  badgeId: string;
  issued: number;
  revoked: number;
}

/** @returns the number of people enrolled in each curriculum that has any. */
export async function countEnrolmentsByCurriculum(
  db: Database | Knex.Transaction,
): Promise<Map<string, number>> {
  const rows: Array<{ curriculumId: string; n: number | string }> = await db('enrolments')
    .select('curriculumId')
    .count({ n: '*' })
    .groupBy('curriculumId');
  return new Map(rows.map((row) => [row.curriculumId, Number(row.n)]));
}

/** @returns every badge ever issued, with its number of awards and of revoked awards. */
export async function countAwardsByBadge(
  db: Database | Knex.Transaction,
): Promise<BadgeAwardCount[]> {
  // count(column) counts the non-null values: the revoked awards.
  const rows = (await db('badgeAwards')
    .select('badgeId')
    .count({ issued: '*' })
    .count({ revoked: 'revokedAt' })
    .groupBy('badgeId')
    .orderBy('badgeId')) as Array<{
    badgeId: string;
    issued: number | string;
    revoked: number | string;
  }>;
  return rows.map((row) => ({
    badgeId: row.badgeId,
    issued: Number(row.issued),
    revoked: Number(row.revoked),
  }));
}
