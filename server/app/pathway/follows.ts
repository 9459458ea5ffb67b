/**
 * Who follows whom: an admin, or the learner inviting a counsellor, starts a follow; the
 * learner, the counsellor or an admin ends it. A counsellor sees only the learners they follow.
 */
import { randomUUID } from 'node:crypto';
import { Forbidden } from '../../auth/errors.ts';
import { hasRole, isAdmin, type Viewer } from '../../auth/policies.ts';
import {
  type CounsellorFollow,
  endFollow,
  findStandingFollow,
  insertFollow,
} from '../../db/repositories/counsellor-follows-repository.ts';
import { PeopleRepository } from '../../db/repositories/people-repository.ts';
import { UnknownPerson } from '../engine-errors.ts';
import type { PathwayDeps } from './deps.ts';
import { NotACounsellor } from './errors.ts';

/**
 * @returns the standing follow (an existing one is returned as is).
 * @throws Forbidden, UnknownPerson, NotACounsellor
 */
export async function followLearner(
  deps: PathwayDeps,
  viewer: Viewer,
  input: { counsellorId: string; learnerId: string },
): Promise<CounsellorFollow> {
  const invitingSelf = viewer.personId === input.learnerId && hasRole(viewer, 'learner');
  if (!isAdmin(viewer) && !invitingSelf) throw new Forbidden();
  if (input.counsellorId === input.learnerId) throw new NotACounsellor(input.counsellorId);
  const people = new PeopleRepository(deps.db);
  const [counsellor, learner] = await Promise.all([
    people.findById(input.counsellorId),
    people.findById(input.learnerId),
  ]);
  if (learner === null) throw new UnknownPerson(input.learnerId);
  if (counsellor === null) throw new UnknownPerson(input.counsellorId);
  if (!counsellor.roles.includes('counsellor')) throw new NotACounsellor(input.counsellorId);
  return deps.db.transaction(async (trx) => {
    const standing = await findStandingFollow(trx, input.counsellorId, input.learnerId);
    if (standing !== undefined) return standing;
    const follow: CounsellorFollow = {
      id: randomUUID(),
      counsellorId: input.counsellorId,
      learnerId: input.learnerId,
      startedBy: viewer.personId,
      startedAt: deps.clock().toISOString(),
    };
    await insertFollow(trx, follow);
    return follow;
  });
}

/**
 * @returns whether a follow stood and was ended.
 * @throws Forbidden unless the viewer is an admin, the learner or the counsellor.
 */
export async function unfollowLearner(
  deps: PathwayDeps,
  viewer: Viewer,
  input: { counsellorId: string; learnerId: string },
): Promise<boolean> {
  const party = viewer.personId === input.learnerId || viewer.personId === input.counsellorId;
  if (!isAdmin(viewer) && !party) throw new Forbidden();
  return endFollow(deps.db, input.counsellorId, input.learnerId, viewer.personId, deps.clock());
}
