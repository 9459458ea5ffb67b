/**
 * A learner's pathway record: target jobs, milestones and counsellors' private notes. The only
 * code that touches `pathway_targets`, `pathway_milestones` and `counsellor_notes`; every
 * function takes the database or a transaction.
 */
import type { Database } from '../connection.ts';

export interface PathwayTarget {
  jobId: string;
  position: number;
  chosenBy: string;
  chosenAt: string;
}

export interface PathwayMilestone {
  milestoneId: string;
  /** The calendar day it was reached, YYYY-MM-DD. */
  reachedOn: string;
  setBy: string;
  setAt: string;
}

export interface CounsellorNote {
  id: string;
  learnerId: string;
  counsellorId: string;
  text: string;
  createdAt: string;
}

// PostgreSQL returns Date, SQLite the ISO text written.
function iso(value: Date | string): string {
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** @returns the learner's target jobs, in their order of preference. */
export async function listTargets(db: Database, learnerId: string): Promise<PathwayTarget[]> {
  const rows = (await db('pathway_targets')
    .where({ learnerId })
    .orderBy(['position', 'jobId'])) as (PathwayTarget & { chosenAt: Date | string })[];
  return rows.map((row) => ({
    jobId: row.jobId,
    position: row.position,
    chosenBy: row.chosenBy,
    chosenAt: iso(row.chosenAt),
  }));
}

/**
 * Replaces the learner's target jobs; jobs kept keep their first choice date.
 *
 * @param db a transaction.
 */
export async function replaceTargets(
  db: Database,
  learnerId: string,
  jobIds: readonly string[],
  by: string,
  at: Date,
): Promise<void> {
  const before = new Map((await listTargets(db, learnerId)).map((t) => [t.jobId, t]));
  await db('pathway_targets').where({ learnerId }).delete();
  if (jobIds.length === 0) return;
  await db('pathway_targets').insert(
    jobIds.map((jobId, position) => ({
      learnerId,
      jobId,
      position,
      chosenBy: before.get(jobId)?.chosenBy ?? by,
      chosenAt: before.get(jobId)?.chosenAt ?? at.toISOString(),
    })),
  );
}

/** @returns the milestones reached, by id. */
export async function listMilestones(db: Database, learnerId: string): Promise<PathwayMilestone[]> {
  const rows = (await db('pathway_milestones')
    .where({ learnerId })
    .orderBy(['reachedOn', 'milestoneId'])) as (PathwayMilestone & { setAt: Date | string })[];
  return rows.map((row) => ({
    milestoneId: row.milestoneId,
    reachedOn: row.reachedOn,
    setBy: row.setBy,
    setAt: iso(row.setAt),
  }));
}

/** Records (or re-dates) a milestone; `reachedOn` null clears it. */
export async function saveMilestone(
  db: Database,
  learnerId: string,
  milestoneId: string,
  reachedOn: string | null,
  by: string,
  at: Date,
): Promise<void> {
  await db('pathway_milestones').where({ learnerId, milestoneId }).delete();
  if (reachedOn === null) return;
  await db('pathway_milestones').insert({
    learnerId,
    milestoneId,
    reachedOn,
    setBy: by,
    setAt: at.toISOString(),
  });
}

/** @returns every counsellor note about the learner, oldest first. */
export async function listCounsellorNotes(
  db: Database,
  learnerId: string,
): Promise<CounsellorNote[]> {
  const rows = (await db('counsellor_notes')
    .where({ learnerId })
    .orderBy(['createdAt', 'id'])) as (CounsellorNote & { createdAt: Date | string })[];
  return rows.map((row) => ({ ...row, createdAt: iso(row.createdAt) }));
}

export async function insertCounsellorNote(db: Database, note: CounsellorNote): Promise<void> {
  await db('counsellor_notes').insert(note);
}

/** A workshop session to come, as the gap analysis shows it. */
export interface UpcomingSession {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  targetSkills: string[];
}

/**
 * @returns sessions starting in [from, to) that work on at least one of the skills, earliest
 *   first. `target_skills` is JSON text, so the skill filter runs here on both databases.
 */
export async function upcomingSessionsFor(
  db: Database,
  skillIds: ReadonlySet<string>,
  from: Date,
  to: Date,
): Promise<UpcomingSession[]> {
  if (skillIds.size === 0) return [];
  const rows = (await db('workshop_sessions')
    .select('id', 'title', 'startsAt', 'endsAt', 'targetSkills')
    .where('startsAt', '>=', from.toISOString())
    .where('startsAt', '<', to.toISOString())
    .orderBy(['startsAt', 'id'])) as {
    id: string;
    title: string;
    startsAt: Date | string;
    endsAt: Date | string;
    targetSkills: string;
  }[];
  return rows
    .map((row) => ({
      id: row.id,
      title: row.title,
      startsAt: iso(row.startsAt),
      endsAt: iso(row.endsAt),
      targetSkills: JSON.parse(row.targetSkills) as string[],
    }))
    .filter((session) => session.targetSkills.some((skill) => skillIds.has(skill)));
}
