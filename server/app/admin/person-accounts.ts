/**
 * A person as an administrator sees them: the account (roles, email or learner code, whether it
 * is disabled) and the active groups they belong to.
 */
import type { Knex } from 'knex';
import type { NamedMembership } from '../../db/repositories/groups-repository.ts';
import type { Person } from '../../db/repositories/people-repository.ts';
import type { AccountsDeps } from '../accounts/deps.ts';

/** An account with its group memberships. */
export interface PersonAccount extends Person {
  /** Memberships in groups that are not archived, by group name. */
  groups: NamedMembership[];
}

/**
 * @param ids the people to read; unknown ids are left out.
 * @returns their accounts in the order of `ids`, in three queries whatever their number.
 */
export async function loadPersonAccounts(
  deps: Pick<AccountsDeps, 'people' | 'groups'>,
  ids: readonly string[],
  trx?: Knex.Transaction,
): Promise<PersonAccount[]> {
  const [people, memberships] = await Promise.all([
    deps.people.findManyByIds(ids, trx),
    deps.groups.activeMembershipsWithNamesOf(ids, trx),
  ]);
  const byId = new Map(people.map((person) => [person.id, person]));
  return ids.flatMap((id) => {
    const person = byId.get(id);
    if (person === undefined) return [];
    return [{ ...person, groups: memberships.filter((m) => m.personId === id) }];
  });
}

/**
 * @returns the account of one person.
 * @throws Error when they do not exist: callers look this up after checking they do.
 */
export async function loadPersonAccount(
  deps: Pick<AccountsDeps, 'people' | 'groups'>,
  id: string,
  trx?: Knex.Transaction,
): Promise<PersonAccount> {
  const [account] = await loadPersonAccounts(deps, [id], trx);
  if (account === undefined) throw new Error(`person ${id} vanished`);
  return account;
}
