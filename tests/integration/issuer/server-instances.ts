/**
 * Several Grange server instances on one database, as issue 8 will run them: each instance has
 * its own database connection (a second connection to the same SQLite file, or to the same
 * PostgreSQL schema), its own `ensureIssuer` at start and its own `createApp`. A front server
 * at the public URL stands for the load balancer: it hands each request to the instance named
 * by the `x-instance` header, or to `front.fallback` for requests the tests do not make
 * themselves (a verifier fetching the DID document or a status list).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import knex, { type Knex } from 'knex';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { ensureIssuer } from '../../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import type { RecordProgressDeps } from '../../../server/app/record-progress.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Database } from '../../../server/db/connection.ts';
import { createApp } from '../../../server/http/app.ts';
import { createLogger } from '../../../server/logger.ts';
import { closeServer } from '../../support/close-server.ts';
import {
  createTestDatabase,
  type DatabaseKind,
  type TestDatabase,
} from '../../support/databases.ts';
import { shippedCurricula, type TestClock, testClock } from '../engine/engine-fixture.ts';

export const JWT_SECRET = 'issuer-instances-secret-with-enough-entropy-0123456789';

/** One server process: its connection, its start-up issuer, its app and its use-case deps. */
export interface Instance {
  name: string;
  db: Database;
  /** What `ensureIssuer` returned when this instance started. */
  issuer: Issuer;
  app: Express;
  deps: RecordProgressDeps;
  accounts: AccountsDeps;
}

export interface Deployment {
  kind: DatabaseKind;
  publicUrl: string;
  clock: TestClock;
  catalog: Catalog;
  /** The instances, started in order, each on its own connection. */
  instances: Instance[];
  /** Which instance answers requests without an `x-instance` header. */
  front: { fallback: string };
  /** GET or POST through the front server to one instance. */
  request(instance: string, path: string, init?: RequestInit): Promise<Response>;
  dispose(): Promise<void>;
}

/**
 * @param kind the database.
 * @param names one instance per name, each with its own connection to the same database.
 * @returns the running deployment; call `dispose` when done.
 */
export async function startDeployment(
  kind: DatabaseKind,
  names: readonly string[],
): Promise<Deployment> {
  const test: TestDatabase = await createTestDatabase(kind);
  const catalog = await shippedCurricula();
  const clock = testClock();
  const apps = new Map<string, Express>();
  const front = { fallback: names[0] ?? '' };
  // The front server listens first: the issuer's did:web is derived from its address.
  const server: Server = createServer((request, response) => {
    const header = request.headers['x-instance'];
    const app = apps.get(typeof header === 'string' ? header : front.fallback);
    if (app === undefined) response.writeHead(503).end();
    else app(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await importCurricula(test.db, catalog, clock);

  const extraConnections: Database[] = [];
  const instances: Instance[] = [];
  for (const [position, name] of names.entries()) {
    const db = position === 0 ? test.db : connectAgain(test.db);
    if (position > 0) extraConnections.push(db);
    const issuer = await ensureIssuer(
      db,
      { publicUrl, name: 'Grange Numérique', email: 'contact@grange.example' },
      clock,
    );
    const app = createApp({
      config: { ...loadConfig({}), publicUrl },
      db,
      logger: createLogger('silent'),
      catalog,
      clock,
      jwtSecret: JWT_SECRET,
      issuer,
    });
    apps.set(name, app);
    instances.push({
      name,
      db,
      issuer,
      app,
      deps: { db, catalog, issuer, publicUrl, clock },
      accounts: createAccountsDeps({ db, clock, jwtSecret: JWT_SECRET }),
    });
  }

  return {
    kind,
    publicUrl,
    clock,
    catalog,
    instances,
    front,
    request: (instance, path, init = {}) =>
      fetch(`${publicUrl}${path}`, {
        ...init,
        headers: { ...(init.headers as Record<string, string>), 'x-instance': instance },
      }),
    dispose: async () => {
      await closeServer(server);
      for (const db of extraConnections) await db.destroy();
      await test.dispose();
    },
  };
}

/**
 * A second, independent connection (its own pool) to the database `db` is connected to, made
 * from the same settings, as a second server process would make it.
 */
function connectAgain(db: Database): Database {
  return knex(db.client.config as Knex.Config);
}
