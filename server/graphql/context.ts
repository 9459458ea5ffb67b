/**
 * Builds the context of each GraphQL request: who is asking (from the `Authorization: Bearer`
 * access token), the handler's dependencies and fresh per-request loaders.
 */
import DataLoader from 'dataloader';
import { createGraphQLError } from 'graphql-yoga';
import { verifyAccessToken } from '../auth/access-tokens.ts';
import { InvalidAccessToken } from '../auth/errors.ts';
import type { Viewer } from '../auth/policies.ts';
import { PeopleRepository, type Person } from '../db/repositories/people-repository.ts';
import type { GraphqlContext, GraphqlDeps, GraphqlLoaders } from './builder.ts';

/**
 * @param deps the handler's dependencies.
 * @param request the fetch-API request yoga hands over.
 * @returns the context: `viewer` is null without an Authorization header.
 * @throws GraphQLError (HTTP 401, code `invalid-access-token`) when a token is sent but is
 *   invalid, expired or names an account that no longer exists: the client should refresh its
 *   session rather than silently see the anonymous view.
 */
export async function createContext(
  deps: GraphqlDeps,
  { request }: { request: Request },
): Promise<GraphqlContext> {
  const loaders = createLoaders(deps);
  const header = request.headers.get('authorization');
  if (header === null || header.trim() === '') return { viewer: null, deps, loaders };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (match?.[1] === undefined) throw invalidToken();
  let claimed: Viewer;
  try {
    claimed = verifyAccessToken(match[1], { secret: deps.jwtSecret, now: deps.clock() });
  } catch (error) {
    if (error instanceof InvalidAccessToken) throw invalidToken();
    throw error;
  }
  // The token's roles may be up to 15 minutes old: decisions use the roles held now.
  const person = await loaders.person(claimed.personId);
  if (person === null) throw invalidToken();
  return { viewer: { personId: person.id, roles: person.roles }, deps, loaders };
}

function createLoaders(deps: GraphqlDeps): GraphqlLoaders {
  const people = new PeopleRepository(deps.db);
  const person = new DataLoader<string, Person | null>((ids) =>
    Promise.all(ids.map((id) => people.findById(id))),
  );
  return { person: (id) => person.load(id) };
}

function invalidToken(): Error {
  const error = new InvalidAccessToken();
  return createGraphQLError(error.message, {
    extensions: { code: error.code, messages: error.messages, http: { status: 401 } },
  });
}
