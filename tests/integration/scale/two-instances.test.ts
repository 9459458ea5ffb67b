/**
 * Past one machine (issue 8): two `server/main.ts` processes on one PostgreSQL database,
 * behind a load balancer, act as one server.
 *
 * What makes a Grange process stateless, so that any process can answer any request:
 * - every piece of state lives in the database: people, roles, password and PIN hashes with
 *   their failure counters and locks, refresh tokens (hashed, with their rotation families),
 *   the ledger and its projection, awards, status lists, the issuer's keys (re-read whenever
 *   they sign or are published: `issuance/current-issuer.ts`);
 * - the one secret, the access tokens' HMAC key, comes from `<DATA_DIR>/secrets.json`, the
 *   same file on every machine;
 * - what a process keeps in memory is either a copy of immutable data (the curricula read at
 *   start, the credential texts of `app/published-credential.ts`, the JSON-LD contexts), values
 *   worked out from a learner's ledger and used only while the database says that ledger has
 *   not moved (`app/ledger-cache.ts`: their skill states, their columns of a grid), or a
 *   per-process limit: the sign-in limits per address and per password (`LoginRateLimiter`,
 *   `SprayGuard`), the counters of unknown accounts (`PhantomLockouts`) and the limits of
 *   `POST /verify` (`http/verify-limits.ts`). Those limits hold per process, so N processes
 *   allow up to N times as much; docs/deploy.md says so, and where to limit in front instead.
 * Evidence files are the exception that is not in the database: they are on each machine's
 * disk (`<DATA_DIR>/evidence`), so several machines need a shared folder or object storage
 * (docs/deploy.md); this test uploads none.
 *
 * Runs on PostgreSQL only (TEST_DATABASES=sqlite,postgres, as CI sets it): several processes
 * writing one SQLite file is not a supported deployment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../../badges/verify/verify-credential.ts';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { checkCurriculaFolder } from '../../../server/app/check-curricula.ts';
import { indexCatalog } from '../../../server/app/issuance/catalog-index.ts';
import { ruleLeaves } from '../../../server/domain/criteria/criteria-rule.ts';
import {
  createTestDatabase,
  POSTGRES_URL,
  type TestDatabase,
  testDatabaseKinds,
} from '../../support/databases.ts';
import { addGroup, addStaff, type StaffMember } from '../accounts/fixtures.ts';
import { type Cluster, startCluster } from './server-processes.ts';

const LEARNERS = 12;

const VALIDATE = `mutation($input: ValidateSkillInput!) {
  validateSkill(input: $input) {
    __typename
    ... on ValidateSkillSuccess { issuedBadges { id badgeId } }
    ... on LocalizedError { code }
  } }`;

const REVOKE = `mutation($awardId: ID!, $reason: String!) {
  revokeBadge(awardId: $awardId, reason: $reason) { __typename ... on RevokeBadgeSuccess { revokedAt } } }`;

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

/** The test schema's URL (its search_path in `options`), as DATABASE_URL of both processes. */
function databaseUrlOf(test: TestDatabase): string {
  const settings = test.db.client.connectionSettings as {
    user: string;
    password?: string;
    host: string;
    port: string;
    database: string;
    options: string;
  };
  const url = new URL(POSTGRES_URL);
  url.username = settings.user;
  url.password = settings.password ?? '';
  url.host = `${settings.host}:${settings.port}`;
  url.pathname = `/${settings.database}`;
  url.searchParams.set('options', settings.options);
  return url.toString();
}

