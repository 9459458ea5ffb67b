/**
 * Accounts, for administrators: `PersonAccount` (a person with email or learner code, roles,
 * groups and whether the account is disabled), `Query.people` (searched, paginated) and the
 * mutations `createStaffAccount`, `grantRole`, `revokeRole`, `disableAccount`,
 * `enableAccount`.
 */

import { createAccountsDeps } from '../../app/accounts/deps.ts';
import { EmailAlreadyUsed, InvalidInput, LastAdmin } from '../../app/accounts/errors.ts';
import { grantPersonRole, revokePersonRole } from '../../app/admin/change-role.ts';
import { createStaffAccount } from '../../app/admin/create-staff-account.ts';
import { disableAccount, enableAccount } from '../../app/admin/disable-account.ts';
import { listPeople, MAX_PAGE_SIZE, type PeoplePage } from '../../app/admin/list-people.ts';
import {
  CannotDisableOwnAccount,
  CannotRemoveOwnAdminRole,
} from '../../app/admin/people-errors.ts';
import type { PersonAccount } from '../../app/admin/person-accounts.ts';
import { UnknownPerson } from '../../app/engine-errors.ts';
import { Forbidden } from '../../auth/errors.ts';
import type { NamedMembership } from '../../db/repositories/groups-repository.ts';
import { builder } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';
import { GroupRoleEnum } from './group.ts';
import { RoleEnum } from './person.ts';

