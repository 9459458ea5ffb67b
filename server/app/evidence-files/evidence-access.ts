/**
 * Who may see a piece of evidence, and so receive links to its file: the learner who handed it
 * in, the trainers of the learner's active groups (those whose validation queue shows it), and
 * administrators. The rule is `canSeeLearner`, over memberships read now.
 */
import { Forbidden } from '../../auth/errors.ts';
import { canSeeLearner, isAdmin, type Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import { type EvidenceRecord, findEvidence } from '../../db/repositories/evidence-repository.ts';
import { GroupsRepository } from '../../db/repositories/groups-repository.ts';
import { UnknownEvidence } from './errors.ts';

/**
 * @param db the database.
 * @param viewer who asks.
 * @param learnerId whose evidence.
 * @returns whether the viewer may see that learner's evidence.
 */
export async function maySeeEvidenceOf(
  db: Database,
  viewer: Viewer,
  learnerId: string,
): Promise<boolean> {
  if (viewer.personId === learnerId || isAdmin(viewer)) return true;
  const memberships = await new GroupsRepository(db).activeMembershipsOf([
    viewer.personId,
    learnerId,
  ]);
  return canSeeLearner(viewer, learnerId, memberships);
}

/**
 * @param db the database.
 * @param viewer who asks.
 * @param evidenceId the evidence.
 * @returns the evidence.
 * @throws Forbidden when the viewer may not see it; UnknownEvidence for an admin naming no
 *   evidence (anyone else gets Forbidden, so ids cannot be probed).
 */
export async function findVisibleEvidence(
  db: Database,
  viewer: Viewer,
  evidenceId: string,
): Promise<EvidenceRecord> {
  const evidence = await findEvidence(db, evidenceId);
  if (evidence === undefined) {
    if (isAdmin(viewer)) throw new UnknownEvidence(evidenceId);
    throw new Forbidden();
  }
  if (!(await maySeeEvidenceOf(db, viewer, evidence.learnerId))) throw new Forbidden();
  return evidence;
}
