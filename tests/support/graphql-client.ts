/**
 * What the GraphQL integration suites share: a real express server around the handler, a
 * client that posts queries as a browser would, and signed-in people made through the real
 * account use cases.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { expect } from 'vitest';
import { createPerson } from '../../server/app/accounts/create-person.ts';
import type { AccountsDeps } from '../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../server/app/accounts/sign-in-with-password.ts';
import type { RecordProgressDeps } from '../../server/app/record-progress.ts';
import type { Role } from '../../server/auth/roles.ts';
import { DEFAULT_TIME_ZONE } from '../../server/domain/calendar.ts';
import type { GraphqlDeps } from '../../server/graphql/builder.ts';
import { createGraphqlHandler } from '../../server/graphql/yoga.ts';
import { createLogger } from '../../server/logger.ts';

export interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface Member {
  personId: string;
  token: string;
  email: string;
  password: string;
}

/** Serves the GraphQL handler on 127.0.0.1 and a free port, as `createApp` mounts it. */
export async function serveGraphql(deps: GraphqlDeps): Promise<{ base: string; server: Server }> {
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  app.use('/graphql', createGraphqlHandler(deps, { graphiql: false }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Posts one operation; GraphQL answers 200 even for refused operations. */
export async function postGraphql(
  base: string,
  source: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphqlBody> {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ query: source, variables }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as GraphqlBody;
}

/** A new person with these roles, created by `creator` (an admin) and signed in. */
export async function createMember(
  accounts: AccountsDeps,
  creator: Parameters<typeof createPerson>[1],
  roles: Role[],
  name: string,
): Promise<Member> {
  const email = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${randomUUID().slice(0, 8)}@grange.example`;
  const password = `mot-de-passe-${randomUUID()}`;
  const person = await createPerson(accounts, creator, {
    displayName: name,
    email,
    roles,
    password,
  });
  const session = await signInWithPassword(accounts, { email, password });
  return { personId: person.id, token: session.accessToken, email, password };
}

/**
 * The GraphQL dependencies of an engine fixture: its database, catalog, issuer and clock, the
 * given token key, a silent logger and the workshops' default time zone (Europe/Paris).
 *
 * @param engine the engine fixture.
 * @param jwtSecret the HMAC key of access tokens the suite signs in with.
 */
export function graphqlDepsOf(
  engine: { deps: RecordProgressDeps },
  jwtSecret: string,
): GraphqlDeps {
  return {
    ...engine.deps,
    jwtSecret,
    logger: createLogger('silent'),
    timeZone: DEFAULT_TIME_ZONE,
  };
}
