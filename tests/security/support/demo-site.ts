/**
 * The whole application with the demo data, for the HTTP hardening suites of helper B
 * (headers, CORS and CSRF, sign-in limits, privacy of public output): a fresh database of the
 * given kind, the shipped curricula imported, `createApp` served on loopback, and the demo
 * cast seeded through the real use cases (`seedDemoData`): minors with a guardian's consent,
 * adults with an email, badges issued by the engine, one revoked. The sign-in details it
 * generated come back with it.
 *
 * Unlike `serveApp`, the site's public URL is its own loopback address (the server listens
 * before the application is built), as in production: a browser finds the badge pages' images
 * and links on the page's own origin, which the content security policy requires.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { type Catalog, checkCurriculaFolder } from '../../../server/app/check-curricula.ts';
import { DEMO_LEARNERS, type DemoLearner } from '../../../server/app/demo/cast.ts';
import { ensureIssuer } from '../../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import { type SeedDemoResult, seedDemoData } from '../../../server/app/seed-demo.ts';
import { loadConfig } from '../../../server/config.ts';
import type { Database } from '../../../server/db/connection.ts';
import { createApp } from '../../../server/http/app.ts';
import { createLogger } from '../../../server/logger.ts';
import { TestClock } from '../../integration/accounts/fixtures.ts';
import { closeServer } from '../../support/close-server.ts';
import { createTestDatabase, type DatabaseKind } from '../../support/databases.ts';

/** The access-token secret of these suites' servers. */
export const DEMO_SITE_JWT_SECRET = 'http-hardening-suite-secret-with-entropy-0123456789';

export type SeededDemo = Extract<SeedDemoResult, { seeded: true }>;

/** A demo learner: who they are in the cast and their sign-in details. */
export type DemoPerson = SeededDemo['credentials']['learners'][number] & { cast: DemoLearner };

export interface DemoSite {
  kind: DatabaseKind;
  db: Database;
  /** Where the server listens, `http://127.0.0.1:<port>`: also its public URL. */
  base: string;
  catalog: Catalog;
  issuer: Issuer;
  clock: TestClock;
  accounts: AccountsDeps;
  seeded: SeededDemo;
  /** Every demo learner, with their cast entry (minor, email, guardian). */
  learners: DemoPerson[];
  dispose(): Promise<void>;
}

/**
 * @param kind the database.
 * @param env more environment for `loadConfig` (e.g. `CORS_ORIGINS`).
 * @returns the running site; call `dispose` in `afterAll`.
 */
export async function startDemoSite(
  kind: DatabaseKind,
  env: Record<string, string> = {},
): Promise<DemoSite> {
  const test = await createTestDatabase(kind);
  const dataDir = mkdtempSync(join(tmpdir(), 'grange-http-'));
  const clock = new TestClock();
  let app: ReturnType<typeof createApp> | undefined;
  const server: Server = createServer((request, response) => {
    if (app === undefined) response.writeHead(503).end();
    else app(request, response);
  });
  const cleanUp = async () => {
    if (server.listening) await closeServer(server);
    await test.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const curricula = await checkCurriculaFolder();
    if (!curricula.ok) throw new Error('the shipped curricula have problems');
    const { catalog } = curricula;
    await importCurricula(test.db, catalog, clock.clock);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = loadConfig({ DATA_DIR: dataDir, PUBLIC_URL: base, ...env });
    const issuer = await ensureIssuer(
      test.db,
      { publicUrl: base, name: config.issuer.name, email: config.issuer.email },
      clock.clock,
    );
    app = createApp({
      config,
      db: test.db,
      logger: createLogger('silent'),
      catalog,
      clock: clock.clock,
      jwtSecret: DEMO_SITE_JWT_SECRET,
      issuer,
    });
    const seeded = await seedDemoData({
      db: test.db,
      catalog,
      issuer,
      publicUrl: base,
      clock: clock.clock,
      jwtSecret: DEMO_SITE_JWT_SECRET,
      timeZone: config.timeZone,
    });
    if (!seeded.seeded) throw new Error('the demo data was not seeded on an empty database');
    const learners = seeded.credentials.learners.map((person) => {
      const cast = DEMO_LEARNERS.find((learner) => learner.key === person.key);
      if (cast === undefined) throw new Error(`no cast entry for ${person.key}`);
      return { ...person, cast };
    });
    return {
      kind,
      db: test.db,
      base,
      catalog,
      issuer,
      clock,
      accounts: createAccountsDeps({
        db: test.db,
        clock: clock.clock,
        jwtSecret: DEMO_SITE_JWT_SECRET,
      }),
      seeded,
      learners,
      dispose: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
