/**
 * A real public site for the suites: a migrated database with the shipped curricula, an issuer
 * whose did:web is the test server's own loopback address, and an express app serving the
 * public badge router (plus the shared 404 and error handler) on 127.0.0.1:0.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import type { Catalog } from '../../../server/app/check-curricula.ts';
import { ensureIssuer } from '../../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import { recordProgress } from '../../../server/app/record-progress.ts';
import type { Database } from '../../../server/db/connection.ts';
import { errorHandler, notFound } from '../../../server/http/errors.ts';
import {
  createPublicBadgesRouter,
  type PublicBadgesDeps,
} from '../../../server/http/routes/public-badges.ts';
import { closeServer } from '../../support/close-server.ts';
import { createTestDatabase, type DatabaseKind } from '../../support/databases.ts';
import { shippedCurricula, type TestClock, testClock } from '../engine/engine-fixture.ts';

export const S = 'seniors-numerique';
export const PREMIERS_PAS = `${S}/premiers-pas`;
const PARTS = ['allumer-son-appareil', 'utiliser-l-ecran-tactile', 'se-connecter-au-wifi'];

export interface PublicSite {
  db: Database;
  catalog: Catalog;
  issuer: Issuer;
  baseUrl: string;
  clock: TestClock;
  /**
   * Adds a learner and has a trainer validate `steps` (skill, level) of seniors-numerique.
   * @returns the ids of the awards issued, by badge id.
   */
  earn(learnerId: string, steps: readonly [string, number?][]): Promise<Map<string, string>>;
  /** Adds a learner and validates what earns premiers-pas; @returns the award id. */
  earnPremiersPas(
    learnerId: string,
    options?: { displayName?: string; privateProfile?: boolean },
  ): Promise<string>;
  dispose(): Promise<void>;
}

/**
 * @param options the limits of `POST /verify` (default: the production ones).
 * @returns a running site; call `dispose` when done.
 */
export async function startPublicSite(
  kind: DatabaseKind,
  options: Pick<PublicBadgesDeps, 'verifyLimits'> = {},
): Promise<PublicSite> {
  const test = await createTestDatabase(kind);
  const { db } = test;
  const catalog = await shippedCurricula();
  const clock = testClock();
  // The server listens before the issuer exists: the issuer's DID is derived from its address.
  let app: express.Express | undefined;
  const server: Server = createServer((request, response) => {
    if (app === undefined) response.writeHead(503).end();
    else app(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await importCurricula(db, catalog, clock);
  const issuer = await ensureIssuer(
    db,
    { publicUrl: baseUrl, name: 'Grange Numérique', email: 'contact@grange.example' },
    clock,
  );
  const logger = pino({ level: 'silent' });
  const site = express();
  site.use(express.json({ limit: '256kb' }));
  site.use(
    createPublicBadgesRouter({
      db,
      catalog,
      issuer,
      publicUrl: baseUrl,
      clock,
      logger,
      verify: { allowLoopback: true, timeoutMs: 5_000 },
      ...options,
    }),
  );
  site.use(notFound);
  site.use(errorHandler(logger));
  app = site;

  const addPerson = async (id: string, displayName: string, privateProfile: boolean) => {
    const at = clock().toISOString();
    await db('people').insert({
      id,
      displayName,
      email: `${id}@example.org`,
      privateProfile,
      createdAt: at,
      updatedAt: at,
    });
  };
  await addPerson('trainer-1', 'Animatrice', false);

  const validate = async (learnerId: string, skill: string, level?: number) => {
    clock.tick();
    return recordProgress(
      { db, catalog, issuer, publicUrl: baseUrl, clock },
      {
        learnerId,
        skillId: `${S}/${skill}`,
        type: 'skill-validated',
        actorId: 'trainer-1',
        ...(level === undefined ? {} : { level }),
      },
    );
  };

  return {
    db,
    catalog,
    issuer,
    baseUrl,
    clock,
    earn: async (learnerId, steps) => {
      await addPerson(learnerId, learnerId, false);
      const awards = new Map<string, string>();
      for (const [skill, level] of steps) {
        for (const award of (await validate(learnerId, skill, level)).issued)
          awards.set(award.badgeId, award.awardId);
      }
      return awards;
    },
    earnPremiersPas: async (learnerId, options = {}) => {
      await addPerson(learnerId, options.displayName ?? learnerId, options.privateProfile ?? false);
      let awardId: string | undefined;
      for (const skill of PARTS) awardId ??= (await validate(learnerId, skill)).issued[0]?.awardId;
      if (awardId === undefined) throw new Error('premiers-pas was not issued');
      return awardId;
    },
    dispose: async () => {
      await closeServer(server);
      await test.dispose();
    },
  };
}
