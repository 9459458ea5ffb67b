/**
 * A learner's enrolments as they see them: each curriculum they follow, since when, and the
 * active groups in which they learn it. Reads only; enrolling happens when a learner joins a
 * group (and in demo seeding).
 */
import type { Knex } from 'knex';
import type { Database } from '../connection.ts';
import { selectRows } from '../select-rows.ts';

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
 * One query, whatever the number of enrolments and groups: each enrolment beside each of the
 * learner's active groups of its curriculum (or beside nothing).
 *
 * @param db the database or a transaction.
 * @param personId the learner.
 * @returns their enrolments, oldest first (then by curriculum id).
 */
export async function listLearnerEnrolments(
  db: Database | Knex.Transaction,
  personId: string,
): Promise<LearnerEnrolment[]> {
  return enrolmentsOf(await selectRows(db, LEARNER_ENROLMENTS_SQL, [personId]));
}

/**
 * The statement of {@link listLearnerEnrolments} (one binding: the learner), read by every home
 * page: written out for `selectRows` rather than built; `learner-facts-repository.ts` reads it
 * beside others.
 */
export const LEARNER_ENROLMENTS_SQL = `select e.curriculum_id as "curriculumId",
   e.enrolled_at as "enrolledAt", g.id as "groupId", g.name as "groupName"
   from enrolments e
   left join group_members m on m.person_id = e.person_id and m.role = 'learner'
   left join groups g
     on g.id = m.group_id and g.curriculum_id = e.curriculum_id and g.archived_at is null
   where e.person_id = ?
   order by e.enrolled_at, e.curriculum_id, g.name, g.id`;

/** A row of {@link LEARNER_ENROLMENTS_SQL}, as either database (or PostgreSQL's JSON) gives it. */
export interface LearnerEnrolmentRow {
  curriculumId: string;
  enrolledAt: string | Date;
  groupId: string | null;
  groupName: string | null;
}

/** @returns the enrolments of rows of {@link LEARNER_ENROLMENTS_SQL}, in their order. */
export function enrolmentsOf(rows: readonly LearnerEnrolmentRow[]): LearnerEnrolment[] {
  const enrolments = new Map<string, LearnerEnrolment>();
  for (const row of rows) {
    let enrolment = enrolments.get(row.curriculumId);
    if (enrolment === undefined) {
      enrolment = {
        curriculumId: row.curriculumId,
        // SQLite returns the ISO text written, PostgreSQL a Date: both become ISO text.
        enrolledAt: new Date(row.enrolledAt).toISOString(),
        groups: [],
      };
      enrolments.set(row.curriculumId, enrolment);
    }
    // A membership of a group of another curriculum (or archived) joins no group: no row.
    if (row.groupId !== null && row.groupName !== null) {
      enrolment.groups.push({ id: row.groupId, name: row.groupName });
    }
  }
  return [...enrolments.values()];
}
