/**
 * `Group` (a workshop group with its members), `Query.myGroups`, `Query.group` and
 * `Mutation.createLearnerAccount` (a trainer makes a QR-card account for a learner of a group).
 * Trainers see the groups they train, admins every group, learners none.
 */
import { createLearnerAccount } from '../../app/accounts/create-learner-account.ts';
import { createAccountsDeps } from '../../app/accounts/deps.ts';
import { GuardianConsentRequired, InvalidInput, UnknownGroup } from '../../app/accounts/errors.ts';
import {
  findGroup,
  type GroupWithMembers,
  listMyGroups,
} from '../../app/workshops/group-progress.ts';
import { Forbidden } from '../../auth/errors.ts';
import type { GroupMember } from '../../db/repositories/group-progress-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

/** A member's role in a group. */
export const GroupRoleEnum = builder.enumType('GroupRole', {
  values: { TRAINER: { value: 'trainer' }, LEARNER: { value: 'learner' } } as const,
});

/** A person in a group. */
export const GroupMemberType = builder.objectRef<GroupMember>('GroupMember').implement({
  fields: (t) => ({
    personId: t.exposeID('personId'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: GroupRoleEnum, resolve: (member) => member.role }),
  }),
});

/** A workshop group. */
export const GroupType = builder.objectRef<GroupWithMembers>('Group').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    curriculumId: t.exposeID('curriculumId', { nullable: true }),
    trainers: t.field({
      type: [GroupMemberType],
      resolve: (group) => group.members.filter((m) => m.role === 'trainer'),
    }),
    learners: t.field({
      type: [GroupMemberType],
      resolve: (group) => group.members.filter((m) => m.role === 'learner'),
    }),
  }),
});

builder.objectType(UnknownGroup, {
  name: 'UnknownGroup',
  description: 'No active group has this id.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({ groupId: t.exposeID('groupId') }),
});

builder.objectType(GuardianConsentRequired, {
  name: 'GuardianConsentRequired',
  description: "A minor's account needs a guardian's consent.",
  interfaces: [LocalizedErrorInterface],
});

const InputIssueType = builder
  .objectRef<{ path: string; message: string }>('InputIssue')
  .implement({
    fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
  });

builder.objectType(InvalidInput, {
  name: 'InvalidInput',
  description: 'Some fields are missing or not valid; nothing was written.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    issues: t.field({ type: [InputIssueType], resolve: (error) => [...error.issues] }),
  }),
});

builder.queryFields((t) => ({
  myGroups: t.withAuth({ trainer: true, admin: true }).field({
    type: [GroupType],
    description: 'The groups the viewer trains (an admin: every active group), with members.',
    resolve: (_root, _args, context) => listMyGroups(context.deps.db, context.viewer),
  }),
  group: t.withAuth({ trainer: true, admin: true }).field({
    type: GroupType,
    description: 'A group the viewer trains (an admin: any group).',
    args: { id: t.arg.id({ required: true }) },
    errors: {
      types: [Forbidden, UnknownGroup],
      directResult: true,
      union: { name: 'GroupResult' },
    },
    resolve: (_root, args, context) => findGroup(context.deps.db, context.viewer, String(args.id)),
  }),
}));

/** The secrets of a new learner account, shown this once. */
interface CreatedLearnerView {
  personId: string;
  displayName: string;
  learnerCode: string;
  pin: string;
  qrPayload: string;
}

const CreateLearnerAccountSuccess = builder
  .objectRef<CreatedLearnerView>('CreateLearnerAccountSuccess')
  .implement({
    description: 'Print the card now: the PIN is never shown again.',
    fields: (t) => ({
      personId: t.exposeID('personId'),
      displayName: t.exposeString('displayName'),
      learnerCode: t.exposeString('learnerCode'),
      pin: t.exposeString('pin'),
      qrPayload: t.exposeString('qrPayload'),
    }),
  });

const GuardianInput = builder.inputType('GuardianInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    contact: t.string({ required: false }),
    scope: t.string({ required: true, description: 'What the guardian agrees to.' }),
    allowsPublicShare: t.boolean({
      required: false,
      defaultValue: false,
      description:
        'Whether the guardian lets the minor create public share links (false unless said).',
    }),
  }),
});

builder.mutationFields((t) => ({
  createLearnerAccount: t.withAuth({ trainer: true, admin: true }).field({
    type: CreateLearnerAccountSuccess,
    description:
      'Creates a learner account with a learner code and PIN, in a group the viewer trains.',
    args: {
      groupId: t.arg.id({ required: true }),
      displayName: t.arg.string({ required: true }),
      isMinor: t.arg.boolean({ required: true }),
      guardian: t.arg({ type: GuardianInput, required: false }),
    },
    errors: {
      types: [Forbidden, UnknownGroup, InvalidInput, GuardianConsentRequired],
      directResult: true,
      union: { name: 'CreateLearnerAccountResult' },
    },
    resolve: async (_root, args, context) => {
      const { deps, viewer } = context;
      const accounts = createAccountsDeps({
        db: deps.db,
        clock: deps.clock,
        jwtSecret: deps.jwtSecret,
      });
      const created = await createLearnerAccount(accounts, viewer, {
        groupId: String(args.groupId),
        displayName: args.displayName,
        isMinor: args.isMinor,
        ...(args.guardian == null
          ? {}
          : {
              guardian: {
                name: args.guardian.name,
                scope: args.guardian.scope,
                allowsPublicShare: args.guardian.allowsPublicShare ?? false,
                ...(args.guardian.contact == null ? {} : { contact: args.guardian.contact }),
              },
            }),
      });
      return {
        personId: created.person.id,
        displayName: created.person.displayName,
        learnerCode: created.learnerCode,
        pin: created.pin,
        qrPayload: created.qrPayload,
      };
    },
  }),
}));
