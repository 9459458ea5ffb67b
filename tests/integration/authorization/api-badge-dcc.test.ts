/**
 * A badge issued through the API, end to end: a trainer validates skills with the
 * `validateSkill` mutation until « Premiers pas » (seniors-numerique) is issued; the credential
 * served by the public page verifies with our verifier over HTTP and with the Digital
 * Credentials Consortium's library; after the admin's `revokeBadge` mutation our verifier says
 * 'revoked', the page says révoqué and the OB 2.0 assertion is gone (410). The GraphQL handler
 * and the public routes share ONE express app whose base URL is the issuer's public URL.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as bitstringStatusList from '@digitalbazaar/vc-bitstring-status-list';
import { DataIntegrityProof as DccDataIntegrityProof } from '@digitalcredentials/data-integrity';
import { cryptosuite as dccEddsaRdfc2022 } from '@digitalcredentials/eddsa-rdfc-2022-cryptosuite';
import * as dccVc from '@digitalcredentials/vc';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUNDLED_CONTEXTS,
  MULTIKEY_V1_CONTEXT,
} from '../../../badges/contexts/bundled-contexts.ts';
import type { LoadedDocument } from '../../../badges/contexts/document-loader.ts';
import { findMethod } from '../../../badges/contexts/document-loader.ts';
import type { Issuer } from '../../../badges/issuer/issuer.ts';
import type { VerificationReport } from '../../../badges/verify/report.ts';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { ensureIssuer } from '../../../server/app/ensure-issuer.ts';
import { importCurricula } from '../../../server/app/import-curricula.ts';
import type { Database } from '../../../server/db/connection.ts';
import { createGraphqlHandler } from '../../../server/graphql/yoga.ts';
import { errorHandler, notFound } from '../../../server/http/errors.ts';
import { createPublicBadgesRouter } from '../../../server/http/routes/public-badges.ts';
import { closeServer } from '../../support/close-server.ts';
import {
  createTestDatabase,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { createMember, type Member, postGraphql } from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { shippedCurricula, type TestClock, testClock } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'authorization-dcc-secret-with-enough-entropy-0123456';
const S = 'seniors-numerique';
const BADGE = `${S}/premiers-pas`;
const SKILLS = [
  `${S}/allumer-son-appareil`,
  `${S}/utiliser-l-ecran-tactile`,
  `${S}/se-connecter-au-wifi`,
];

const VALIDATE = `
  mutation Validate($input: ValidateSkillInput!) {
    validateSkill(input: $input) {
      __typename
      ... on ValidateSkillSuccess { issuedBadges { id badgeId verificationUrl } }
      ... on LocalizedError { code }
    }
  }`;

const REVOKE = `
  mutation Revoke($awardId: ID!, $reason: String!) {
    revokeBadge(awardId: $awardId, reason: $reason) {
      __typename
      ... on RevokeBadgeSuccess { awardId alreadyRevoked }
      ... on LocalizedError { code }
    }
  }`;

/** What Digital Bazaar's status check answers (one result per status entry). */
interface StatusResult {
  verified: boolean;
  results?: { status: boolean }[];
}

// badges/types/vendor.d.ts declares only the list class of this library; the check is typed here.
const { checkStatus } = bitstringStatusList as unknown as {
  checkStatus(options: {
    credential: Record<string, unknown>;
    documentLoader: (url: string) => Promise<LoadedDocument>;
    suite: unknown;
    verifyStatusListCredential: boolean;
    verifyMatchingIssuers: boolean;
  }): Promise<StatusResult>;
};

/** The DCC verifier's answer, with the status result it passes on. */
type DccResult = Awaited<ReturnType<typeof dccVc.verifyCredential>> & {
  statusResult?: StatusResult;
};

