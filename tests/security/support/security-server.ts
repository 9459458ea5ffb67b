/**
 * The real application for the attack suites of helper A (tokens, GraphQL limits, uploads): a
 * fresh database of the given kind with the shipped curricula imported, `createApp` served on
 * loopback by `serveApp` with its own data folder (so uploads land on a disk the test can
 * inspect), a clock the test moves, and a small cast with real sessions: an admin, a trainer
 * and a learner in one group. The cast signs in through the use case, not `/auth/login`, so the
 * per-address sign-in limit (another suite's subject) never gets in the way.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { signInWithPassword } from '../../../server/app/accounts/sign-in-with-password.ts';
import { checkCurriculaFolder } from '../../../server/app/check-curricula.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import type { Role } from '../../../server/auth/roles.ts';
import type { Database } from '../../../server/db/connection.ts';
import { addStaff, TestClock } from '../../integration/accounts/fixtures.ts';
import { closeServer } from '../../support/close-server.ts';
import { createTestDatabase, type DatabaseKind } from '../../support/databases.ts';
import { serveApp } from '../../support/serve-app.ts';

/** The server's access-token secret in these suites. */
export const SECURITY_JWT_SECRET = 'security-suite-secret-with-enough-entropy-0123456789';

/** A curriculum of the shipped catalog the learner is enrolled in (through the group). */
export const CURRICULUM = 'seniors-numerique';

/** Someone with a real session (access and refresh tokens). */
export interface SignedIn {
  personId: string;
  email: string;
  password: string;
  accessToken: string;
  refreshToken: string;
}

export interface SecurityServer {
  kind: DatabaseKind;
  db: Database;
  base: string;
  clock: TestClock;
  accounts: AccountsDeps;
  /** The data folder of the server; evidence files go to `<dataDir>/evidence`. */
  dataDir: string;
  groupId: string;
  admin: SignedIn;
  trainer: SignedIn;
  learner: SignedIn;
  /** A new person with these roles, signed in (a learner joins the group). */
  signUp(roles: Role[], name: string): Promise<SignedIn>;
  /** Signs an existing person in again: a new session, a new token family. */
  signIn(person: Omit<SignedIn, 'accessToken' | 'refreshToken'>): Promise<SignedIn>;
  /** POSTs one GraphQL operation as JSON; answers the status and the parsed body. */
  graphql(
    query: string,
    options?: { token?: string; variables?: Record<string, unknown> },
  ): Promise<GraphqlAnswer>;
  dispose(): Promise<void>;
}

export interface GraphqlAnswer {
  status: number;
  body: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
}

/**
 * @param kind the database.
 * @param env more environment for `loadConfig` (e.g. `NODE_ENV: 'production'`).
 * @returns the running server and its cast; call `dispose` in `afterAll`.
 */
export async function startSecurityServer(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<SecurityServer> {
  const test = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'grange-security-'));
  const clock = new TestClock();
  let server: Server | undefined;
  try {
    const curricula = await checkCurriculaFolder();
    if (!curricula.ok) throw new Error('the shipped curricula have problems');
    await importCurricula(test.db, curricula.catalog, clock.clock);
    const started = await serveApp(test.db, {
      clock: clock.clock,
      jwtSecret: SECURITY_JWT_SECRET,
      env: { DATA_DIR: dataDir, ...env },
    });
    server = started.server;
    const { base } = started;
    const accounts = createAccountsDeps({
      db: test.db,
      clock: clock.clock,
      jwtSecret: SECURITY_JWT_SECRET,
    });
    const groupId = randomUUID();
    await accounts.groups.create(
      { id: groupId, name: 'Atelier du mardi', curriculumId: CURRICULUM },
      clock.clock(),
    );

    const signIn = async (person: Omit<SignedIn, 'accessToken' | 'refreshToken'>) => {
      const session = await signInWithPassword(accounts, person);
      return {
        ...person,
        accessToken: session.accessToken,
        refreshToken: session.refreshToken,
      };
    };
    const signUp = async (roles: Role[], name: string): Promise<SignedIn> => {
      const staff = await addStaff(accounts, roles, name);
      for (const role of roles) {
        if (role === 'learner' || role === 'trainer') {
          await accounts.groups.addMember(
            { groupId, personId: staff.personId, role },
            clock.clock(),
          );
        }
      }
      return signIn(staff);
    };
    const graphql: SecurityServer['graphql'] = async (query, options = {}) => {
      const response = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
        },
        body: JSON.stringify({ query, variables: options.variables ?? {} }),
      });
      return { status: response.status, body: (await response.json()) as GraphqlAnswer['body'] };
    };

    const running = server;
    return {
      kind,
      db: test.db,
      base,
      clock,
      accounts,
      dataDir,
      groupId,
      admin: await signUp(['admin'], 'Admin'),
      trainer: await signUp(['trainer'], 'Trainer'),
      learner: await signUp(['learner'], 'Lucie'),
      signUp,
      signIn,
      graphql,
      dispose: async () => {
        await closeServer(running);
        await test.dispose();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeServer(server);
    await test.dispose();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}
