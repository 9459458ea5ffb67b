/**
 * Groups, for administrators: `AdminGroup` (a group with its curriculum and its numbers of
 * trainers and learners), `Query.groups` and the mutations `createGroup`, `renameGroup`,
 * `archiveGroup`, `addGroupMember` (a learner is enrolled in the group's curriculum) and
 * `removeGroupMember`. The members themselves are read with `Query.group`.
 */
import { createAccountsDeps } from '../../app/accounts/deps.ts';
import { InvalidInput, UnknownGroup } from '../../app/accounts/errors.ts';
import {
  addGroupMember,
  type MemberAdded,
  type MemberRemoved,
  removeGroupMember,
} from '../../app/admin/group-members.ts';
import {
  archiveGroup,
  createGroup,
  listGroups,
  renameGroup,
} from '../../app/admin/manage-groups.ts';
import { RoleNotHeld, UnknownCurriculum } from '../../app/admin/people-errors.ts';
import { UnknownPerson } from '../../app/engine-errors.ts';
import { Forbidden } from '../../auth/errors.ts';
import type { GroupWithCounts } from '../../db/repositories/groups-repository.ts';
import { builder } from '../builder.ts';
import { CurriculumType } from './curriculum.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { GroupRoleEnum } from './group.ts';

builder.objectType(UnknownCurriculum, {
  name: 'UnknownCurriculum',
  description: 'No curriculum of the catalog has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ curriculumId: t.exposeID('curriculumId') }),
});

builder.objectType(RoleNotHeld, {
  name: 'RoleNotHeld',
  description: 'The person does not hold the role they would have in the group: grant it first.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    personId: t.exposeID('personId'),
    role: t.exposeString('role'),
  }),
});

/** A group as administrators list it. */
export const AdminGroupType = builder.objectRef<GroupWithCounts>('AdminGroup').implement({
  description: 'A workshop group as administrators list it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    curriculumId: t.exposeID('curriculumId', { nullable: true }),
    curriculum: t.field({
      type: CurriculumType,
      nullable: true,
      description: 'The curriculum the group follows, if any.',
      resolve: (group, _args, context) =>
        context.deps.catalog.curricula.find((c) => c.id === group.curriculumId) ?? null,
    }),
    createdAt: t.string({ resolve: (group) => group.createdAt.toISOString() }),
    archived: t.boolean({ resolve: (group) => group.archivedAt !== null }),
    archivedAt: t.string({
      nullable: true,
      resolve: (group) => group.archivedAt?.toISOString() ?? null,
    }),
    trainerCount: t.exposeInt('trainerCount'),
    learnerCount: t.exposeInt('learnerCount'),
  }),
});

const AdminGroupSuccess = builder
  .objectRef<{ group: GroupWithCounts }>('AdminGroupSuccess')
  .implement({
    fields: (t) => ({
      group: t.field({ type: AdminGroupType, resolve: (result) => result.group }),
    }),
  });

const AddGroupMemberSuccess = builder.objectRef<MemberAdded>('AddGroupMemberSuccess').implement({
  fields: (t) => ({
    group: t.field({ type: AdminGroupType, resolve: (result) => result.group }),
    enrolledCurriculumId: t.exposeID('enrolledCurriculumId', {
      nullable: true,
      description:
        'The curriculum a learner is enrolled in through this group; null for a trainer or ' +
        'a group without curriculum.',
    }),
  }),
});

const RemoveGroupMemberSuccess = builder
  .objectRef<MemberRemoved>('RemoveGroupMemberSuccess')
  .implement({
    description: 'The person left the group; their enrolment and progress stay.',
    fields: (t) => ({
      group: t.field({ type: AdminGroupType, resolve: (result) => result.group }),
      removed: t.exposeBoolean('removed', {
        description: 'false: they were not a member in that role, nothing changed.',
      }),
    }),
  });

const CreateGroupInput = builder.inputType('CreateGroupInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    curriculumId: t.id({ required: false, description: 'The curriculum the group follows.' }),
  }),
});

