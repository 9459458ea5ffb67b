/**
 * The bulk award through the GraphQL API on a real express server: an administrator previews
 * and confirms; a trainer is refused both, and nothing is written.
 */
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import type { GraphqlDeps } from '../../../server/graphql/builder.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  graphqlDepsOf,
  type Member,
  postGraphql,
  serveGraphql,
} from '../../support/graphql-client.ts';
import { addStaff } from '../accounts/fixtures.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-bulk-award-secret-with-enough-entropy-0123456';
const BADGE = 'seniors-numerique/premiers-pas';

const PREVIEW = `
  query Preview($badgeId: ID!, $csv: String!) {
    previewBulkAward(badgeId: $badgeId, csv: $csv) {
      __typename
      ... on BulkAwardReport { okCount rows { line status learnerId message { fr en } } }
      ... on LocalizedError { code }
    }
  }`;

const CONFIRM = `
  mutation Confirm($badgeId: ID!, $csv: String!) {
    confirmBulkAward(badgeId: $badgeId, csv: $csv) {
      __typename
      ... on BulkAwardReport { okCount rows { line status awardId } }
      ... on LocalizedError { code }
    }
  }`;

describe.each(testDatabaseKinds())('bulk award through GraphQL on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let server: Server | undefined;
  let base: string;
  let admin: Member;
  let trainer: Member;
  let learner: Member;

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    const staff = await addStaff(accounts, ['admin'], 'Root');
    admin = await createMember(accounts, staff, ['admin'], 'Admin');
    trainer = await createMember(accounts, staff, ['trainer'], 'Trainer');
    learner = await createMember(accounts, staff, ['learner'], 'Lucie');
    const deps: GraphqlDeps = graphqlDepsOf(engine, JWT_SECRET);
    ({ base, server } = await serveGraphql(deps));
  });
  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  const csv = () => `email\n${learner.email}\nnobody@example.org`;

  it('refuses a trainer and writes nothing', async () => {
    for (const source of [PREVIEW, CONFIRM]) {
      const body = await postGraphql(base, source, { badgeId: BADGE, csv: csv() }, trainer.token);
      expect(body.data ?? null).toBeNull();
      expect(body.errors?.length).toBeGreaterThan(0);
    }
    expect(await engine.count('badge_awards')).toBe(0);
  });

  it('lets an administrator preview then confirm', async () => {
    const preview = await postGraphql(base, PREVIEW, { badgeId: BADGE, csv: csv() }, admin.token);
    expect(preview.data?.previewBulkAward).toMatchObject({
      __typename: 'BulkAwardReport',
      okCount: 1,
      rows: [
        { line: 2, status: 'OK', learnerId: learner.personId, message: null },
        { line: 3, status: 'UNKNOWN_LEARNER' },
      ],
    });
    expect(await engine.count('badge_awards')).toBe(0);

    const confirm = await postGraphql(base, CONFIRM, { badgeId: BADGE, csv: csv() }, admin.token);
    expect(confirm.data?.confirmBulkAward).toMatchObject({
      __typename: 'BulkAwardReport',
      okCount: 1,
    });
    expect(await engine.count('badge_awards', { learnerId: learner.personId })).toBe(1);

    const bad = await postGraphql(base, PREVIEW, { badgeId: BADGE, csv: 'nom\nx' }, admin.token);
    expect(bad.data?.previewBulkAward).toEqual({
      __typename: 'BadBulkAwardHeader',
      code: 'bad-bulk-award-header',
    });
  });
});
