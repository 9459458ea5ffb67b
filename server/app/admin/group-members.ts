/**
 * An administrator puts people in groups and takes them out. A person joins as trainer or as
 * learner only if they hold that role; a learner who joins a group following a curriculum is
 * enrolled in it (an enrolment outlives the membership: leaving the group keeps the progress
 * and the curriculum on the learner's page).
 */
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import { addEnrolments } from '../../db/repositories/demo-seed-repository.ts';
import type { GroupWithCounts } from '../../db/repositories/groups-repository.ts';
import { requireAdmin } from '../accounts/actor.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { InvalidInput, UnknownGroup } from '../accounts/errors.ts';
import { UnknownPerson } from '../engine-errors.ts';
import { findWithCounts } from './manage-groups.ts';
import { RoleNotHeld } from './people-errors.ts';

export const GroupMemberInput = z.object({
  groupId: z.string().min(1).max(64),
  personId: z.string().min(1).max(64),
  role: z.enum(['trainer', 'learner']),
});

export type GroupMemberInput = z.input<typeof GroupMemberInput>;

/** The group after someone joined it. */
export interface MemberAdded {
  group: GroupWithCounts;
  /** The curriculum the learner is enrolled in through this group; null for a trainer or a
   * group without curriculum. */
  enrolledCurriculumId: string | null;
}

/** The group after someone left it. */
export interface MemberRemoved {
  group: GroupWithCounts;
  /** Whether they were a member in that role (false: nothing changed). */
  removed: boolean;
}

function parse(input: GroupMemberInput): z.output<typeof GroupMemberInput> {
  const parsed = GroupMemberInput.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  return parsed.data;
}

/**
 * @param viewer an admin.
 * @param input the group (active), the person and their role in it.
 * @returns the group and the enrolment it gave (adding a member again changes nothing).
 * @throws InvalidInput; Forbidden; UnknownGroup (also archived); UnknownPerson; RoleNotHeld.
 *   Nothing is written then.
 */
export async function addGroupMember(
  deps: AccountsDeps,
  viewer: Viewer,
  input: GroupMemberInput,
): Promise<MemberAdded> {
  const { groupId, personId, role } = parse(input);
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    const group = await deps.groups.findById(groupId, trx);
    if (group === null || group.archivedAt !== null) throw new UnknownGroup(groupId);
    const person = await deps.people.findById(personId, trx);
    if (person === null) throw new UnknownPerson(personId);
    if (!person.roles.includes(role)) throw new RoleNotHeld(personId, role);
    await deps.groups.addMember({ groupId, personId, role }, now, trx);
    const curriculumId = role === 'learner' ? group.curriculumId : null;
    if (curriculumId !== null) {
      await addEnrolments(trx, [{ personId, curriculumId, enrolledAt: now }]);
    }
    return {
      group: await findWithCounts(deps, groupId, trx),
      enrolledCurriculumId: curriculumId,
    };
  });
}

/**
 * @param viewer an admin.
 * @param input the group (active), the person and the role they leave.
 * @returns the group, and whether they were a member in that role.
 * @throws InvalidInput; Forbidden; UnknownGroup (also archived); UnknownPerson.
 */
export async function removeGroupMember(
  deps: AccountsDeps,
  viewer: Viewer,
  input: GroupMemberInput,
): Promise<MemberRemoved> {
  const { groupId, personId, role } = parse(input);
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    const group = await deps.groups.findById(groupId, trx);
    if (group === null || group.archivedAt !== null) throw new UnknownGroup(groupId);
    if ((await deps.people.findById(personId, trx)) === null) throw new UnknownPerson(personId);
    const removed = await deps.groups.removeMember({ groupId, personId, role }, trx);
    return { group: await findWithCounts(deps, groupId, trx), removed };
  });
}
