/**
 * Deleting an account: `deleteMyAccount` (anyone signed in, for themselves) and
 * `deletePersonAccount` (administrators, for someone who cannot sign in alone, at their or
 * their guardian's request). Both confirm with a secret (the person's password or PIN; the
 * administrator's own password), choose KEEP or REVOKE for the badges already issued, and
 * answer a typed error union when refused, with nothing deleted.
 */
import {
  CannotDeleteOwnAccountHere,
  WrongSecret,
} from '../../app/accounts/delete-account-errors.ts';
import { deleteMyAccount } from '../../app/accounts/delete-my-account.ts';
import { deletePersonAccount } from '../../app/accounts/delete-person-account.ts';
import { createAccountsDeps } from '../../app/accounts/deps.ts';
import type { AccountDeletion, DeleteAccountDeps } from '../../app/accounts/erase-account.ts';
import { InvalidInput, LastAdmin } from '../../app/accounts/errors.ts';
import { asUnknownPerson } from '../../app/admin/people-errors.ts';
import { UnknownPerson } from '../../app/engine-errors.ts';
import { AccountLocked, Forbidden } from '../../auth/errors.ts';
import { builder, type GraphqlContext } from '../builder.ts';
import { LocalizedErrorInterface } from './errors.ts';

builder.objectType(WrongSecret, {
  name: 'WrongSecret',
  description: 'The password or PIN typed to confirm is not the right one; nothing was deleted.',
  interfaces: [LocalizedErrorInterface],
});

builder.objectType(AccountLocked, {
  name: 'AccountLocked',
  description: 'Too many wrong secrets: confirming is refused until `lockedUntil`.',
  interfaces: [LocalizedErrorInterface],
  fields: (t) => ({
    lockedUntil: t.string({ resolve: (error) => error.lockedUntil.toISOString() }),
  }),
});

builder.objectType(CannotDeleteOwnAccountHere, {
  name: 'CannotDeleteOwnAccountHere',
  description: 'Administrators delete their own account with `deleteMyAccount`.',
  interfaces: [LocalizedErrorInterface],
});

const BadgesOnDeletionEnum = builder.enumType('BadgesOnDeletion', {
  description: 'What happens to the badges already issued when an account is deleted.',
  values: {
    KEEP: {
      value: 'keep',
      description:
        'They stay valid: anyone given a badge can still verify it (it names no one; its ' +
        'page says the holder closed their account).',
    },
    REVOKE: {
      value: 'revoke',
      description:
        'Each standing badge is revoked: verifiers answer "revoked", with the reason ' +
        '"deleted at the person’s request".',
    },
  } as const,
});

const DeleteMyAccountInput = builder.inputType('DeleteMyAccountInput', {
  fields: (t) => ({
    secret: t.string({
      required: true,
      description: 'The person’s password, or their PIN for a learner with a card.',
    }),
    badges: t.field({ type: BadgesOnDeletionEnum, required: true }),
  }),
});

const DeletePersonAccountInput = builder.inputType('DeletePersonAccountInput', {
  fields: (t) => ({
    personId: t.id({ required: true }),
    badges: t.field({ type: BadgesOnDeletionEnum, required: true }),
    secret: t.string({ required: true, description: 'The administrator’s own password.' }),
  }),
});

const AccountDeletedType = builder.objectRef<AccountDeletion>('AccountDeleted').implement({
  description:
    'The account is deleted: everything about the person is erased, their sessions are over.',
  fields: (t) => ({
    personId: t.exposeID('personId'),
    deletedAt: t.exposeString('deletedAt'),
    keptBadges: t.exposeInt('keptBadges', { description: 'Badges that stay verifiable.' }),
    revokedBadges: t.exposeInt('revokedBadges', { description: 'Badges revoked now.' }),
  }),
});

/** The use cases' dependencies for this request, evidence files included. */
function deleteAccountDeps(context: GraphqlContext): DeleteAccountDeps {
  return {
    ...createAccountsDeps(context.deps),
    ...(context.deps.evidenceFiles === undefined
      ? {}
      : { evidenceFiles: context.deps.evidenceFiles.store }),
  };
}

/** Files left on disk are unreachable (their rows are gone) but an operator should know. */
function logLeftFiles(context: GraphqlContext, deletion: AccountDeletion): AccountDeletion {
  if (deletion.filesNotRemoved.length > 0) {
    context.deps.logger.warn(
      { personId: deletion.personId, files: deletion.filesNotRemoved },
      'account deletion: evidence files could not be removed from the disk',
    );
  }
  return deletion;
}

builder.mutationFields((t) => ({
  deleteMyAccount: t.withAuth({ signedIn: true }).field({
    type: AccountDeletedType,
    description:
      'Deletes the signed-in person’s account, confirmed with their password or PIN: ' +
      'everything about them is erased in one go and their tokens stop working. Their ' +
      'badges are kept verifiable or revoked, as they choose. The last administrator cannot.',
    args: { input: t.arg({ type: DeleteMyAccountInput, required: true }) },
    errors: {
      types: [WrongSecret, AccountLocked, LastAdmin, InvalidInput, UnknownPerson],
      directResult: true,
      union: { name: 'DeleteMyAccountResult' },
    },
    resolve: async (_root, { input }, context) => {
      try {
        const deletion = await deleteMyAccount(deleteAccountDeps(context), context.viewer, {
          secret: input.secret,
          badges: input.badges,
        });
        return logLeftFiles(context, deletion);
      } catch (error) {
        throw asUnknownPerson(error);
      }
    },
  }),
  deletePersonAccount: t.withAuth({ admin: true }).field({
    type: AccountDeletedType,
    description:
      'Administrators: deletes someone’s account at their (or their guardian’s) request, ' +
      'with the same choice for the badges, confirmed with the administrator’s own password.',
    args: { input: t.arg({ type: DeletePersonAccountInput, required: true }) },
    errors: {
      types: [
        WrongSecret,
        AccountLocked,
        CannotDeleteOwnAccountHere,
        LastAdmin,
        UnknownPerson,
        InvalidInput,
        Forbidden,
      ],
      directResult: true,
      union: { name: 'DeletePersonAccountResult' },
    },
    resolve: async (_root, { input }, context) => {
      try {
        const deletion = await deletePersonAccount(deleteAccountDeps(context), context.viewer, {
          personId: String(input.personId),
          badges: input.badges,
          secret: input.secret,
        });
        return logLeftFiles(context, deletion);
      } catch (error) {
        throw asUnknownPerson(error);
      }
    },
  }),
}));
