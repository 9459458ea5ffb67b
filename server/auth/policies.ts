/**
 * Who may do what: pure functions over the viewer (who is asking) and group memberships (which
 * the caller loads). No I/O, so GraphQL resolvers, use cases and tests share the same rules.
 */
import type { Role } from './roles.ts';

/** The signed-in person as adapters see them. */
export interface Viewer {
  personId: string;
  roles: readonly Role[];
}

/** One person's place in one (active) group. */
export interface GroupMembership {
  groupId: string;
  personId: string;
  role: 'trainer' | 'learner';
}

/** @returns whether the viewer holds `role`. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  return viewer.roles.includes(role);
}

/** @returns whether the viewer is an administrator. */
export function isAdmin(viewer: Viewer): boolean {
  return hasRole(viewer, 'admin');
}

/**
 * @param viewer who asks.
 * @param learnerId the learner concerned.
 * @param memberships memberships of the viewer and the learner (others are ignored).
 * @returns whether the viewer trains a group the learner belongs to as a learner.
 */
export function trainsLearner(
  viewer: Viewer,
  learnerId: string,
  memberships: readonly GroupMembership[],
): boolean {
  if (!hasRole(viewer, 'trainer')) return false;
  const trained = new Set(
    memberships
      .filter((m) => m.personId === viewer.personId && m.role === 'trainer')
      .map((m) => m.groupId),
  );
  return memberships.some(
    (m) => m.personId === learnerId && m.role === 'learner' && trained.has(m.groupId),
  );
}

/**
 * Whether the viewer may validate the learner's skills: a trainer, for learners of a group they
 * train, and never for themselves (a trainer who is also learning is validated by someone
 * else). Being an admin alone is not enough: a validation attests having seen the skill.
 *
 * @param viewer who asks.
 * @param learnerId the learner whose skill would be validated.
 * @param memberships memberships of the viewer and the learner.
 */
export function canValidate(
  viewer: Viewer,
  learnerId: string,
  memberships: readonly GroupMembership[],
): boolean {
  if (viewer.personId === learnerId) return false;
  return trainsLearner(viewer, learnerId, memberships);
}

/**
 * Whether the viewer may withdraw a validation of the learner: whoever may validate (a trainer
 * of one of the learner's groups), and administrators, who take back validations given in
 * error or by fraud without having seen the skill themselves. Never for oneself.
 *
 * @param viewer who asks.
 * @param learnerId the learner whose validation would be withdrawn.
 * @param memberships memberships of the viewer and the learner.
 */
export function canWithdrawValidation(
  viewer: Viewer,
  learnerId: string,
  memberships: readonly GroupMembership[],
): boolean {
  if (viewer.personId === learnerId) return false;
  return isAdmin(viewer) || trainsLearner(viewer, learnerId, memberships);
}

/**
 * Whether the viewer may see the learner's profile and progress: the learner themselves, the
 * trainers of their groups, and admins. Counsellors will see the learners they follow once
 * "follows" are stored; until then they see no one but themselves.
 *
 * @param viewer who asks.
 * @param learnerId the learner to show.
 * @param memberships memberships of the viewer and the learner.
 */
export function canSeeLearner(
  viewer: Viewer,
  learnerId: string,
  memberships: readonly GroupMembership[],
): boolean {
  if (viewer.personId === learnerId) return true;
  if (isAdmin(viewer)) return true;
  return trainsLearner(viewer, learnerId, memberships);
}

/**
 * Whether the viewer may read a learner's pathway record with the counsellors' private notes,
 * or set their milestones as a counsellor: a counsellor who follows the learner, only. Admins
 * manage the follows but do not read notes; trainers see progress, not pathways.
 *
 * @param viewer who asks.
 * @param learnerId the learner concerned.
 * @param followedLearnerIds the learners the viewer follows now (the caller loads them).
 */
export function followsLearner(
  viewer: Viewer,
  learnerId: string,
  followedLearnerIds: ReadonlySet<string>,
): boolean {
  if (viewer.personId === learnerId) return false;
  return hasRole(viewer, 'counsellor') && followedLearnerIds.has(learnerId);
}
