/**
 * An administrator lists, creates, renames and archives workshop groups. A group may follow
 * one curriculum of the catalog; an archived group leaves every list and policy (its trainers
 * no longer see it) while its sessions, attendance and the progress recorded in it stay.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Viewer } from '../../auth/policies.ts';
import type { GroupWithCounts } from '../../db/repositories/groups-repository.ts';
import { requireAdmin } from '../accounts/actor.ts';
import type { AccountsDeps } from '../accounts/deps.ts';
import { InvalidInput, UnknownGroup } from '../accounts/errors.ts';
import type { Catalog } from '../check-curricula.ts';
import { UnknownCurriculum } from './people-errors.ts';

/** What group management needs: the account dependencies and the catalog of curricula. */
export interface AdminGroupsDeps extends AccountsDeps {
  catalog: Catalog;
}

const GroupId = z.string().min(1).max(64);
const GroupName = z.string().trim().min(1, 'a group needs a name').max(200);

export const CreateGroupInput = z.object({
  name: GroupName,
  /** The curriculum the group follows; none for a group without one (e.g. a drop-in). */
  curriculumId: z.string().trim().min(1).max(64).optional(),
});

export const RenameGroupInput = z.object({ groupId: GroupId, name: GroupName });

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw InvalidInput.fromZod(parsed.error);
  return parsed.data;
}

/**
 * @param options.includeArchived whether archived groups are listed too.
 * @returns the groups by name, with their numbers of trainers and learners.
 * @throws Forbidden unless the viewer is an admin.
 */
export async function listGroups(
  deps: AccountsDeps,
  viewer: Viewer,
  options: { includeArchived: boolean },
): Promise<GroupWithCounts[]> {
  await requireAdmin(deps, viewer);
  return deps.groups.listWithCounts(options);
}

/**
 * @param viewer an admin.
 * @param input the name and, optionally, the curriculum the group follows.
 * @returns the new group, without members yet.
 * @throws InvalidInput; UnknownCurriculum; Forbidden. Nothing is written then.
 */
export async function createGroup(
  deps: AdminGroupsDeps,
  viewer: Viewer,
  input: z.input<typeof CreateGroupInput>,
): Promise<GroupWithCounts> {
  const { name, curriculumId } = parse(CreateGroupInput, input);
  if (curriculumId !== undefined && !deps.catalog.curricula.some((c) => c.id === curriculumId)) {
    throw new UnknownCurriculum(curriculumId);
  }
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    const group = await deps.groups.create(
      { id: randomUUID(), name, curriculumId: curriculumId ?? null },
      now,
      trx,
    );
    return { ...group, trainerCount: 0, learnerCount: 0 };
  });
}

/**
 * @param viewer an admin.
 * @returns the renamed group.
 * @throws InvalidInput; UnknownGroup (also for an archived group); Forbidden.
 */
export async function renameGroup(
  deps: AccountsDeps,
  viewer: Viewer,
  input: z.input<typeof RenameGroupInput>,
): Promise<GroupWithCounts> {
  const { groupId, name } = parse(RenameGroupInput, input);
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    const group = await deps.groups.findById(groupId, trx);
    if (group === null || group.archivedAt !== null) throw new UnknownGroup(groupId);
    await deps.groups.rename(groupId, name, trx);
    return findWithCounts(deps, groupId, trx);
  });
}

/**
 * @param viewer an admin.
 * @returns the group, archived (one archived before keeps its date).
 * @throws InvalidInput; UnknownGroup; Forbidden.
 */
export async function archiveGroup(
  deps: AccountsDeps,
  viewer: Viewer,
  input: { groupId: string },
): Promise<GroupWithCounts> {
  const { groupId } = parse(z.object({ groupId: GroupId }), input);
  const now = deps.clock();
  return deps.db.transaction(async (trx) => {
    await requireAdmin(deps, viewer, trx);
    if ((await deps.groups.findById(groupId, trx)) === null) throw new UnknownGroup(groupId);
    await deps.groups.archive(groupId, now, trx);
    return findWithCounts(deps, groupId, trx);
  });
}

/** @returns the group with its counts, archived or not (it was just found). */
export async function findWithCounts(
  deps: Pick<AccountsDeps, 'groups'>,
  groupId: string,
  trx?: Knex.Transaction,
): Promise<GroupWithCounts> {
  const [group] = await deps.groups.listWithCounts({ includeArchived: true, ids: [groupId] }, trx);
  if (group === undefined) throw new Error(`group ${groupId} vanished`);
  return group;
}