builder.queryFields((t) => ({
  groups: t.withAuth({ admin: true }).field({
    type: [AdminGroupType],
    description: 'Administrators: every group by name, with its numbers of members.',
    args: {
      includeArchived: t.arg.boolean({ required: false, defaultValue: false }),
    },
    resolve: (_root, args, context) =>
      listGroups(createAccountsDeps(context.deps), context.viewer, {
        includeArchived: args.includeArchived ?? false,
      }),
  }),
}));

builder.mutationFields((t) => ({
  createGroup: t.withAuth({ admin: true }).field({
    type: AdminGroupSuccess,
    description: 'Administrators: a new group, following a curriculum of the catalog or none.',
    args: { input: t.arg({ type: CreateGroupInput, required: true }) },
    errors: {
      types: [InvalidInput, UnknownCurriculum, Forbidden],
      directResult: true,
      union: { name: 'CreateGroupResult' },
    },
    resolve: async (_root, { input }, context) => ({
      group: await createGroup(
        { ...createAccountsDeps(context.deps), catalog: context.deps.catalog },
        context.viewer,
        {
          name: input.name,
          ...(input.curriculumId == null ? {} : { curriculumId: String(input.curriculumId) }),
        },
      ),
    }),
  }),
  renameGroup: t.withAuth({ admin: true }).field({
    type: AdminGroupSuccess,
    description: 'Administrators: rename a group that is not archived.',
    args: { groupId: t.arg.id({ required: true }), name: t.arg.string({ required: true }) },
    errors: {
      types: [InvalidInput, UnknownGroup, Forbidden],
      directResult: true,
      union: { name: 'RenameGroupResult' },
    },
    resolve: async (_root, args, context) => ({
      group: await renameGroup(createAccountsDeps(context.deps), context.viewer, {
        groupId: String(args.groupId),
        name: args.name,
      }),
    }),
  }),
  archiveGroup: t.withAuth({ admin: true }).field({
    type: AdminGroupSuccess,
    description:
      'Administrators: archive a group; it leaves the lists and its trainers no longer see ' +
      'it, while its history stays.',
    args: { groupId: t.arg.id({ required: true }) },
    errors: {
      types: [InvalidInput, UnknownGroup, Forbidden],
      directResult: true,
      union: { name: 'ArchiveGroupResult' },
    },
    resolve: async (_root, args, context) => ({
      group: await archiveGroup(createAccountsDeps(context.deps), context.viewer, {
        groupId: String(args.groupId),
      }),
    }),
  }),
  addGroupMember: t.withAuth({ admin: true }).field({
    type: AddGroupMemberSuccess,
    description:
      'Administrators: add a person to a group as trainer or learner (a role they hold); a ' +
      "learner is enrolled in the group's curriculum.",
    args: {
      groupId: t.arg.id({ required: true }),
      personId: t.arg.id({ required: true }),
      role: t.arg({ type: GroupRoleEnum, required: true }),
    },
    errors: {
      types: [InvalidInput, UnknownGroup, UnknownPerson, RoleNotHeld, Forbidden],
      directResult: true,
      union: { name: 'AddGroupMemberResult' },
    },
    resolve: (_root, args, context) =>
      addGroupMember(createAccountsDeps(context.deps), context.viewer, {
        groupId: String(args.groupId),
        personId: String(args.personId),
        role: args.role,
      }),
  }),
  removeGroupMember: t.withAuth({ admin: true }).field({
    type: RemoveGroupMemberSuccess,
    description: 'Administrators: take a person out of a group in one role.',
    args: {
      groupId: t.arg.id({ required: true }),
      personId: t.arg.id({ required: true }),
      role: t.arg({ type: GroupRoleEnum, required: true }),
    },
    errors: {
      types: [InvalidInput, UnknownGroup, UnknownPerson, Forbidden],
      directResult: true,
      union: { name: 'RemoveGroupMemberResult' },
    },
    resolve: (_root, args, context) =>
      removeGroupMember(createAccountsDeps(context.deps), context.viewer, {
        groupId: String(args.groupId),
        personId: String(args.personId),
        role: args.role,
      }),
  }),
}));