describe.runIf(testDatabaseKinds().includes('postgres'))(
  'two server processes on one PostgreSQL database',
  () => {
    let test: TestDatabase;
    let cluster: Cluster;
    let accounts: AccountsDeps;
    let trainer: StaffMember;
    let groupId: string;

    const json = async (response: Response) => ({
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
    });

    const signIn = async (instance: string, who: StaffMember, password = who.password) =>
      json(
        await cluster.request(instance, '/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: who.email, password }),
        }),
      );

    const refresh = async (instance: string, refreshToken: string) =>
      json(
        await cluster.request(instance, '/auth/refresh', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ refreshToken }),
        }),
      );

    const graphql = async (
      instance: string,
      token: string,
      query: string,
      variables: Record<string, unknown> = {},
    ) => {
      const response = await cluster.request(instance, '/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(200);
      return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    };

    beforeAll(async () => {
      test = await createTestDatabase('postgres');
      cluster = await startCluster(databaseUrlOf(test), ['a', 'b']);
      accounts = createAccountsDeps({
        db: test.db,
        clock: () => new Date(),
        jwtSecret: cluster.jwtSecret,
      });
      trainer = await addStaff(accounts, ['trainer'], 'Formatrice');
      groupId = await addGroup(accounts, trainer);
    }, 180_000);

    afterAll(async () => {
      await cluster?.stop();
      await test?.dispose();
    });

    it('started together on a new database, the processes made one issuer between them', async () => {
      const keys = (await test.db('issuerKeys').select('algorithm')) as { algorithm: string }[];
      expect(keys.map((key) => key.algorithm).sort()).toEqual(['Ed25519', 'RSA']);
      expect(await test.db('statusLists').count({ n: '*' })).toEqual([{ n: '1' }]);
    });

    it('takes a token from one process on the other, for GraphQL and REST, and refreshes it there', async () => {
      const learner = await addStaff(accounts, ['learner'], 'Camille');
      const signedIn = await signIn('a', learner);
      expect(signedIn.status).toBe(200);
      const tokens = signedIn.body as unknown as Tokens;

      const me = await graphql('b', tokens.accessToken, '{ me { id } }');
      expect(me.data?.me).toEqual({ id: learner.personId });
      // REST on the other process: the learner's CLR export answers for this learner (404:
      // no badge yet), where no token gets 401.
      const clr = await cluster.request('b', '/me/clr.json', {
        headers: { authorization: `Bearer ${tokens.accessToken}` },
      });
      expect(clr.status).toBe(404);
      expect((await cluster.request('b', '/me/clr.json')).status).toBe(401);

      // Refreshed on B; the new access token works on A.
      const renewed = await refresh('b', tokens.refreshToken);
      expect(renewed.status).toBe(200);
      const next = renewed.body as unknown as Tokens;
      expect((await graphql('a', next.accessToken, '{ me { id } }')).data?.me).toEqual({
        id: learner.personId,
      });
      // The rotated token replayed on A is reuse: refused, and the whole family with it.
      expect((await refresh('a', tokens.refreshToken)).status).toBe(401);
      expect((await refresh('b', next.refreshToken)).status).toBe(401);
    });

    it('locks an account after wrong passwords split across both processes', async () => {
      const learner = await addStaff(accounts, ['learner'], 'Dominique');
      for (const instance of ['a', 'b', 'a', 'b']) {
        expect((await signIn(instance, learner, 'not-the-password')).status).toBe(401);
      }
      // The fifth failure, wherever it lands, locks: the counter is in the database.
      expect((await signIn('b', learner, 'not-the-password')).status).toBe(423);
      for (const instance of ['a', 'b']) {
        const answer = await signIn(instance, learner);
        expect(answer.status).toBe(423);
        expect(answer.body.error).toMatchObject({ code: 'account-locked' });
      }
    });

    it('issues each badge once when many learners are validated through both processes at the same time', async () => {
      const checked = await checkCurriculaFolder();
      if (!checked.ok) throw new Error('the shipped curricula have problems');
      const index = indexCatalog(checked.catalog);
      // The badge whose criteria name the fewest skills and no other badge.
      const [badge] = [...index.badges.values()]
        .map((definition) => ({ definition, leaves: ruleLeaves(definition.criteria) }))
        .filter(({ leaves }) => leaves.every((leaf) => leaf.kind === 'skill'))
        .sort((a, b) => a.leaves.length - b.leaves.length);
      if (badge === undefined) throw new Error('no badge is earned from skills alone');
      const skills = badge.leaves.flatMap((leaf) => (leaf.kind === 'skill' ? [leaf.skillId] : []));

      const learners: StaffMember[] = [];
      for (let i = 0; i < LEARNERS; i += 1) {
        const learner = await addStaff(accounts, ['learner'], `Apprenant ${i}`);
        await accounts.groups.addMember(
          { groupId, personId: learner.personId, role: 'learner' },
          new Date(),
        );
        learners.push(learner);
      }
      const trainerToken = ((await signIn('a', trainer)).body as unknown as Tokens).accessToken;

      // Every skill of every learner validated twice, once through each process, all at once.
      const answers = await Promise.all(
        learners.flatMap((learner) =>
          skills.flatMap((skillId) => {
            const levels = index.skill(skillId)?.skill.levels?.length ?? 0;
            const input = {
              learnerId: learner.personId,
              skillId,
              ...(levels > 0 ? { level: levels } : {}),
            };
            return ['a', 'b'].map((instance) =>
              graphql(instance, trainerToken, VALIDATE, { input }).then((body) => ({
                learner: learner.personId,
                result: body.data?.validateSkill as {
                  __typename: string;
                  issuedBadges?: { id: string; badgeId: string }[];
                },
              })),
            );
          }),
        ),
      );
      for (const { result } of answers) expect(result.__typename).toBe('ValidateSkillSuccess');

      // Reported once: exactly one validation per learner says it issued the badge.
      for (const learner of learners) {
        const issued = answers.flatMap((a) =>
          a.learner === learner.personId
            ? (a.result.issuedBadges ?? []).filter((b) => b.badgeId === badge.definition.id)
            : [],
        );
        expect(issued).toHaveLength(1);
      }
      // Stored once: one standing award per learner and badge, whatever the badge.
      const perBadge = (await test
        .db('badgeAwards')
        .whereIn(
          'learnerId',
          learners.map((l) => l.personId),
        )
        .groupBy('learnerId', 'badgeId')
        .select('learnerId', 'badgeId')
        .count({ n: '*' })) as { learnerId: string; badgeId: string; n: string }[];
      expect(perBadge.filter((row) => Number(row.n) !== 1)).toEqual([]);
      expect(
        perBadge
          .filter((row) => row.badgeId === badge.definition.id)
          .map((row) => row.learnerId)
          .sort(),
      ).toEqual(learners.map((l) => l.personId).sort());
      // No status list index given twice.
      const shared = await test
        .db('badgeAwards')
        .groupBy('statusListId', 'statusIndex')
        .select('statusListId', 'statusIndex')
        .havingRaw('count(*) > 1');
      expect(shared).toEqual([]);
    }, 120_000);

    it('serves a badge from both processes, hides it from both at once, and both publish its revocation', async () => {
      const [award] = (await test.db('badgeAwards').select('id', 'learnerId').limit(1)) as {
        id: string;
        learnerId: string;
      }[];
      if (award === undefined) throw new Error('the previous test issued no badge');
      const asJson = { headers: { accept: 'application/vc+ld+json' } };
      const credentials = await Promise.all(
        ['a', 'b'].map(async (instance) => {
          const response = await cluster.request(instance, `/badges/${award.id}`, asJson);
          expect(response.status).toBe(200);
          return response.text();
        }),
      );
      expect(credentials[0]).toBe(credentials[1]);

      // Written by neither process (as another process would): both answer 404 at once.
      await test.db('people').where('id', award.learnerId).update({ privateProfile: true });
      for (const instance of ['a', 'b']) {
        expect((await cluster.request(instance, `/badges/${award.id}`, asJson)).status).toBe(404);
      }
      await test.db('people').where('id', award.learnerId).update({ privateProfile: false });

      // Revoked through B; a verifier reading the status list through the load balancer
      // (which alternates between A and B) finds it revoked.
      const admin = await addStaff(accounts, ['admin'], 'Admin');
      const adminToken = ((await signIn('a', admin)).body as unknown as Tokens).accessToken;
      const revoked = await graphql('b', adminToken, REVOKE, {
        awardId: award.id,
        reason: 'Validation faite par erreur.',
      });
      expect(revoked.data?.revokeBadge).toMatchObject({ __typename: 'RevokeBadgeSuccess' });
      for (let i = 0; i < 2; i += 1) {
        const report = await verifyCredential(JSON.parse(credentials[0] as string), {
          now: new Date(Date.now() + 60_000),
          allowLoopback: true,
          timeoutMs: 10_000,
        });
        expect(report.verdict).toBe('revoked');
      }
    }, 60_000);

    it("keeps no learner's progress one process has not seen: views read on B follow a validation made through A", async () => {
      const checked = await checkCurriculaFolder();
      if (!checked.ok) throw new Error('the shipped curricula have problems');
      // A skill anyone can start: no prerequisite, no level to choose.
      const skillId = checked.catalog.graph
        .topologicalOrder()
        .find(
          (id) =>
            checked.catalog.graph.prerequisites(id).length === 0 &&
            (indexCatalog(checked.catalog).skill(id)?.skill.levels?.length ?? 0) === 0,
        );
      if (skillId === undefined) throw new Error('no skill without prerequisites and levels');
      const curriculumId = skillId.split('/')[0] as string;
      const learner = await addStaff(accounts, ['learner'], 'Sacha');
      await accounts.groups.addMember(
        { groupId, personId: learner.personId, role: 'learner' },
        new Date(),
      );
      const learnerToken = ((await signIn('b', learner)).body as unknown as Tokens).accessToken;
      const trainerToken = ((await signIn('b', trainer)).body as unknown as Tokens).accessToken;
      const STATE = `query($curriculumId: ID!) { mySkillStates(curriculumId: $curriculumId) { skillId status } }`;
      const GRID = `query($groupId: ID!, $curriculumId: ID!) {
        progressGrid(groupId: $groupId, curriculumId: $curriculumId) {
          ... on ProgressGrid { skillIds rows { learnerId statuses } } } }`;
      const readOnB = async () => {
        const states = (await graphql('b', learnerToken, STATE, { curriculumId })).data
          ?.mySkillStates as { skillId: string; status: string }[];
        const grid = (await graphql('b', trainerToken, GRID, { groupId, curriculumId })).data
          ?.progressGrid as {
          skillIds: string[];
          rows: { learnerId: string; statuses: string[] }[];
        };
        const row = grid.rows.find((r) => r.learnerId === learner.personId);
        return {
          state: states.find((state) => state.skillId === skillId)?.status,
          cell: row?.statuses[grid.skillIds.indexOf(skillId)],
        };
      };
      // Read twice on B, so that B keeps what it worked out.
      expect(await readOnB()).toEqual({ state: 'AVAILABLE', cell: 'AVAILABLE' });
      expect(await readOnB()).toEqual({ state: 'AVAILABLE', cell: 'AVAILABLE' });
      const validated = await graphql('a', trainerToken, VALIDATE, {
        input: { learnerId: learner.personId, skillId },
      });
      expect(validated.data?.validateSkill).toMatchObject({ __typename: 'ValidateSkillSuccess' });
      expect(await readOnB()).toEqual({ state: 'VALIDATED', cell: 'VALIDATED' });
    }, 60_000);
  },
);
