/**
 * The reads and writes demo seeding needs that no other repository offers yet: whether anyone
 * exists at all, enrolling a person in a curriculum (the `enrolments` table), and evidence
 * handed in on past dates.
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

/** A piece of evidence a learner handed in: a text, or a link with a short note. */
export interface SubmittedEvidence {
  id: string;
  learnerId: string;
  skillId: string;
  text: string;
  /** Present for a link (`kind` link), absent for a text. */
  url?: string;
  submittedAt: Date;
}

/**
 * Stores evidence (the `evidence` rows that `evidence-submitted` events name).
 *
 * @param db the database or a transaction.
 * @param evidence the submissions.
 */
export async function addSubmittedEvidence(
  db: Database | Knex.Transaction,
  evidence: readonly SubmittedEvidence[],
): Promise<void> {
  for (const item of evidence) {
    await db('evidence').insert({
      id: item.id,
      learnerId: item.learnerId,
      skillId: item.skillId,
      kind: item.url === undefined ? 'text' : 'link',
      text: item.text,
      url: item.url ?? null,
      submittedAt: item.submittedAt.toISOString(),
    });
  }
}
