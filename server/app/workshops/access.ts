/**
 * Who may run a group's workshops: the trainers of the group, and administrators; learners
 * never. Memberships are read now, not taken from the access token.
 */
import { Forbidden } from '../../auth/errors.ts';
import { hasRole, isAdmin, type Viewer } from '../../auth/policies.ts';
import type { Database } from '../../db/connection.ts';
import { type Group, GroupsRepository } from '../../db/repositories/groups-repository.ts';
import { UnknownGroup } from '../accounts/errors.ts';

/**
 * @param viewer who asks.
 * @param groupId the group.
 * @returns the group.
 * @throws Forbidden unless the viewer is an admin or trains the group; UnknownGroup for an
 *   admin naming no active group (a trainer gets Forbidden, so ids are not probed).
 */
export async function requireGroupAccess(
  db: Database,
  viewer: Viewer,
  groupId: string,
): Promise<Group> {
  mayRunGroups(viewer);
  const found = await new GroupsRepository(db).findWithTrainer(groupId, viewer.personId);
  return judgeGroupAccess(viewer, groupId, found).group;
}

/**
 * Before reading anything: only administrators and trainers run groups.
 *
 * @throws Forbidden for anyone else.
 */
export function mayRunGroups(viewer: Viewer): void {
  if (!isAdmin(viewer) && !hasRole(viewer, 'trainer')) throw new Forbidden();
}

/**
 * The rule of {@link requireGroupAccess} on a group already read with whether the viewer
 * trains it (a trainer's grid reads both with its learners in one statement).
 *
 * @returns what was read, once judged: never null.
 * @throws Forbidden, UnknownGroup, as `requireGroupAccess`.
 */
export function judgeGroupAccess<F extends { group: Pick<Group, 'archivedAt'>; trains: boolean }>(
  viewer: Viewer,
  groupId: string,
  found: F | null,
): F {
  if (!isAdmin(viewer) && found?.trains !== true) throw new Forbidden();
  if (found === null || found.group.archivedAt !== null) {
    if (!isAdmin(viewer)) throw new Forbidden();
    throw new UnknownGroup(groupId);
  }
  return found;
}
