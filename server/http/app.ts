/**
 * `createApp(deps)` builds the express application: security headers and cross-origin rules
 * (`security-headers.ts`, `cors.ts`), health check, the routes (the API's JSON bodies parsed
 * with a size limit), and one error handler. `main.ts` listens; tests build the same app on port 0.
 */
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Issuer } from '../../badges/issuer/issuer.ts';
import { createAccountsDeps } from '../app/accounts/deps.ts';
import type { Catalog } from '../app/check-curricula.ts';
import {
  type EvidenceFilesDeps,
  MAX_EVIDENCE_FILE_BYTES,
} from '../app/evidence-files/evidence-file-store.ts';
import { FilesystemEvidenceFileStore } from '../app/evidence-files/filesystem-store.ts';
import { LoginRateLimiter } from '../auth/login-rate-limiter.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/connection.ts';
import { createGraphqlHandler } from '../graphql/yoga.ts';
import type { Logger } from '../logger.ts';
import { corsPolicy } from './cors.ts';
import { refuseCrossSiteGraphql } from './csrf-guard.ts';
import { errorHandler, notFound } from './errors.ts';
import { limitGraphqlBody, MAX_JSON_BODY_BYTES } from './multipart-limit.ts';
import { createAuthRouter } from './routes/auth.ts';
import { createClientRouter } from './routes/client.ts';
import { createEvidenceFilesRouter } from './routes/evidence-files.ts';
import { createLearnerExportsRouter } from './routes/learner-exports.ts';
import { createPublicBadgesRouter } from './routes/public-badges.ts';
import { createShareLinksRouter } from './routes/share-links.ts';
import { securityHeaders } from './security-headers.ts';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  catalog: Catalog;
  clock: () => Date;
  /** HMAC key of access tokens, from `loadOrCreateSecrets(config.dataDir)`. */
  jwtSecret: string;
  /** The badge issuer, from `ensureIssuer` (keys and status list live in the database). */
  issuer: Issuer;
  /** Evidence files (default: `<dataDir>/evidence`, 10 MB per file); tests pass their own. */
  evidenceFiles?: EvidenceFilesDeps;
  /** The built web client (default: `dist/client` at the project's root). */
  clientDir?: string;
}

/** @returns the express application, not yet listening. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // Who may say which address a request comes from (X-Forwarded-For): TRUST_PROXY.
  app.set('trust proxy', deps.config.trustProxy);
  // Before any route, so every answer has them, 404s and errors included.
  app.use(securityHeaders({ publicUrl: deps.config.publicUrl }));
  app.use(corsPolicy({ allowedOrigins: deps.config.corsOrigins }));

  app.get('/healthz', async (_request, response) => {
    try {
      await deps.db.raw('select 1');
      response.json({ status: 'ok', database: 'ok', curricula: deps.catalog.curricula.length });
    } catch (error) {
      deps.logger.error({ err: error }, 'health check: database unreachable');
      response.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });

  const accounts = createAccountsDeps({
    db: deps.db,
    clock: deps.clock,
    jwtSecret: deps.jwtSecret,
  });
  app.use(
    '/auth',
    createAuthRouter({
      accounts,
      loginLimiter: new LoginRateLimiter({ clock: deps.clock }),
      logger: deps.logger,
    }),
  );

  const evidenceFiles = deps.evidenceFiles ?? {
    store: new FilesystemEvidenceFileStore(join(deps.config.dataDir, 'evidence')),
    maxBytes: MAX_EVIDENCE_FILE_BYTES,
  };
  // The API's JSON bodies (operations and their variables). Only here: `/auth` and `/verify`
  // read theirs with their own limits (16 KB, and 5 MB once the client is counted), and the
  // other routes take none. It leaves multipart (file uploads) and other body types unread:
  // yoga reads them itself, after limitGraphqlBody's cap on their declared size.
  app.use('/graphql', express.json({ limit: MAX_JSON_BODY_BYTES }));
  app.use('/graphql', refuseCrossSiteGraphql);
  app.use('/graphql', limitGraphqlBody({ maxFileBytes: evidenceFiles.maxBytes }));
  app.use(
    '/graphql',
    createGraphqlHandler(
      {
        db: deps.db,
        catalog: deps.catalog,
        issuer: deps.issuer,
        publicUrl: deps.config.publicUrl,
        clock: deps.clock,
        jwtSecret: deps.jwtSecret,
        logger: deps.logger,
        timeZone: deps.config.timeZone,
        evidenceFiles,
      },
      { introspection: deps.config.environment !== 'production' },
    ),
  );

  // Employers' pages and everything verifiers fetch: DID document, status list, OB 2.0 objects.
  // Before the routers mounted at the root: the verifiers' path enters no other router.
  app.use(
    createPublicBadgesRouter({
      db: deps.db,
      catalog: deps.catalog,
      issuer: deps.issuer,
      publicUrl: deps.config.publicUrl,
      clock: deps.clock,
      logger: deps.logger,
    }),
  );

  // Evidence files behind short-lived signed links (Evidence.file.url).
  app.use(
    createEvidenceFilesRouter({
      db: deps.db,
      store: evidenceFiles.store,
      jwtSecret: deps.jwtSecret,
      clock: deps.clock,
    }),
  );

  // The signed-in learner's CLR 2.0 record and printable passport (Bearer token).
  app.use(
    createLearnerExportsRouter({
      db: deps.db,
      catalog: deps.catalog,
      issuer: deps.issuer,
      publicUrl: deps.config.publicUrl,
      clock: deps.clock,
      jwtSecret: deps.jwtSecret,
    }),
  );

  // Pathway share links: public, read-only, logged openings.
  app.use(createShareLinksRouter({ db: deps.db, catalog: deps.catalog, clock: deps.clock }));

  // The web client: its built files, and its page for every address no route above owns.
  app.use(createClientRouter(deps.clientDir));

  app.use(notFound);
  app.use(errorHandler(deps.logger));
  return app;
}
