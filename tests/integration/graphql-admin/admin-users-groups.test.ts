/**
 * Administration of people, groups and curricula through the real HTTP server (`/auth` and
 * `/graphql` on one express app), on the demo data: the people list (search, filters, pages),
 * staff accounts signing in with their one-time password, roles that count from the next
 * request, disabled accounts (no sign-in, tokens and refresh refused) and enabled again, the
 * refusals aimed at oneself, groups and memberships with enrolment, the curricula's status
 * against what the seed wrote, and bad input that writes nothing.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AccountsDeps, createAccountsDeps } from '../../../server/app/accounts/deps.ts';
import { curriculumOf } from '../../../server/app/curricula-to-domain.ts';
import { DEMO_ADMIN, DEMO_GROUPS, DEMO_TRAINERS } from '../../../server/app/demo/cast.ts';
import { type SeedDemoResult, seedDemoData } from '../../../server/app/seed-demo.ts';
import { LoginRateLimiter } from '../../../server/auth/login-rate-limiter.ts';
import {
  insertCurriculumVersion,
  makeCurrentVersion,
} from '../../../server/db/repositories/curriculum-versions-repository.ts';
import type { GraphqlDeps } from '../../../server/graphql/builder.ts';
import { createGraphqlHandler } from '../../../server/graphql/yoga.ts';
import { createAuthRouter } from '../../../server/http/routes/auth.ts';
import { createLogger } from '../../../server/logger.ts';
import { closeServer } from '../../support/close-server.ts';
import { testDatabaseKinds } from '../../support/databases.ts';
import {
  createMember,
  type GraphqlBody,
  graphqlDepsOf,
  type Member,
  postGraphql,
} from '../../support/graphql-client.ts';
import { createEngineFixture, type EngineFixture } from '../engine/engine-fixture.ts';

const JWT_SECRET = 'graphql-admin-users-groups-secret-with-enough-entropy';

type Seeded = Extract<SeedDemoResult, { seeded: true }>;

interface Account {
  id: string;
  displayName: string;
  email: string | null;
  learnerCode: string | null;
  isMinor: boolean;
  roles: string[];
  disabled: boolean;
  disabledReason: string | null;
  groups: { groupId: string; groupName: string; role: string }[];
}

interface Page {
  __typename: string;
  nodes: Account[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
}

interface AdminGroup {
  id: string;
  name: string;
  curriculumId: string | null;
  archived: boolean;
  trainerCount: number;
  learnerCount: number;
}

const ACCOUNT = `id displayName email learnerCode isMinor roles disabled disabledReason
  groups { groupId groupName role }`;
const ERROR = '... on LocalizedError { code message { fr en } }';

const PEOPLE = `query People($filter: PeopleFilter, $first: Int, $after: String) {
  people(filter: $filter, first: $first, after: $after) {
    __typename
    ... on PeoplePage { nodes { ${ACCOUNT} } totalCount endCursor hasNextPage }
    ... on InvalidInput { code issues { path message } }
  }
}`;

const CREATE_STAFF = `mutation Create($input: CreateStaffAccountInput!) {
  createStaffAccount(input: $input) {
    __typename
    ... on CreateStaffAccountSuccess { account { ${ACCOUNT} } initialPassword }
    ... on InvalidInput { issues { path } }
    ${ERROR}
  }
}`;

const ROLE_CHANGE = (
  field: 'grantRole' | 'revokeRole',
) => `mutation Change($personId: ID!, $role: Role!) {
  ${field}(personId: $personId, role: $role) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR}
  }
}`;

const DISABLE = `mutation Disable($personId: ID!, $reason: String!) {
  disableAccount(personId: $personId, reason: $reason) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR}
  }
}`;

const ENABLE = `mutation Enable($personId: ID!) {
  enableAccount(personId: $personId) {
    __typename
    ... on PersonAccountSuccess { account { ${ACCOUNT} } }
    ${ERROR}
  }
}`;

const GROUP = 'id name curriculumId archived trainerCount learnerCount';

const CREATE_GROUP = `mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    __typename
    ... on AdminGroupSuccess { group { ${GROUP} curriculum { id } } }
    ... on InvalidInput { issues { path } }
    ${ERROR}
  }
}`;

const MEMBER = (field: 'addGroupMember' | 'removeGroupMember') =>
  `mutation Member($groupId: ID!, $personId: ID!, $role: GroupRole!) {
    ${field}(groupId: $groupId, personId: $personId, role: $role) {
      __typename
      ${
        field === 'addGroupMember'
          ? `... on AddGroupMemberSuccess { group { ${GROUP} } enrolledCurriculumId }`
          : `... on RemoveGroupMemberSuccess { group { ${GROUP} } removed }`
      }
      ${ERROR}
    }
  }`;

const GROUPS = `query Groups($includeArchived: Boolean) {
  groups(includeArchived: $includeArchived) { ${GROUP} }
}`;

const frenchOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

describe.each(testDatabaseKinds())('administration of people and groups on %s', (kind) => {
  let engine: EngineFixture;
  let accounts: AccountsDeps;
  let deps: GraphqlDeps;
  let server: Server | undefined;
  let base: string;
  let seeded: Seeded;
  let admin: string;

  const gql = async (source: string, variables: Record<string, unknown>, token?: string) =>
    postGraphql(base, source, variables, token);

  /** The value of the operation's only root field. */
  const field = <T>(body: GraphqlBody): T => {
    expect(body.errors).toBeUndefined();
    const values = Object.values(body.data ?? {});
    expect(values).toHaveLength(1);
    return values[0] as T;
  };

  const postAuth = async (path: string, body: unknown) => {
    const response = await fetch(`${base}/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : {}) as {
        accessToken?: string;
        refreshToken?: string;
        error?: { code: string; message: { fr: string; en: string } };
      },
    };
  };

  const people = async (variables: Record<string, unknown>, token = admin) =>
    field<Page>(await gql(PEOPLE, variables, token));

  const rows = async (table: string, where: Record<string, unknown> = {}) =>
    engine.count(table, where);

  /** Row counts of every table an administrator's mutation could write. */
  const snapshot = async () => {
    const tables = [
      'people',
      'person_roles',
      'password_credentials',
      'groups',
      'group_members',
      'enrolments',
    ];
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await rows(t)])));
  };

  const staff = (roles: Parameters<typeof createMember>[2], name: string): Promise<Member> =>
    createMember(
      accounts,
      { personId: seeded.credentials.admin.personId, roles: ['admin'] },
      roles,
      name,
    );

  beforeAll(async () => {
    engine = await createEngineFixture(kind);
    accounts = createAccountsDeps({ db: engine.db, clock: engine.clock, jwtSecret: JWT_SECRET });
    deps = graphqlDepsOf(engine, JWT_SECRET);
    const outcome = await seedDemoData(deps);
    if (!outcome.seeded) throw new Error('the empty database was not seeded');
    seeded = outcome;

    // `/auth` and `/graphql` on one server, as `createApp` mounts them.
    const app = express();
    app.use(express.json({ limit: '256kb' }));
    app.use(
      '/auth',
      createAuthRouter({
        accounts,
        loginLimiter: new LoginRateLimiter({ clock: engine.clock, limit: 1_000 }),
        logger: createLogger('silent'),
      }),
    );
    app.use('/graphql', createGraphqlHandler(deps, { graphiql: false }));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server?.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const signIn = await postAuth('/login', {
      email: DEMO_ADMIN.email,
      password: seeded.credentials.admin.password,
    });
    expect(signIn.status).toBe(200);
    admin = signIn.body.accessToken ?? '';
  }, 120_000);

  afterAll(async () => {
    await closeServer(server);
    await engine?.dispose();
  });

  it('report each curriculum as the seed left it, and follow older and revoked versions', async () => {
    const STATUS = `{ curriculaStatus {
      startupCheckPassed unservedCurriculumIds
      curricula {
        curriculum { id } servedHash currentVersion { contentHash importedAt } olderVersionCount
        inSync skillCount badgeCount enrolledLearnerCount badgesIssuedCount badgesRevokedCount
      }
    } }`;
    interface Status {
      startupCheckPassed: boolean;
      unservedCurriculumIds: string[];
      curricula: {
        curriculum: { id: string };
        servedHash: string;
        currentVersion: { contentHash: string; importedAt: string } | null;
        olderVersionCount: number;
        inSync: boolean;
        skillCount: number;
        badgeCount: number;
        enrolledLearnerCount: number;
        badgesIssuedCount: number;
        badgesRevokedCount: number;
      }[];
    }
    const status = field<Status>(await gql(STATUS, {}, admin));
    expect(status.startupCheckPassed).toBe(true);
    expect(status.unservedCurriculumIds).toEqual([]);
    expect(status.curricula.map((c) => c.curriculum.id)).toEqual(
      engine.catalog.curricula.map((c) => c.id),
    );
    for (const curriculum of engine.catalog.curricula) {
      const hash = engine.catalog.versions.get(curriculum.id);
      const issued = seeded.issued.filter((a) => curriculumOf(a.badgeId) === curriculum.id);
      const group = DEMO_GROUPS.find((g) => g.curriculumId === curriculum.id);
      const [enrolled] = await engine
        .db('enrolments')
        .where({ curriculumId: curriculum.id })
        .count({ n: '*' });
      const [revoked] = await engine
        .db('badgeAwards')
        .where('badgeId', 'like', `${curriculum.id}/%`)
        .whereNotNull('revokedAt')
        .count({ n: '*' });
      expect(status.curricula.find((c) => c.curriculum.id === curriculum.id)).toEqual({
        curriculum: { id: curriculum.id },
        servedHash: hash,
        currentVersion: { contentHash: hash, importedAt: expect.any(String) },
        olderVersionCount: 0,
        inSync: true,
        skillCount: curriculum.skills.length,
        badgeCount: curriculum.badges.length,
        enrolledLearnerCount: Number(enrolled?.n),
        badgesIssuedCount: issued.length,
        badgesRevokedCount: Number(revoked?.n),
      });
      // Every demo group's learners follow its curriculum, at the least.
      expect(group).toBeDefined();
      expect(Number(enrolled?.n)).toBeGreaterThan(0);
    }
    expect(seeded.issued.length).toBeGreaterThan(0);

    // An older version kept, another server's newer import, a curriculum no longer shipped,
    // and a revoked award.
    const bafa = engine.catalog.curricula.find((c) => c.id === 'bafa');
    if (bafa === undefined) throw new Error('no bafa curriculum');
    const importedAt = engine.clock().toISOString();
    await insertCurriculumVersion(engine.db, {
      curriculum: bafa,
      contentHash: 'sha256-older',
      importedAt,
    });
    await insertCurriculumVersion(engine.db, {
      curriculum: { ...bafa, id: 'ancien-parcours' },
      contentHash: 'sha256-ancien',
      importedAt,
    });
    const standing = await engine.db('badgeAwards').whereNull('revokedAt').select('id');
    const award = seeded.issued.find((a) => standing.some((row) => row.id === a.awardId));
    if (award === undefined) throw new Error('the seed left no standing award');
    const revokedBefore =
      status.curricula.find((c) => c.curriculum.id === curriculumOf(award.badgeId))
        ?.badgesRevokedCount ?? 0;
    const revoked = await gql(
      `mutation($awardId: ID!) { revokeBadge(awardId: $awardId, reason: "Erreur de saisie") { __typename } }`,
      { awardId: award.awardId },
      admin,
    );
    expect(field<{ __typename: string }>(revoked).__typename).toBe('RevokeBadgeSuccess');

    let after = field<Status>(await gql(STATUS, {}, admin));
    expect(after.unservedCurriculumIds).toEqual(['ancien-parcours']);
    expect(after.curricula.find((c) => c.curriculum.id === 'bafa')).toMatchObject({
      olderVersionCount: 1,
      inSync: true,
    });
    const awarded = after.curricula.find((c) => c.curriculum.id === curriculumOf(award.badgeId));
    expect(awarded?.badgesRevokedCount).toBe(revokedBefore + 1);
    expect(awarded?.badgesIssuedCount).toBe(
      seeded.issued.filter((a) => curriculumOf(a.badgeId) === curriculumOf(award.badgeId)).length,
    );

    await makeCurrentVersion(engine.db, 'bafa', 'sha256-older');
    after = field<Status>(await gql(STATUS, {}, admin));
    expect(after.curricula.find((c) => c.curriculum.id === 'bafa')).toMatchObject({
      currentVersion: { contentHash: 'sha256-older' },
      inSync: false,
    });
    await makeCurrentVersion(engine.db, 'bafa', engine.catalog.versions.get('bafa') ?? '');
  });

  it('list people by name, page by page, with their roles, codes and groups', async () => {
    const [total] = await engine.db('people').whereNull('disabledAt').count({ n: '*' });
    const seen: Account[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Page = await people({ first: 5, ...(after === null ? {} : { after }) });
      expect(page.__typename).toBe('PeoplePage');
      expect(page.nodes.length).toBeLessThanOrEqual(5);
      expect(page.totalCount).toBe(Number(total?.n));
      seen.push(...page.nodes);
      after = page.hasNextPage ? page.endCursor : null;
      pages += 1;
    } while (after !== null && pages < 20);
    expect(seen).toHaveLength(Number(total?.n));
    expect(new Set(seen.map((p) => p.id)).size).toBe(seen.length);
    const names = seen.map((p) => p.displayName);
    expect(names).toEqual([...names].sort(frenchOrder.compare));

    const nathalie = seen.find((p) => p.id === seeded.credentials.admin.personId);
    expect(nathalie).toMatchObject({
      email: DEMO_ADMIN.email,
      roles: ['ADMIN'],
      learnerCode: null,
    });
    const child = seeded.credentials.learners.find((l) => l.key === 'lucas');
    expect(seen.find((p) => p.id === child?.personId)).toMatchObject({
      email: null,
      learnerCode: child?.learnerCode,
      isMinor: true,
      roles: ['LEARNER'],
      groups: [{ groupName: 'Club code du mercredi', role: 'LEARNER' }],
    });
    const sophie = seen.find((p) => p.email === DEMO_TRAINERS.sophie.email);
    expect(sophie?.groups.map((g) => g.groupName).sort()).toEqual(
      DEMO_GROUPS.filter((g) => g.trainer === 'sophie')
        .map((g) => g.name)
        .sort(),
    );
  });

  it('search names in any case and without accents, emails and learner codes', async () => {
    const names = async (search: string) =>
      (await people({ filter: { search } })).nodes.map((p) => p.displayName);
    expect(await names('GIRARD')).toEqual(['Nathalie Girard']);
    expect(await names('chloe')).toEqual(['Chloé Garnier']);
    expect(await names('CHLOÉ')).toEqual(['Chloé Garnier']);
    expect(await names('sophie.martin@')).toEqual(['Sophie Martin']);
    const emma = seeded.credentials.learners.find((l) => l.key === 'emma');
    const code = emma?.learnerCode ?? '';
    // As a front desk types it from the card: lower case, with a dash.
    expect(await names(`${code.slice(0, 3).toLowerCase()}-${code.slice(3).toLowerCase()}`)).toEqual(
      ['Emma Roux'],
    );
    expect(await names('personne de ce nom')).toEqual([]);

    const trainers = await people({ filter: { role: 'TRAINER' } });
    expect(trainers.nodes.map((p) => p.displayName).sort()).toEqual(
      [DEMO_TRAINERS.karim.displayName, DEMO_TRAINERS.sophie.displayName].sort(),
    );
    const page = await people({ filter: { role: 'LEARNER', search: 'roux' } });
    expect(page.nodes.map((p) => p.displayName)).toEqual(['Emma Roux']);
  });

  it.each([
    ['a page of 0', { first: 0 }, 'first'],
    ['a page over 100', { first: 101 }, 'first'],
    ['a cursor the list never gave', { after: 'pas-un-curseur' }, 'after'],
    ['a search of 201 characters', { filter: { search: 'a'.repeat(201) } }, 'search'],
  ])('answer %s with InvalidInput', async (_label, variables, path) => {
    const page = await people(variables);
    expect(page).toMatchObject({ __typename: 'InvalidInput', issues: [{ path }] });
  });

  it('create a trainer who signs in with the password shown once, and may do what trainers do', async () => {
    const before = await rows('people');
    const body = await gql(
      CREATE_STAFF,
      {
        input: {
          displayName: 'Inès Moreau',
          email: '  Ines.Moreau@Grange.example ',
          roles: ['TRAINER'],
          locale: 'fr',
        },
      },
      admin,
    );
    const created = field<{
      __typename: string;
      account: Account;
      initialPassword: string;
    }>(body);
    expect(created).toMatchObject({
      __typename: 'CreateStaffAccountSuccess',
      account: {
        displayName: 'Inès Moreau',
        email: 'ines.moreau@grange.example',
        roles: ['TRAINER'],
      },
    });
    expect(created.initialPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await rows('people')).toBe(before + 1);
    const [credential] = await engine
      .db('passwordCredentials')
      .where({ personId: created.account.id })
      .select('hash');
    expect(credential?.hash).toBeDefined();
    expect(credential?.hash).not.toContain(created.initialPassword);

    const signIn = await postAuth('/login', {
      email: 'ines.moreau@grange.example',
      password: created.initialPassword,
    });
    expect(signIn.status).toBe(200);
    const token = signIn.body.accessToken;
    const me = field<{ id: string } | null>(await gql('{ me { id } }', {}, token));
    expect(me?.id).toBe(created.account.id);
    expect(field<unknown[]>(await gql('{ myGroups { id } }', {}, token))).toEqual([]);
    const refused = await gql(PEOPLE, {}, token);
    expect(refused.errors?.[0]?.extensions?.code).toBe('forbidden');
  });

  it.each([
    [
      'an email already used',
      { displayName: 'Doublon', email: DEMO_ADMIN.email.toUpperCase(), roles: ['TRAINER'] },
      'EmailAlreadyUsed',
      null,
    ],
    [
      'an empty name',
      { displayName: '   ', email: 'vide@grange.example', roles: ['TRAINER'] },
      'InvalidInput',
      'displayName',
    ],
    [
      'no staff role',
      { displayName: 'Apprenti', email: 'apprenti@grange.example', roles: ['LEARNER'] },
      'InvalidInput',
      'roles',
    ],
    [
      'an unknown language',
      { displayName: 'Hans', email: 'hans@grange.example', roles: ['TRAINER'], locale: 'de' },
      'InvalidInput',
      'locale',
    ],
    [
      'an address that is not one',
      { displayName: 'Sans arobase', email: 'sans-arobase', roles: ['ADMIN'] },
      'InvalidInput',
      'email',
    ],
  ])('refuse a staff account with %s and write nothing', async (_label, input, typename, path) => {
    const before = await snapshot();
    const result = field<{ __typename: string; code: string; issues?: { path: string }[] }>(
      await gql(CREATE_STAFF, { input }, admin),
    );
    expect(result.__typename).toBe(typename);
    if (path !== null) expect(result.issues?.map((i) => i.path)).toContain(path);
    expect(await snapshot()).toEqual(before);
  });

  it('grant and revoke roles, which count from the next request with the same token', async () => {
    const paul = await staff(['learner'], 'Paul Lambert');
    const MY_GROUPS = '{ myGroups { id } }';
    expect((await gql(MY_GROUPS, {}, paul.token)).errors?.[0]?.extensions?.code).toBe('forbidden');

    const granted = field<{ __typename: string; account: Account }>(
      await gql(ROLE_CHANGE('grantRole'), { personId: paul.personId, role: 'TRAINER' }, admin),
    );
    expect(granted).toMatchObject({
      __typename: 'PersonAccountSuccess',
      account: { roles: ['LEARNER', 'TRAINER'] },
    });
    expect(field<unknown[]>(await gql(MY_GROUPS, {}, paul.token))).toEqual([]);

    const revoked = field<{ account: Account }>(
      await gql(ROLE_CHANGE('revokeRole'), { personId: paul.personId, role: 'TRAINER' }, admin),
    );
    expect(revoked.account.roles).toEqual(['LEARNER']);
    expect((await gql(MY_GROUPS, {}, paul.token)).errors?.[0]?.extensions?.code).toBe('forbidden');

    // Made an administrator, Paul may list people; a trainer may not change roles.
    await gql(ROLE_CHANGE('grantRole'), { personId: paul.personId, role: 'ADMIN' }, admin);
    expect((await people({}, paul.token)).__typename).toBe('PeoplePage');
    const trainer = await staff(['trainer'], 'Hugo Vasseur');
    const refused = await gql(
      ROLE_CHANGE('grantRole'),
      { personId: trainer.personId, role: 'ADMIN' },
      trainer.token,
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe('forbidden');
    expect(await rows('person_roles', { personId: trainer.personId, role: 'admin' })).toBe(0);
  });

  it('refuse an administrator removing their own admin role or disabling themselves', async () => {
    const self = seeded.credentials.admin.personId;
    const demoted = field<{ __typename: string; code: string; message: { fr: string } }>(
      await gql(ROLE_CHANGE('revokeRole'), { personId: self, role: 'ADMIN' }, admin),
    );
    expect(demoted).toMatchObject({
      __typename: 'CannotRemoveOwnAdminRole',
      code: 'cannot-remove-own-admin-role',
    });
    expect(demoted.message.fr).toContain('un autre administrateur');
    expect(await rows('person_roles', { personId: self, role: 'admin' })).toBe(1);

    const disabled = field<{ __typename: string }>(
      await gql(DISABLE, { personId: self, reason: 'Départ' }, admin),
    );
    expect(disabled.__typename).toBe('CannotDisableOwnAccount');
    const [row] = await engine.db('people').where({ id: self }).select('disabledAt');
    expect(row?.disabledAt).toBeNull();
    // Still an administrator, still signed in.
    expect((await people({})).__typename).toBe('PeoplePage');
  });

  it('disable an account: no sign-in, the token held and the refresh refused; enable it again', async () => {
    const created = field<{ account: Account; initialPassword: string }>(
      await gql(
        CREATE_STAFF,
        {
          input: {
            displayName: 'Yanis Robert',
            email: 'yanis.robert@grange.example',
            roles: ['TRAINER'],
          },
        },
        admin,
      ),
    );
    const credentials = { email: 'yanis.robert@grange.example', password: created.initialPassword };
    const session = await postAuth('/login', credentials);
    expect(session.status).toBe(200);
    const { accessToken, refreshToken } = session.body;
    expect(field<{ id: string }>(await gql('{ me { id } }', {}, accessToken)).id).toBe(
      created.account.id,
    );

    // A QR-card learner of the demo, signed in with their code and PIN.
    const emma = seeded.credentials.learners.find((l) => l.key === 'emma');
    const pinSignIn = { learnerCode: emma?.learnerCode, pin: emma?.pin };
    expect((await postAuth('/login', pinSignIn)).status).toBe(200);

    const disabled = field<{ __typename: string; account: Account }>(
      await gql(
        DISABLE,
        { personId: created.account.id, reason: '  A quitté l’association ' },
        admin,
      ),
    );
    expect(disabled).toMatchObject({
      __typename: 'PersonAccountSuccess',
      account: { disabled: true, disabledReason: 'A quitté l’association' },
    });
    field(await gql(DISABLE, { personId: emma?.personId, reason: 'Carte perdue' }, admin));

    // The access token still held is worth nothing from the next request on.
    expect(field<unknown>(await gql('{ me { id } }', {}, accessToken))).toBeNull();
    const refused = await gql('{ myGroups { id } }', {}, accessToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('unauthenticated');
    // Every refresh token was revoked at once, and the refresh is refused.
    expect(await rows('refresh_tokens', { personId: created.account.id, revokedAt: null })).toBe(0);
    const refresh = await postAuth('/refresh', { refreshToken });
    expect(refresh.status).toBe(401);
    // The right password (or PIN) says the account is disabled; a wrong one says nothing more.
    const again = await postAuth('/login', credentials);
    expect(again.status).toBe(403);
    expect(again.body.error?.code).toBe('account-disabled');
    expect(again.body.error?.message.fr).toContain('désactivé');
    const wrong = await postAuth('/login', { ...credentials, password: 'pas-le-bon-mot-de-passe' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error?.code).toBe('invalid-credentials');
    expect((await postAuth('/login', pinSignIn)).body.error?.code).toBe('account-disabled');

    // Listed only when asked for.
    const listed = await people({ filter: { search: 'yanis' } });
    expect(listed.nodes).toEqual([]);
    const withDisabled = await people({ filter: { search: 'yanis', includeDisabled: true } });
    expect(withDisabled.nodes).toMatchObject([{ id: created.account.id, disabled: true }]);

    const enabled = field<{ account: Account }>(
      await gql(ENABLE, { personId: created.account.id }, admin),
    );
    expect(enabled.account).toMatchObject({ disabled: false, disabledReason: null });
    const back = await postAuth('/login', credentials);
    expect(back.status).toBe(200);
    expect(field<{ id: string }>(await gql('{ me { id } }', {}, back.body.accessToken)).id).toBe(
      created.account.id,
    );
    field(await gql(ENABLE, { personId: emma?.personId }, admin));
    expect((await postAuth('/login', pinSignIn)).status).toBe(200);
  });

  it.each([
    ['grantRole', ROLE_CHANGE('grantRole'), { role: 'TRAINER' }],
    ['revokeRole', ROLE_CHANGE('revokeRole'), { role: 'LEARNER' }],
    ['disableAccount', DISABLE, { reason: 'Test' }],
    ['enableAccount', ENABLE, {}],
  ])(
    'answer %s for an unknown person with UnknownPerson and write nothing',
    async (_name, source, args) => {
      const before = await snapshot();
      const result = field<{ __typename: string; code: string }>(
        await gql(source, { personId: 'personne-inconnue', ...args }, admin),
      );
      expect(result).toMatchObject({ __typename: 'UnknownPerson', code: 'unknown-person' });
      expect(await snapshot()).toEqual(before);
    },
  );

  it('refuse disabling without a reason', async () => {
    const karim = (await people({ filter: { search: DEMO_TRAINERS.karim.email } })).nodes[0];
    const result = field<{ __typename: string }>(
      await gql(DISABLE, { personId: karim?.id, reason: '   ' }, admin),
    );
    expect(result.__typename).toBe('InvalidInput');
    const [row] = await engine.db('people').where({ id: karim?.id }).select('disabledAt');
    expect(row?.disabledAt).toBeNull();
  });

  it('run a group from creation to archive, enrolling its learners in its curriculum', async () => {
    const created = field<{
      __typename: string;
      group: AdminGroup & { curriculum: { id: string } };
    }>(
      await gql(
        CREATE_GROUP,
        { input: { name: '  Tablettes du jeudi ', curriculumId: 'seniors-numerique' } },
        admin,
      ),
    );
    expect(created).toMatchObject({
      __typename: 'AdminGroupSuccess',
      group: {
        name: 'Tablettes du jeudi',
        curriculum: { id: 'seniors-numerique' },
        archived: false,
        trainerCount: 0,
        learnerCount: 0,
      },
    });
    const groupId = created.group.id;
    const trainer = await staff(['trainer'], 'Rose Leroy');
    const learner = await staff(['learner'], 'Gérard Blanc');

    const add = (personId: string, role: string) =>
      gql(MEMBER('addGroupMember'), { groupId, personId, role }, admin);
    expect(field(await add(trainer.personId, 'TRAINER'))).toMatchObject({
      __typename: 'AddGroupMemberSuccess',
      group: { trainerCount: 1, learnerCount: 0 },
      enrolledCurriculumId: null,
    });

    // A learner is not a trainer: nothing is written.
    const before = await snapshot();
    expect(field(await add(learner.personId, 'TRAINER'))).toMatchObject({
      __typename: 'RoleNotHeld',
      code: 'role-not-held',
    });
    expect(await snapshot()).toEqual(before);

    expect(await rows('enrolments', { personId: learner.personId })).toBe(0);
    expect(field(await add(learner.personId, 'LEARNER'))).toMatchObject({
      __typename: 'AddGroupMemberSuccess',
      group: { trainerCount: 1, learnerCount: 1 },
      enrolledCurriculumId: 'seniors-numerique',
    });
    expect(
      await rows('enrolments', { personId: learner.personId, curriculumId: 'seniors-numerique' }),
    ).toBe(1);
    // Adding again changes nothing.
    expect(field(await add(learner.personId, 'LEARNER'))).toMatchObject({
      group: { learnerCount: 1 },
    });
    expect(await rows('enrolments', { personId: learner.personId })).toBe(1);

    // The trainer now sees the group and its learner; the learner's account lists it.
    const mine = field<{ id: string; learners: { personId: string }[] }[]>(
      await gql('{ myGroups { id learners { personId } } }', {}, trainer.token),
    );
    expect(mine).toEqual([{ id: groupId, learners: [{ personId: learner.personId }] }]);
    const account = (await people({ filter: { search: 'gerard blanc' } })).nodes[0];
    expect(account?.groups).toEqual([
      { groupId, groupName: 'Tablettes du jeudi', role: 'LEARNER' },
    ]);

    const renamed = field<{ group: AdminGroup }>(
      await gql(
        `mutation($groupId: ID!, $name: String!) { renameGroup(groupId: $groupId, name: $name) {
          ... on AdminGroupSuccess { group { ${GROUP} } } ${ERROR} } }`,
        { groupId, name: 'Tablettes du jeudi matin' },
        admin,
      ),
    );
    expect(renamed.group.name).toBe('Tablettes du jeudi matin');

    const removed = field(
      await gql(
        MEMBER('removeGroupMember'),
        { groupId, personId: learner.personId, role: 'LEARNER' },
        admin,
      ),
    );
    expect(removed).toMatchObject({
      __typename: 'RemoveGroupMemberSuccess',
      removed: true,
      group: { learnerCount: 0 },
    });
    // Leaving the group keeps the enrolment (and the progress).
    expect(await rows('enrolments', { personId: learner.personId })).toBe(1);
    const again = field(
      await gql(
        MEMBER('removeGroupMember'),
        { groupId, personId: learner.personId, role: 'LEARNER' },
        admin,
      ),
    );
    expect(again).toMatchObject({ removed: false });

    const listed = field<AdminGroup[]>(await gql(GROUPS, {}, admin));
    expect(listed.map((g) => g.name)).toContain('Tablettes du jeudi matin');
    expect(listed.map((g) => g.name)).toEqual(
      expect.arrayContaining(DEMO_GROUPS.map((g) => g.name)),
    );

    const archived = field<{ group: AdminGroup }>(
      await gql(
        `mutation($groupId: ID!) { archiveGroup(groupId: $groupId) {
          ... on AdminGroupSuccess { group { ${GROUP} } } ${ERROR} } }`,
        { groupId },
        admin,
      ),
    );
    expect(archived.group).toMatchObject({ id: groupId, archived: true, trainerCount: 1 });
    expect(field<AdminGroup[]>(await gql(GROUPS, {}, admin)).map((g) => g.id)).not.toContain(
      groupId,
    );
    expect(
      field<AdminGroup[]>(await gql(GROUPS, { includeArchived: true }, admin)).find(
        (g) => g.id === groupId,
      ),
    ).toMatchObject({ archived: true });
    expect(field<unknown[]>(await gql('{ myGroups { id } }', {}, trainer.token))).toEqual([]);
    expect(field(await add(learner.personId, 'LEARNER'))).toMatchObject({
      __typename: 'UnknownGroup',
    });
  });

  it.each([
    [
      'an unknown curriculum',
      CREATE_GROUP,
      { input: { name: 'Atelier', curriculumId: 'astronomie' } },
      'UnknownCurriculum',
    ],
    ['an empty group name', CREATE_GROUP, { input: { name: '  ' } }, 'InvalidInput'],
    [
      'an unknown group',
      MEMBER('addGroupMember'),
      { groupId: 'groupe-inconnu', personId: 'x', role: 'LEARNER' },
      'UnknownGroup',
    ],
  ])('refuse %s and write nothing', async (_label, source, variables, typename) => {
    const before = await snapshot();
    expect(field(await gql(source, variables, admin))).toMatchObject({ __typename: typename });
    expect(await snapshot()).toEqual(before);
  });

  it('refuse adding an unknown person to a group and write nothing', async () => {
    const [group] = field<AdminGroup[]>(await gql(GROUPS, {}, admin));
    const before = await snapshot();
    const result = field(
      await gql(
        MEMBER('addGroupMember'),
        { groupId: group?.id, personId: 'personne-inconnue', role: 'LEARNER' },
        admin,
      ),
    );
    expect(result).toMatchObject({ __typename: 'UnknownPerson' });
    expect(await snapshot()).toEqual(before);
  });

  it('keep every field of this suite from anyone but administrators', async () => {
    const trainer = await staff(['trainer'], 'Léa Simon');
    for (const source of [PEOPLE, GROUPS, '{ curriculaStatus { startupCheckPassed } }']) {
      expect((await gql(source, {}, trainer.token)).errors?.[0]?.extensions?.code).toBe(
        'forbidden',
      );
      expect((await gql(source, {})).errors?.[0]?.extensions?.code).toBe('unauthenticated');
    }
  });
});