builder.objectType(EmailAlreadyUsed, {
  name: 'EmailAlreadyUsed',
  description: 'Another account already has this email address.',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(LastAdmin, {
  name: 'LastAdmin',
  description: 'Nobody else would be an administrator.',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(CannotRemoveOwnAdminRole, {
  name: 'CannotRemoveOwnAdminRole',
  description: 'An administrator cannot remove their own admin role: another one must.',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(CannotDisableOwnAccount, {
  name: 'CannotDisableOwnAccount',
  description: 'An administrator cannot disable their own account: another one must.',
  interfaces: [LocalizedErrorInterface],
});

/** A group a person belongs to. */
const PersonGroupType = builder.objectRef<NamedMembership>('PersonGroup').implement({
  fields: (t) => ({
    groupId: t.exposeID('groupId'),
    groupName: t.exposeString('groupName'),
    role: t.field({ type: GroupRoleEnum, resolve: (membership) => membership.role }),
  }),
});

/** A person as administrators see them. */
export const PersonAccountType = builder.objectRef<PersonAccount>('PersonAccount').implement({
  description: 'A person as administrators see them.',
  fields: (t) => ({
    id: t.exposeID('id'),
    displayName: t.exposeString('displayName'),
    email: t.exposeString('email', { nullable: true, description: 'Null for QR-card learners.' }),
    learnerCode: t.exposeString('learnerCode', {
      nullable: true,
      description: 'The code on a learner’s QR card; null for people who sign in by email.',
    }),
    locale: t.exposeString('locale', { description: '`fr` or `en`.' }),
    isMinor: t.exposeBoolean('isMinor'),
    roles: t.field({ type: [RoleEnum], resolve: (person) => person.roles }),
    disabled: t.boolean({ resolve: (person) => person.disabledAt !== null }),
    disabledAt: t.string({
      nullable: true,
      resolve: (person) => person.disabledAt?.toISOString() ?? null,
    }),
    disabledReason: t.exposeString('disabledReason', { nullable: true }),
    createdAt: t.string({ resolve: (person) => person.createdAt.toISOString() }),
    groups: t.field({
      type: [PersonGroupType],
      description: 'The groups (not archived) they train or learn in, by name.',
      resolve: (person) => person.groups,
    }),
  }),
});

const PeopleFilterInput = builder.inputType('PeopleFilter', {
  fields: (t) => ({
    role: t.field({ type: RoleEnum, required: false }),
    search: t.string({
      required: false,
      description: 'Part of a name (any case, accents optional), an email or a learner code.',
    }),
    includeDisabled: t.boolean({
      required: false,
      description: 'List disabled accounts too (default: false).',
    }),
  }),
});

const PeoplePageType = builder.objectRef<PeoplePage>('PeoplePage').implement({
  description: 'One page of people, by name.',
  fields: (t) => ({
    nodes: t.field({ type: [PersonAccountType], resolve: (page) => page.people }),
    totalCount: t.exposeInt('totalCount', { description: 'Matching people, over every page.' }),
    endCursor: t.exposeString('endCursor', {
      nullable: true,
      description: 'Pass it as `after` for the next page.',
    }),
    hasNextPage: t.exposeBoolean('hasNextPage'),
  }),
});

const PersonAccountSuccess = builder
  .objectRef<{ account: PersonAccount }>('PersonAccountSuccess')
  .implement({
    fields: (t) => ({
      account: t.field({ type: PersonAccountType, resolve: (result) => result.account }),
    }),
  });

const CreateStaffAccountSuccess = builder
  .objectRef<{ account: PersonAccount; initialPassword: string }>('CreateStaffAccountSuccess')
  .implement({
    description: 'Give the password to the person now: it is never shown again.',
    fields: (t) => ({
      account: t.field({ type: PersonAccountType, resolve: (result) => result.account }),
      initialPassword: t.exposeString('initialPassword', {
        description: 'Their first password, shown this once; only its hash is kept.',
      }),
    }),
  });

const CreateStaffAccountInput = builder.inputType('CreateStaffAccountInput', {
  fields: (t) => ({
    displayName: t.string({ required: true }),
    email: t.string({ required: true }),
    roles: t.field({
      type: [RoleEnum],
      required: true,
      description: 'At least one of TRAINER, COUNSELLOR, ADMIN (LEARNER may come on top).',
    }),
    locale: t.string({ required: false, description: '`fr` (default) or `en`.' }),
  }),
});

builder.queryFields((t) => ({
  people: t.withAuth({ admin: true }).field({
    type: PeoplePageType,
    description: `Administrators: people by name, ${MAX_PAGE_SIZE} at most per page.`,
    args: {
      filter: t.arg({ type: PeopleFilterInput, required: false }),
      first: t.arg.int({ required: false, description: 'Page size, 1 to 100 (default 50).' }),
      after: t.arg.string({ required: false, description: 'The previous page’s endCursor.' }),
    },
    errors: {
      types: [InvalidInput, Forbidden],
      directResult: true,
      union: { name: 'PeopleResult' },
    },
    resolve: (_root, args, context) => {
      const filter = args.filter;
      return listPeople(createAccountsDeps(context.deps), context.viewer, {
        ...(filter?.role == null ? {} : { role: filter.role }),
        ...(filter?.search == null ? {} : { search: filter.search }),
        ...(filter?.includeDisabled == null ? {} : { includeDisabled: filter.includeDisabled }),
        ...(args.first == null ? {} : { first: args.first }),
        ...(args.after == null ? {} : { after: args.after }),
      });
    },
  }),
}));

builder.mutationFields((t) => ({
  createStaffAccount: t.withAuth({ admin: true }).field({
    type: CreateStaffAccountSuccess,
    description:
      'Administrators: an account with an email for a trainer, counsellor or administrator, ' +
      'with a generated first password returned once.',
    args: { input: t.arg({ type: CreateStaffAccountInput, required: true }) },
    errors: {
      types: [InvalidInput, EmailAlreadyUsed, Forbidden],
      directResult: true,
      union: { name: 'CreateStaffAccountResult' },
    },
    resolve: (_root, { input }, context) =>
      createStaffAccount(createAccountsDeps(context.deps), context.viewer, {
        displayName: input.displayName,
        email: input.email,
        roles: input.roles,
        ...(input.locale == null ? {} : { locale: input.locale }),
      }),
  }),
  grantRole: t.withAuth({ admin: true }).field({
    type: PersonAccountSuccess,
    description: 'Administrators: give a person a role (one already held changes nothing).',
    args: {
      personId: t.arg.id({ required: true }),
      role: t.arg({ type: RoleEnum, required: true }),
    },
    errors: {
      types: [UnknownPerson, InvalidInput, Forbidden],
      directResult: true,
      union: { name: 'GrantRoleResult' },
    },
    resolve: async (_root, args, context) => ({
      account: await grantPersonRole(createAccountsDeps(context.deps), context.viewer, {
        personId: String(args.personId),
        role: args.role,
      }),
    }),
  }),
  revokeRole: t.withAuth({ admin: true }).field({
    type: PersonAccountSuccess,
    description:
      'Administrators: take a role away; it counts from the next request. Nobody removes ' +
      'their own admin role.',
    args: {
      personId: t.arg.id({ required: true }),
      role: t.arg({ type: RoleEnum, required: true }),
    },
    errors: {
      types: [UnknownPerson, CannotRemoveOwnAdminRole, LastAdmin, InvalidInput, Forbidden],
      directResult: true,
      union: { name: 'RevokeRoleResult' },
    },
    resolve: async (_root, args, context) => ({
      account: await revokePersonRole(createAccountsDeps(context.deps), context.viewer, {
        personId: String(args.personId),
        role: args.role,
      }),
    }),
  }),
  disableAccount: t.withAuth({ admin: true }).field({
    type: PersonAccountSuccess,
    description:
      'Administrators: the person can no longer sign in, their sessions end now and their ' +
      'tokens are refused from the next request. Their progress and badges stay.',
    args: {
      personId: t.arg.id({ required: true }),
      reason: t.arg.string({ required: true, description: 'For the other administrators.' }),
    },
    errors: {
      types: [UnknownPerson, CannotDisableOwnAccount, InvalidInput, Forbidden],
      directResult: true,
      union: { name: 'DisableAccountResult' },
    },
    resolve: async (_root, args, context) => ({
      account: await disableAccount(createAccountsDeps(context.deps), context.viewer, {
        personId: String(args.personId),
        reason: args.reason,
      }),
    }),
  }),
  enableAccount: t.withAuth({ admin: true }).field({
    type: PersonAccountSuccess,
    description: 'Administrators: the person may sign in again with their password or PIN.',
    args: { personId: t.arg.id({ required: true }) },
    errors: {
      types: [UnknownPerson, InvalidInput, Forbidden],
      directResult: true,
      union: { name: 'EnableAccountResult' },
    },
    resolve: async (_root, args, context) => ({
      account: await enableAccount(createAccountsDeps(context.deps), context.viewer, {
        personId: String(args.personId),
      }),
    }),
  }),
}));