describe.each(testDatabaseKinds())('a badge issued through the API on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  let clock: TestClock;
  let issuer: Issuer;
  let baseUrl: string;
  let server: Server | undefined;
  let accounts: AccountsDeps;
  let admin: Member;
  let trainer: Member;
  let learner: Member;
  let awardId: string;

  const get = (path: string, accept: string) => fetch(`${baseUrl}${path}`, { headers: { accept } });

  const verifyOutside = (input: unknown): Promise<VerificationReport> =>
    verifyCredential(input, {
      now: new Date(clock().getTime() + 3_600_000),
      allowLoopback: true,
      timeoutMs: 5_000,
      knownIssuers: [issuer.profile.id],
    });

  /** Bundled contexts, and the issuer's DID document as the app serves it; nothing else. */
  const documentLoader = async (url: string): Promise<LoadedDocument> => {
    const context = BUNDLED_CONTEXTS.get(url);
    if (context !== undefined) return { contextUrl: null, documentUrl: url, document: context };
    const [base = url, fragment] = url.split('#');
    if (base === issuer.profile.id) {
      const did = (await (await fetch(`${baseUrl}/.well-known/did.json`)).json()) as Record<
        string,
        unknown
      >;
      if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: did };
      const method = findMethod(did, url);
      if (method === undefined) throw new Error(`${url} is not published`);
      return {
        contextUrl: null,
        documentUrl: url,
        document: { '@context': MULTIKEY_V1_CONTEXT, ...method },
      };
    }
    if (url.startsWith(`${baseUrl}/status/`)) {
      const list = await (await fetch(url)).json();
      return { contextUrl: null, documentUrl: url, document: list };
    }
    throw new Error(`the test loader does not load ${url}`);
  };

  /** The status check the DCC library calls: Digital Bazaar's Bitstring Status List check. */
  const dccCheckStatus = (options: { credential: Record<string, unknown> }) =>
    checkStatus({
      credential: options.credential,
      documentLoader,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      verifyStatusListCredential: true,
      verifyMatchingIssuers: true,
    });

  beforeAll(async () => {
    test = await createTestDatabase(kind);
    db = test.db;
    clock = testClock();
    const catalog = await shippedCurricula();
    // The server listens before the issuer exists: the issuer's DID is derived from its address.
    let app: express.Express | undefined;
    server = createServer((request, response) => {
      if (app === undefined) response.writeHead(503).end();
      else app(request, response);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await importCurricula(db, catalog, clock);
    issuer = await ensureIssuer(
      db,
      { publicUrl: baseUrl, name: 'Grange Numérique', email: 'contact@grange.example' },
      clock,
    );
    const logger = pino({ level: 'silent' });
    const site = express();
    site.use(express.json({ limit: '256kb' }));
    site.use(
      '/graphql',
      createGraphqlHandler(
        {
          db,
          catalog,
          issuer,
          publicUrl: baseUrl,
          clock,
          jwtSecret: JWT_SECRET,
          logger,
          timeZone: 'Europe/Paris',
        },
        { graphiql: false },
      ),
    );
    site.use(
      createPublicBadgesRouter({
        db,
        catalog,
        issuer,
        publicUrl: baseUrl,
        clock,
        logger,
        verify: { allowLoopback: true, timeoutMs: 5_000 },
      }),
    );
    site.use(notFound);
    site.use(errorHandler(logger));
    app = site;

    accounts = createAccountsDeps({ db, clock, jwtSecret: JWT_SECRET });
    const root = await addStaff(accounts, ['admin'], 'Root');
    admin = await createMember(accounts, root, ['admin'], 'Admin');
    trainer = await createMember(accounts, root, ['trainer'], 'Animatrice');
    learner = await createMember(accounts, root, ['learner'], 'Lucienne');
    const groupId = randomUUID();
    await accounts.groups.create({ id: groupId, name: 'Seniors', curriculumId: S }, clock());
    await accounts.groups.addMember(
      { groupId, personId: trainer.personId, role: 'trainer' },
      clock(),
    );
    await accounts.groups.addMember(
      { groupId, personId: learner.personId, role: 'learner' },
      clock(),
    );

    let issued: { id: string; badgeId: string; verificationUrl: string } | undefined;
    for (const skillId of SKILLS) {
      clock.tick(1 / 60);
      const body = await postGraphql(
        baseUrl,
        VALIDATE,
        { input: { learnerId: learner.personId, skillId } },
        trainer.token,
      );
      const result = body.data?.validateSkill as {
        __typename: string;
        issuedBadges: { id: string; badgeId: string; verificationUrl: string }[];
      };
      expect(result.__typename, JSON.stringify(body)).toBe('ValidateSkillSuccess');
      issued ??= result.issuedBadges.find((award) => award.badgeId === BADGE);
    }
    if (issued === undefined) throw new Error('premiers-pas was not issued');
    expect(issued.verificationUrl).toBe(`${baseUrl}/badges/${issued.id}`);
    awardId = issued.id;
  }, 60_000);

  afterAll(async () => {
    await closeServer(server);
    await test?.dispose();
  });

  it('verifies with our verifier over HTTP and with the DCC library', async () => {
    const byUrl = await verifyOutside(`${baseUrl}/badges/${awardId}`);
    expect(byUrl.verdict).toBe('valid');
    expect(byUrl.checks.find((c) => c.id === 'not-revoked')?.status).toBe('passed');

    const credential = (await (
      await get(`/badges/${awardId}`, 'application/json')
    ).json()) as Record<string, unknown>;
    expect((await verifyOutside(credential)).verdict).toBe('valid');

    const dcc: DccResult = await dccVc.verifyCredential({
      credential,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader,
      checkStatus: dccCheckStatus,
      now: new Date(clock().getTime() + 3_600_000),
    });
    expect(dcc.error).toBeUndefined();
    expect(dcc.verified).toBe(true);
    expect(dcc.statusResult?.results?.[0]?.status).toBe(false);

    const status = await checkStatus({
      credential,
      documentLoader,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      verifyStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    expect(status.verified).toBe(true);
    expect(status.results?.[0]?.status).toBe(false);
  });

  it('after the admin revokes it: revoked for our verifier, révoqué on the page, 410 in OB 2.0', async () => {
    const credential = (await (
      await get(`/badges/${awardId}`, 'application/json')
    ).json()) as Record<string, unknown>;
    expect((await get(`/ob2/assertions/${awardId}`, 'application/json')).status).toBe(200);

    clock.tick(1 / 60);
    const body = await postGraphql(
      baseUrl,
      REVOKE,
      { awardId, reason: 'Validée par erreur' },
      admin.token,
    );
    expect(body.data?.revokeBadge).toEqual({
      __typename: 'RevokeBadgeSuccess',
      awardId,
      alreadyRevoked: false,
    });

    expect((await verifyOutside(credential)).verdict).toBe('revoked');
    expect((await verifyOutside(`${baseUrl}/badges/${awardId}`)).verdict).toBe('revoked');

    const page = await get(`/badges/${awardId}`, 'text/html');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('révoqué');

    expect((await get(`/ob2/assertions/${awardId}`, 'application/json')).status).toBe(410);

    // The DCC library only fails on an unreadable status: a set bit leaves `verified` true and
    // shows in its status result; the signature still holds…
    const dcc: DccResult = await dccVc.verifyCredential({
      credential,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      documentLoader,
      checkStatus: dccCheckStatus,
      now: new Date(clock().getTime() + 3_600_000),
    });
    expect(dcc.verified).toBe(true);
    expect(dcc.statusResult?.results?.[0]?.status).toBe(true);
    // …and the status list, checked with Digital Bazaar's library, now has the bit set.
    const status = await checkStatus({
      credential,
      documentLoader,
      suite: new DccDataIntegrityProof({ cryptosuite: dccEddsaRdfc2022 }),
      verifyStatusListCredential: true,
      verifyMatchingIssuers: true,
    });
    expect(status.verified).toBe(true);
    expect(status.results?.[0]?.status).toBe(true);
  });
});
