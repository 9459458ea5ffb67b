/**
 * Which counsellor follows which learner. The only code that touches `counsellor_follows`. A
 * follow stands until it is ended; ended follows stay as history.
 */
import type { Database } from '../connection.ts';

export interface CounsellorFollow {
  id: string;
  counsellorId: string;
  learnerId: string;
  startedBy: string;
  startedAt: string;
}

function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** @returns the standing follow of this pair, if any. */
export async function findStandingFollow(
  db: Database,
  counsellorId: string,
  learnerId: string,
): Promise<CounsellorFollow | undefined> {
  const row = (await db('counsellor_follows')
    .where({ counsellorId, learnerId })
    .whereNull('endedAt')
    .first()) as (CounsellorFollow & { startedAt: Date | string }) | undefined;
  return row === undefined ? undefined : { ...pick(row), startedAt: iso(row.startedAt) };
}

function pick(row: CounsellorFollow): CounsellorFollow {
  return {
    id: row.id,
    counsellorId: row.counsellorId,
    learnerId: row.learnerId,
    startedBy: row.startedBy,
    startedAt: row.startedAt,
  };
}

export async function insertFollow(db: Database, follow: CounsellorFollow): Promise<void> {
  await db('counsellor_follows').insert(follow);
}

/** Ends the standing follow of the pair. @returns whether one stood. */
export async function endFollow(
  db: Database,
  counsellorId: string,
  learnerId: string,
  by: string,
  at: Date,
): Promise<boolean> {
  const changed = await db('counsellor_follows')
    .where({ counsellorId, learnerId })
    .whereNull('endedAt')
    .update({ endedBy: by, endedAt: at.toISOString() });
  return changed > 0;
}

/** @returns the standing follows of a counsellor, oldest first. */
export async function followsOfCounsellor(
  db: Database,
  counsellorId: string,
): Promise<CounsellorFollow[]> {
  const rows = (await db('counsellor_follows')
    .where({ counsellorId })
    .whereNull('endedAt')
    .orderBy(['startedAt', 'id'])) as (CounsellorFollow & { startedAt: Date | string })[];
  return rows.map((row) => ({ ...pick(row), startedAt: iso(row.startedAt) }));
}

/** @returns the standing follows of a learner (their counsellors), oldest first. */
export async function followsOfLearner(
  db: Database,
  learnerId: string,
): Promise<CounsellorFollow[]> {
  const rows = (await db('counsellor_follows')
    .where({ learnerId })
    .whereNull('endedAt')
    .orderBy(['startedAt', 'id'])) as (CounsellorFollow & { startedAt: Date | string })[];
  return rows.map((row) => ({ ...pick(row), startedAt: iso(row.startedAt) }));
}
