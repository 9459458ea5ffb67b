/**
 * The two reads and writes demo seeding needs that no other repository offers yet: whether
 * anyone exists at all, and enrolling a person in a curriculum (the `enrolments` table).
 */
import type { Knex } from 'knex';
import type { Database } from '../connection.ts';

/** @returns whether the `people` table holds at least one row. */
export async function anyPersonExists(db: Database | Knex.Transaction): Promise<boolean> {
  const row: unknown = await db('people').select('id').first();
  return row !== undefined;
}

/** One enrolment: a person follows a curriculum since a date. */
export interface Enrolment {
  personId: string;
  curriculumId: string;
  enrolledAt: Date;
}

/**
 * Enrols people in curricula; an enrolment that already exists is left as it was.
 *
 * @param db the database or a transaction.
 * @param enrolments who follows what, since when.
 */
export async function addEnrolments(
  db: Database | Knex.Transaction,
  enrolments: readonly Enrolment[],
): Promise<void> {
  // One statement per row: batched inserts with ON CONFLICT behave the same on both databases,
  // but a handful of rows does not need them.
  for (const enrolment of enrolments) {
    await db('enrolments')
      .insert({
        personId: enrolment.personId,
        curriculumId: enrolment.curriculumId,
        // ISO text on both databases, as the models write timestamps.
        enrolledAt: enrolment.enrolledAt.toISOString(),
      })
      .onConflict(['personId', 'curriculumId'])
      .ignore();
  }
}

/** @returns the person's enrolments, by curriculum id. */
export async function listEnrolments(
  db: Database | Knex.Transaction,
  personId: string,
): Promise<Array<{ curriculumId: string; enrolledAt: Date }>> {
  const rows: Array<{ curriculumId: string; enrolledAt: Date | string }> = await db('enrolments')
    .select('curriculumId', 'enrolledAt')
    .where('personId', personId)
    .orderBy('curriculumId');
  return rows.map((row) => ({
    curriculumId: row.curriculumId,
    enrolledAt: new Date(row.enrolledAt),
  }));
}

/** A piece of text evidence a learner handed in. */
export interface TextEvidence {
  id: string;
  learnerId: string;
  skillId: string;
  text: string;
  submittedAt: Date;
}

/**
 * Stores text evidence (the `evidence` rows that `evidence-submitted` events name).
 *
 * @param db the database or a transaction.
 * @param evidence the submissions.
 */
export async function addTextEvidence(
  db: Database | Knex.Transaction,
  evidence: readonly TextEvidence[],
): Promise<void> {
  for (const item of evidence) {
    await db('evidence').insert({
      id: item.id,
      learnerId: item.learnerId,
      skillId: item.skillId,
      kind: 'text',
      text: item.text,
      submittedAt: item.submittedAt.toISOString(),
    });
  }
}
