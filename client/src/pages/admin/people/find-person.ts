/**
 * One person's account, by id. The API lists people (by pages of at most 100, filtered by a
 * search on the name) but has no "one person" query, so the page searches by the name it was
 * given first, and only then reads the list page by page.
 */
import type { Auth } from '../../../app/auth/auth-context.tsx';
import { GraphqlError } from '../../../app/graphql.ts';
import { isTypedError, type TypedError } from '../admin-graphql.ts';
import {
  type PeopleFilter,
  type PeoplePage,
  PeopleQuery,
  type PersonAccount,
} from './people-queries.ts';

/** The most pages read before giving up (10,000 people). */
const MAX_PAGES = 100;

async function scan(
  graphql: Auth['graphql'],
  personId: string,
  filter: PeopleFilter,
): Promise<PersonAccount | undefined> {
  let after: string | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result: PeoplePage | TypedError = (
      await graphql(PeopleQuery, { first: 100, after, filter })
    ).people;
    if (isTypedError(result)) throw new GraphqlError(result.code, result.message, 200);
    const found = result.nodes.find((person) => person.id === personId);
    if (found !== undefined) return found;
    if (!result.hasNextPage || result.endCursor === null) return undefined;
    after = result.endCursor;
  }
  return undefined;
}

/**
 * @param graphql the session's `graphql`.
 * @param personId whom to find.
 * @param name their name as last seen (optional): searched first.
 * @returns their account, or undefined when nobody has this id.
 */
export async function findPerson(
  graphql: Auth['graphql'],
  personId: string,
  name?: string,
): Promise<PersonAccount | undefined> {
  if (name !== undefined && name.trim() !== '') {
    const found = await scan(graphql, personId, { search: name.trim(), includeDisabled: true });
    if (found !== undefined) return found;
  }
  return scan(graphql, personId, { includeDisabled: true });
}
