/**
 * A learner's enrolments as they see them: each curriculum they follow, since when, and the
 * active groups in which they learn it. Reads only; enrolling happens when a learner joins a
 * group (and in demo seeding).
 */
import type { Knex } from 'knex';
import type { Database } from '../connection.ts';

/** A group in which the learner follows a curriculum. */
export interface EnrolmentGroup {
  id: string;
  name: string;
}

/** One curriculum a learner follows. */
export interface LearnerEnrolment {
  curriculumId: string;
  /** ISO 8601. */
  enrolledAt: string;
  /** The learner's active groups working on this curriculum, by name. */
  groups: EnrolmentGroup[];
}

/**
 * Two queries, whatever the number of enrolments and groups.
 *
 * @param db the database or a transaction.
 * @param personId the learner.
 * @returns their enrolments, oldest first (then by curriculum id).
 */
export async function listLearnerEnrolments(
  db: Database | Knex.Transaction,
  personId: string,
): Promise<LearnerEnrolment[]> {
  const enrolments: Array<{ curriculumId: string; enrolledAt: string | Date }> = await db(
    'enrolments',
  )
    .select('curriculumId', 'enrolledAt')
    .where('personId', personId)
    .orderBy([{ column: 'enrolledAt' }, { column: 'curriculumId' }]);
  if (enrolments.length === 0) return [];

  const groups: Array<{ id: string; name: string; curriculumId: string }> = await db(
    'groupMembers as m',
  )
    .join('groups as g', 'g.id', 'm.groupId')
    .select('g.id', 'g.name', 'g.curriculumId')
    .where({ 'm.personId': personId, 'm.role': 'learner' })
    .whereNull('g.archivedAt')
    .whereIn(
      'g.curriculumId',
      enrolments.map((e) => e.curriculumId),
    )
    .orderBy([{ column: 'g.name' }, { column: 'g.id' }]);

  return enrolments.map((enrolment) => ({
    curriculumId: enrolment.curriculumId,
    // SQLite returns the ISO text written, PostgreSQL a Date: both become ISO text.
    enrolledAt: new Date(enrolment.enrolledAt).toISOString(),
    groups: groups
      .filter((group) => group.curriculumId === enrolment.curriculumId)
      .map((group) => ({ id: group.id, name: group.name })),
  }));
}
