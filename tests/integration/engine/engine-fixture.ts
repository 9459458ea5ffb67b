/**
 * A real engine for the integration suites: a migrated database of the given kind, the shipped
 * curricula imported, an issuer from `ensureIssuer`, and a loopback site that publishes, from
 * the database, what verifiers fetch (the did:web document and the status list credential).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildControllerDocument, type Issuer } from '../../../badges/issuer/issuer.ts';
import { publicPart } from '../../../badges/keys/issuer-key.ts';
import { restoreStatusList } from '../../../badges/status/status-list.ts';
import { buildStatusListCredential } from '../../../badges/status/status-list-credential.ts';
import type { VerificationReport } from '../../../badges/verify/report.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { type Catalog, checkCurriculaFolder } from '../../../server/app/check-curricula.ts';
import { ensureIssuer, statusListUrl } from '../../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import type {
  RecordProgressCommand,
  RecordProgressDeps,
  RecordProgressResult,
} from '../../../server/app/record-progress.ts';
import { recordProgress } from '../../../server/app/record-progress.ts';
import type { Database } from '../../../server/db/connection.ts';
import { listIssuerKeys } from '../../../server/db/repositories/issuer-keys-repository.ts';
import { findStatusList } from '../../../server/db/repositories/status-lists-repository.ts';
import {
  createTestDatabase,
  type DatabaseKind,
  type TestDatabase,
} from '../../support/databases.ts';

/** The first instant of the test clock; each call to `tick` moves it on. */
export const START = new Date('2026-03-02T09:00:00.000Z');

let shippedCatalog: Promise<Catalog> | undefined;

/** The shipped curricula, checked once per test file. */
export function shippedCurricula(): Promise<Catalog> {
  shippedCatalog ??= checkCurriculaFolder().then((result) => {
    if (!result.ok)
      throw new Error(`the shipped curricula have problems: ${result.problems.length}`);
    return result.catalog;
  });
  return shippedCatalog;
}

/** A clock tests move by hand. */
export interface TestClock {
  (): Date;
  /** Moves the clock on by `minutes` (default 1). */
  tick(minutes?: number): Date;
  set(at: Date): void;
}

export function testClock(start: Date = START): TestClock {
  let now = new Date(start);
  const clock = (() => new Date(now)) as TestClock;
  clock.tick = (minutes = 1) => {
    now = new Date(now.getTime() + minutes * 60_000);
    return new Date(now);
  };
  clock.set = (at) => {
    now = new Date(at);
  };
  return clock;
}

export interface EngineFixture {
  kind: DatabaseKind;
  db: Database;
  catalog: Catalog;
  issuer: Issuer;
  publicUrl: string;
  clock: TestClock;
  deps: RecordProgressDeps;
  /** Inserts a person (test data goes straight into `people`). */
  addPerson(id: string, email?: string | null): Promise<void>;
  /** Records an event, moving the clock on by a minute first. */
  record(command: RecordProgressCommand): Promise<RecordProgressResult>;
  /** Verifies a credential as an outside verifier would, a day after the clock. */
  verify(
    credential: unknown,
    recipient?: { email: string } | { url: string },
  ): Promise<VerificationReport>;
  /** Rows in a table (optionally filtered). */
  count(table: string, where?: Record<string, unknown>): Promise<number>;
  dispose(): Promise<void>;
}

/**
 * @param kind the database.
 * @returns a ready engine; call `dispose` when done.
 */
export async function createEngineFixture(kind: DatabaseKind): Promise<EngineFixture> {
  const test: TestDatabase = await createTestDatabase(kind);
  const { db } = test;
  const catalog = await shippedCurricula();
  const clock = testClock();
  let issuer: Issuer | undefined;
  const site = await startSite(async (path) => {
    if (issuer === undefined) return undefined;
    if (path === '/.well-known/did.json') {
      const keys = await listIssuerKeys(db, issuer.profile.id);
      return buildControllerDocument(issuer.profile.id, keys.map(publicPart));
    }
    const listId = statusListUrl(publicUrl);
    if (path === new URL(listId).pathname) {
      const stored = await findStatusList(db, listId);
      if (stored === undefined) return undefined;
      const list = restoreStatusList(stored.state);
      return buildStatusListCredential(list, issuer, stored.updatedAt);
    }
    return undefined;
  });
  const publicUrl = site.baseUrl;
  await importCurricula(db, catalog, clock);
  issuer = await ensureIssuer(
    db,
    { publicUrl, name: 'Grange Numérique', email: 'contact@grange.example' },
    clock,
  );
  const deps: RecordProgressDeps = { db, catalog, issuer, publicUrl, clock };
  return {
    kind,
    db,
    catalog,
    issuer,
    publicUrl,
    clock,
    deps,
    addPerson: async (id, email = null) => {
      const at = clock().toISOString();
      await db('people').insert({
        id,
        displayName: id,
        email,
        createdAt: at,
        updatedAt: at,
      });
    },
    record: (command) => {
      clock.tick();
      return recordProgress(deps, command);
    },
    verify: (credential, recipient) =>
      verifyCredential(credential, {
        now: new Date(clock().getTime() + 24 * 3600_000),
        allowLoopback: true,
        timeoutMs: 5_000,
        knownIssuers: [issuer?.profile.id ?? ''],
        ...(recipient === undefined
          ? {}
          : 'email' in recipient
            ? { email: recipient.email }
            : { identifier: { kind: 'url' as const, value: recipient.url } }),
      }),
    count: async (table, where = {}) => {
      const [row] = await db(table).where(where).count({ n: '*' });
      return Number(row?.n ?? 0);
    },
    dispose: async () => {
      await site.close();
      await test.dispose();
    },
  };
}

interface Site {
  baseUrl: string;
  close(): Promise<void>;
}

/** A loopback JSON server answering from `route` (undefined: 404). */
async function startSite(route: (path: string) => Promise<unknown>): Promise<Site> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    route(path).then(
      (body) => {
        if (body === undefined) response.writeHead(404).end('not found');
        else
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      },
      (error: Error) => response.writeHead(500).end(error.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
