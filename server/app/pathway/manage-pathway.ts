/**
 * Changes to a pathway record: target jobs (the learner), milestones (the learner, or a
 * counsellor who follows them) and counsellors' private notes. Each checks its input first and
 * writes in one transaction, so a refused change writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { Forbidden } from '../../auth/errors.ts';
import { followsLearner, type Viewer } from '../../auth/policies.ts';
import { followsOfCounsellor } from '../../db/repositories/counsellor-follows-repository.ts';
import {
  type CounsellorNote,
  insertCounsellorNote,
  replaceTargets,
  saveMilestone,
} from '../../db/repositories/pathway-repository.ts';
import { isMilestoneId } from '../../domain/pathway/milestones.ts';
import type { PathwayDeps } from './deps.ts';
import {
  InvalidMilestoneDate,
  InvalidNote,
  InvalidTargetJobs,
  MAX_NOTE_LENGTH,
  MAX_TARGET_JOBS,
  UnknownJobProfile,
  UnknownMilestone,
} from './errors.ts';

/** The learners a counsellor follows now. */
export async function followedLearnerIds(
  deps: PathwayDeps,
  counsellorId: string,
): Promise<Set<string>> {
  return new Set((await followsOfCounsellor(deps.db, counsellorId)).map((f) => f.learnerId));
}

/** @throws Forbidden unless the viewer follows the learner as a counsellor. */
export async function assertFollows(
  deps: PathwayDeps,
  viewer: Viewer,
  learnerId: string,
): Promise<void> {
  const followed = await followedLearnerIds(deps, viewer.personId);
  if (!followsLearner(viewer, learnerId, followed)) throw new Forbidden();
}

/**
 * The learner chooses their target jobs, most wanted first (an empty list clears them).
 *
 * @throws UnknownJobProfile, InvalidTargetJobs
 */
export async function setTargetJobs(
  deps: PathwayDeps,
  viewer: Viewer,
  jobIds: readonly string[],
): Promise<void> {
  if (jobIds.length > MAX_TARGET_JOBS) throw new InvalidTargetJobs('too-many');
  if (new Set(jobIds).size !== jobIds.length) throw new InvalidTargetJobs('duplicate');
  const known = new Set(deps.catalog.jobProfiles.map((job) => job.id));
  for (const jobId of jobIds) if (!known.has(jobId)) throw new UnknownJobProfile(jobId);
  await deps.db.transaction((trx) =>
    replaceTargets(trx, viewer.personId, jobIds, viewer.personId, deps.clock()),
  );
}

/**
 * Records that a milestone was reached on a day (null clears it), for the viewer themselves
 * or, for a counsellor, a learner they follow.
 *
 * @throws Forbidden, UnknownMilestone, InvalidMilestoneDate
 */
export async function setMilestone(
  deps: PathwayDeps,
  viewer: Viewer,
  input: { learnerId: string; milestoneId: string; reachedOn: string | null },
): Promise<void> {
  if (input.learnerId !== viewer.personId) await assertFollows(deps, viewer, input.learnerId);
  if (!isMilestoneId(input.milestoneId)) throw new UnknownMilestone(input.milestoneId);
  if (input.reachedOn !== null && !isPastOrToday(input.reachedOn, deps.clock())) {
    throw new InvalidMilestoneDate(input.reachedOn);
  }
  await deps.db.transaction((trx) =>
    saveMilestone(
      trx,
      input.learnerId,
      input.milestoneId,
      input.reachedOn,
      viewer.personId,
      deps.clock(),
    ),
  );
}

/**
 * A following counsellor writes a private note about a learner.
 *
 * @throws Forbidden, InvalidNote
 */
export async function addCounsellorNote(
  deps: PathwayDeps,
  viewer: Viewer,
  input: { learnerId: string; text: string },
): Promise<CounsellorNote> {
  await assertFollows(deps, viewer, input.learnerId);
  const text = input.text.trim();
  if (text.length === 0 || text.length > MAX_NOTE_LENGTH) throw new InvalidNote();
  const note: CounsellorNote = {
    id: randomUUID(),
    learnerId: input.learnerId,
    counsellorId: viewer.personId,
    text,
    createdAt: deps.clock().toISOString(),
  };
  await insertCounsellorNote(deps.db, note);
  return note;
}

/** A real calendar day, YYYY-MM-DD, not after the UTC day of `now` plus one (time zones). */
function isPastOrToday(value: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const day = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) return false;
  return day.getTime() <= now.getTime() + 86_400_000;
}
